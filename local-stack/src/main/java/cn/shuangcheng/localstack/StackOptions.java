package cn.shuangcheng.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the launcher is told: where its data lives, the ports, where the service jars and the demo data are, and
 * whether to start from empty data or load the demo data. Each setting is an option ({@code --kafka-port=9092}) or an
 * environment variable ({@code KAFKA_PORT=9092}); the option wins. A port of 0 means "any free port".
 */
public record StackOptions(Path repositoryRoot, Path dataDir, boolean fresh, boolean loadDemoData, Path demoData,
                           Ports ports, String serviceHeap, Duration startDeadline, boolean restartOnFailure,
                           boolean kafkaSasl) {

    /** Every port the stack listens on, all on 127.0.0.1. */
    public record Ports(int kafka, int kafkaController, int mongo, int auth, int projectService,
                        int projectManagement, int cadreService, int cadreManagement, int reportingService,
                        int reportingManagement) {

        /**
         * The same ports with every 0 replaced by a port that is free now, each a different one: all are held open
         * until all are chosen, since a port asked for right after another was closed can be the same one again (two
         * services then fought over it, and one failed to start).
         */
        public Ports resolved() {
            List<ServerSocket> held = new ArrayList<>();
            Set<Integer> explicit = new HashSet<>(List.of(kafka, kafkaController, mongo, auth, projectService,
                    projectManagement, cadreService, cadreManagement, reportingService, reportingManagement));
            try {
                return new Ports(free(kafka, held, explicit), free(kafkaController, held, explicit),
                        free(mongo, held, explicit), free(auth, held, explicit), free(projectService, held, explicit),
                        free(projectManagement, held, explicit), free(cadreService, held, explicit),
                        free(cadreManagement, held, explicit), free(reportingService, held, explicit),
                        free(reportingManagement, held, explicit));
            } finally {
                for (ServerSocket socket : held) {
                    try {
                        socket.close();
                    } catch (IOException e) {
                        // closing a listening socket we opened ourselves; nothing was sent on it
                    }
                }
            }
        }

        /** A port given stays; for 0, a free one that is none of the ports given (one may not be bound yet). */
        private static int free(int port, List<ServerSocket> held, Set<Integer> given) {
            if (port != 0) {
                return port;
            }
            try {
                while (true) {
                    ServerSocket socket = new ServerSocket(0);
                    held.add(socket);
                    socket.setReuseAddress(true);
                    if (!given.contains(socket.getLocalPort())) {
                        return socket.getLocalPort();
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("no free port", e);
            }
        }
    }

    /** One setting: its option name, its environment variable, its default, what it is for. */
    private record Setting(String option, String env, String defaultValue, String help) {
    }

    private static final List<Setting> SETTINGS = List.of(
            new Setting("data-dir", "LOCAL_STACK_DATA_DIR", null,
                    "where Kafka, MongoDB, the signing key and the logs live (default <repository>/local-data)"),
            new Setting("demo-data", "LOCAL_STACK_DEMO_DATA", null,
                    "the demo data file (default <repository>/demo-data/demo-dataset.json)"),
            new Setting("repository", "LOCAL_STACK_REPOSITORY", null,
                    "the repository whose */target/*.jar service jars are started (default: found from the launcher)"),
            new Setting("kafka-port", "KAFKA_PORT", "9092", "Kafka broker"),
            new Setting("kafka-controller-port", "KAFKA_CONTROLLER_PORT", "9093", "Kafka KRaft controller"),
            new Setting("mongo-port", "MONGO_PORT", "27017", "MongoDB wire protocol"),
            new Setting("auth-port", "AUTH_PORT", "9000", "OAuth2 authorization server (issuer)"),
            new Setting("project-port", "PROJECT_SERVICE_PORT", "8081", "project-service API"),
            new Setting("project-management-port", "PROJECT_SERVICE_MANAGEMENT_PORT", "9081",
                    "project-service health and metrics"),
            new Setting("cadre-port", "CADRE_SERVICE_PORT", "8082", "cadre-service API"),
            new Setting("cadre-management-port", "CADRE_SERVICE_MANAGEMENT_PORT", "9082",
                    "cadre-service health and metrics"),
            new Setting("reporting-port", "REPORTING_SERVICE_PORT", "8083", "reporting-service API"),
            new Setting("reporting-management-port", "REPORTING_SERVICE_MANAGEMENT_PORT", "9083",
                    "reporting-service health and metrics"),
            new Setting("service-heap", "LOCAL_STACK_SERVICE_HEAP", "384m", "-Xmx of each service JVM"),
            new Setting("start-deadline", "LOCAL_STACK_START_DEADLINE", "PT3M",
                    "how long a service may take to become ready (ISO-8601 duration)"));

    public static StackOptions parse(String[] args, Map<String, String> env, Path defaultRepositoryRoot) {
        Map<String, String> values = new LinkedHashMap<>();
        boolean fresh = false;
        boolean demo = true;
        boolean restartOnFailure = false;
        boolean kafkaSasl = false;
        for (String arg : args) {
            if (arg.equals("--fresh")) {
                fresh = true;
            } else if (arg.equals("--no-demo-data")) {
                demo = false;
            } else if (arg.equals("--restart-on-failure")) {
                restartOnFailure = true;
            } else if (arg.equals("--kafka-sasl")) {
                kafkaSasl = true;
            } else if (arg.equals("--help") || arg.equals("-h")) {
                throw new UsageException(null);
            } else if (arg.startsWith("--") && arg.contains("=")) {
                String name = arg.substring(2, arg.indexOf('='));
                if (SETTINGS.stream().noneMatch(s -> s.option().equals(name))) {
                    throw new UsageException("unknown option --" + name);
                }
                values.put(name, arg.substring(arg.indexOf('=') + 1));
            } else {
                throw new UsageException("unknown argument " + arg);
            }
        }
        for (Setting s : SETTINGS) {
            if (!values.containsKey(s.option())) {
                String fromEnv = env.get(s.env());
                if (fromEnv != null && !fromEnv.isBlank()) {
                    values.put(s.option(), fromEnv.strip());
                } else if (s.defaultValue() != null) {
                    values.put(s.option(), s.defaultValue());
                }
            }
        }
        Path repository = values.containsKey("repository") ? Path.of(values.get("repository")).toAbsolutePath()
                : defaultRepositoryRoot;
        Path dataDir = values.containsKey("data-dir") ? Path.of(values.get("data-dir")).toAbsolutePath()
                : repository.resolve("local-data");
        Path demoData = values.containsKey("demo-data") ? Path.of(values.get("demo-data")).toAbsolutePath()
                : repository.resolve("demo-data/demo-dataset.json");
        Ports ports = new Ports(port(values, "kafka-port"), port(values, "kafka-controller-port"),
                port(values, "mongo-port"), port(values, "auth-port"), port(values, "project-port"),
                port(values, "project-management-port"), port(values, "cadre-port"),
                port(values, "cadre-management-port"), port(values, "reporting-port"),
                port(values, "reporting-management-port"));
        Duration deadline;
        try {
            deadline = Duration.parse(values.get("start-deadline"));
        } catch (RuntimeException e) {
            throw new UsageException("--start-deadline wants an ISO-8601 duration such as PT3M");
        }
        return new StackOptions(repository, dataDir, fresh, demo, demoData, ports, values.get("service-heap"),
                deadline, restartOnFailure, kafkaSasl);
    }

    private static int port(Map<String, String> values, String option) {
        try {
            int port = Integer.parseInt(values.get(option));
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + option + " wants a port number (0 for any free port), not "
                    + values.get(option));
        }
    }

    public static String usage() {
        StringBuilder text = new StringBuilder("""
                Usage: local-stack/run.sh [--fresh] [--no-demo-data] [--restart-on-failure] [--kafka-sasl]
                                          [--option=value ...]

                Starts Kafka (KRaft) and a MongoDB wire-protocol server in this JVM, a development OAuth2
                authorization server, project-service, cadre-service and reporting-service, and loads the demo data
                through the APIs (a second start loads nothing twice). Ctrl-C stops everything.

                  --fresh          delete the data directory first: start from empty data
                  --no-demo-data   do not load the demo data
                  --restart-on-failure
                                   restart a service that dies (back-off from 1 s, at most 5 times in
                                   10 minutes), as a supervisor would; without it a death is only reported
                  --kafka-sasl     run Kafka as deploy/ does: SASL (SCRAM-SHA-512) on every listener and ACLs;
                                   each service logs in as its own user (passwords drawn at every start), only
                                   project-service and cadre-service may write their event topics, only the
                                   intake system the intake topic (its password is printed), reporting-service
                                   only reads
                """);
        for (Setting s : SETTINGS) {
            text.append(String.format("  --%s=...  (%s)  %s%s%n", s.option(), s.env(), s.help(),
                    s.defaultValue() == null ? "" : ", default " + s.defaultValue()));
        }
        return text.toString();
    }

    /** The jar of a service module of the repository: {@code <module>/target/<module>-<version>.jar}. */
    public Path serviceJar(String module, String version) {
        return repositoryRoot.resolve(module).resolve("target").resolve(module + "-" + version + ".jar");
    }

    /** Bad options: the message, then the usage. */
    public static final class UsageException extends RuntimeException {
        public UsageException(String message) {
            super(message);
        }
    }
}
