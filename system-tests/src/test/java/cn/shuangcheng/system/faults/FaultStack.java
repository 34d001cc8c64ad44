package cn.shuangcheng.system.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

import cn.shuangcheng.support.testing.TestTokens;
import cn.shuangcheng.system.ServiceProcess;

/**
 * The system under fault: one restartable Kafka broker and one file-backed MongoDB stand-in in this JVM, on fixed
 * ports for the whole suite, and project-service, cadre-service and reporting-service (one or two instances each) as
 * processes from their jars. Everything lives in {@code system-tests/target/faults/}, emptied at the start.
 */
final class FaultStack implements AutoCloseable {

    static final String PROJECT_TOPIC = "shuangcheng.project.events.v1";
    static final String PROJECT_DATABASE = "faults_projects";
    static final String CADRE_TOPIC = "shuangcheng.cadre.events.v1";
    static final String CADRE_DATABASE = "faults_cadres";
    static final String REPORTING_DATABASE = "faults_reporting";
    /** Short, so that the pause scenario outlasts it (the default is one minute). */
    static final String GAP_TIMEOUT = "10s";
    /**
     * Short, so that a registration resent after its instance was killed holding the person's reservation is decided
     * within the stream (the default is five minutes).
     */
    private static final String RESERVATION_GRACE = "PT20S";
    static final String REPORTING_GROUP = "reporting-faults";
    /** Short, so that the rebuild scenario's surviving instance takes the rebuild over soon (the default is 1 min). */
    static final String REBUILD_HEARTBEAT_TIMEOUT = "PT8S";
    private static final String DEAD_LETTER_TOPIC = "shuangcheng.reporting.dlq.v1";

    final Path directory = ServiceProcess.moduleDirectory("system-tests").resolve("target/faults");
    final RestartableKafka kafka;
    final RestartableMongo mongo;
    /** The running instances by slot; a killed one keeps its slot until it is started again. */
    final List<ServiceProcess> projectServices = new CopyOnWriteArrayList<>();
    final List<ServiceProcess> reportingServices = new CopyOnWriteArrayList<>();
    final List<ServiceProcess> cadreServices = new CopyOnWriteArrayList<>();

    FaultStack() {
        deleteRecursively(directory);
        kafka = new RestartableKafka(directory.resolve("kafka"), ServiceProcess.freePort(), ServiceProcess.freePort());
        mongo = new RestartableMongo(directory.resolve("mongo/faults.mv"), ServiceProcess.freePort());
    }

    void start() throws Exception {
        kafka.start();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            // three partitions: two reporting instances share the project topic
            admin.createTopics(List.of(new NewTopic(PROJECT_TOPIC, 3, (short) 1),
                    new NewTopic(CADRE_TOPIC, 1, (short) 1), new NewTopic(DEAD_LETTER_TOPIC, 1, (short) 1)))
                    .all().get();
        }
        mongo.start();
        addProjectService();
        addCadreService();
        addReportingService();
    }

    ServiceProcess addProjectService() {
        String name = "project-service-" + (char) ('a' + projectServices.size());
        ServiceProcess service = ServiceProcess.start("project-service", name, environment(PROJECT_DATABASE),
                arguments("--shuangcheng.publication.topic=" + PROJECT_TOPIC,
                        "--shuangcheng.eventstore.fault-injection.hold-after-reservation="
                                + seam(projectServices.size()),
                        "--shuangcheng.intake.kafka-enabled=false",
                        "--shuangcheng.eventstore.gap-timeout=" + GAP_TIMEOUT), List.of("-Xmx256m"));
        projectServices.add(service);
        return service;
    }

    ServiceProcess addCadreService() {
        String name = "cadre-service-" + (char) ('a' + cadreServices.size());
        ServiceProcess service = ServiceProcess.start("cadre-service", name, environment(CADRE_DATABASE),
                arguments("--shuangcheng.publication.topic=" + CADRE_TOPIC,
                        "--shuangcheng.cadres.reservation-grace=" + RESERVATION_GRACE,
                        "--shuangcheng.eventstore.gap-timeout=" + GAP_TIMEOUT), List.of("-Xmx256m"));
        cadreServices.add(service);
        return service;
    }

    ServiceProcess addReportingService() {
        String name = "reporting-service-" + (char) ('a' + reportingServices.size());
        ServiceProcess service = ServiceProcess.start("reporting-service", name, environment(REPORTING_DATABASE),
                arguments("--shuangcheng.reporting.project-topic=" + PROJECT_TOPIC,
                        "--shuangcheng.reporting.cadre-topic=" + CADRE_TOPIC,
                        "--shuangcheng.reporting.dead-letter-topic=" + DEAD_LETTER_TOPIC,
                        "--shuangcheng.reporting.group-id=" + REPORTING_GROUP,
                        "--shuangcheng.reporting.rebuild-heartbeat-timeout=" + REBUILD_HEARTBEAT_TIMEOUT,
                        // smaller batches: a rebuild takes many polls, so the suite can kill it in the middle
                        "--shuangcheng.reporting.max-poll-records=100"), List.of("-Xmx256m"));
        reportingServices.add(service);
        return service;
    }

    /**
     * The directory of project-service's append seam for the instance in the slot, with the marker that enables it
     * (see service-support's {@code HoldAfterReservation}): a file {@code hold} there holds the instance's next append
     * after its index reservation, until {@code release-<index>} appears.
     */
    Path seam(int slot) {
        Path seam = directory.resolve("seam/project-service-" + (char) ('a' + slot));
        try {
            Files.createDirectories(seam);
            if (!Files.exists(seam.resolve("fault-injection-enabled"))) {
                Files.createFile(seam.resolve("fault-injection-enabled"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return seam;
    }

    /** SIGKILL of the instance in the slot. */
    void kill(List<ServiceProcess> slots, int slot) {
        slots.get(slot).kill();
    }

    /** Starts the killed instance in the slot again, on its ports, and returns once it is ready. */
    void restart(List<ServiceProcess> slots, int slot) {
        slots.set(slot, slots.get(slot).restart());
    }

    List<URI> projectApis() {
        return apis(projectServices);
    }

    List<URI> cadreApis() {
        return apis(cadreServices);
    }

    List<URI> reportingApis() {
        return apis(reportingServices);
    }

    private static List<URI> apis(List<ServiceProcess> services) {
        List<URI> apis = new ArrayList<>();
        services.forEach(service -> apis.add(service.api("/")));
        return apis;
    }

    private Map<String, String> environment(String database) {
        return Map.of("MONGODB_URI", mongo.connectionString(), "MONGODB_DATABASE", database,
                "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
    }

    private static List<String> arguments(String... more) {
        List<String> all = new ArrayList<>(TestTokens.securityArguments());
        all.addAll(List.of(more));
        return all;
    }

    @Override
    public void close() {
        for (ServiceProcess service : reportingServices) {
            service.close();
        }
        for (ServiceProcess service : projectServices) {
            service.close();
        }
        for (ServiceProcess service : cadreServices) {
            service.close();
        }
        mongo.close();
        kafka.close();
    }

    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
