package cn.shuangcheng.localstack;

import cn.shuangcheng.contracts.Topics;

import cn.shuangcheng.localstack.auth.DemoClients;
import cn.shuangcheng.localstack.auth.DemoClients.DemoClient;
import cn.shuangcheng.localstack.auth.DemoUsers;
import cn.shuangcheng.localstack.auth.DevAuthorizationServer;
import cn.shuangcheng.localstack.demo.DemoDataset;
import cn.shuangcheng.localstack.demo.DemoLoader;
import cn.shuangcheng.localstack.demo.LoadReport;
import cn.shuangcheng.localstack.http.Api;
import cn.shuangcheng.localstack.http.ClientCredentials;
import cn.shuangcheng.localstack.kafka.EmbeddedKafka;
import cn.shuangcheng.localstack.kafka.KafkaUser;
import cn.shuangcheng.localstack.kafka.KafkaUsers;
import cn.shuangcheng.localstack.mongo.EmbeddedMongo;
import cn.shuangcheng.localstack.report.ReportingCatchUp;
import cn.shuangcheng.localstack.services.ServiceProcess;
import cn.shuangcheng.localstack.services.ServiceSpec;
import cn.shuangcheng.localstack.services.ServiceWatch;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * The whole local stack in one object: started in dependency order (MongoDB stand-in, Kafka, the authorization
 * server, then the three services at once, each awaited on its readiness probe), stopped in reverse. Both the
 * command-line launcher and the end-to-end test drive it, so the test starts exactly what the README's command does.
 */
public final class Stack implements AutoCloseable {

    public static final String PROJECT_SERVICE = "project-service";
    public static final String CADRE_SERVICE = "cadre-service";
    public static final String REPORTING_SERVICE = "reporting-service";
    public static final String PROJECT_TOPIC = Topics.PROJECT_EVENTS;
    public static final String CADRE_TOPIC = Topics.CADRE_EVENTS;
    public static final String PROJECT_DATABASE = "shuangcheng-projects";
    public static final String CADRE_DATABASE = "shuangcheng-cadres";
    public static final String REPORTING_DATABASE = "shuangcheng-reporting";
    public static final String REPORTING_GROUP = "reporting-service";
    private static final Duration CATCH_UP_DEADLINE = Duration.ofMinutes(5);

    private final StackOptions options;
    private final StackOptions.Ports ports;
    private final DataDirectory data;
    private final Consumer<String> out;
    private final JsonMapper json = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private EmbeddedMongo mongo;
    private EmbeddedKafka kafka;
    private DevAuthorizationServer auth;
    private final ServiceWatch watch;
    private volatile boolean closing;
    /** A MongoDB and a Kafka of the caller's instead of the embedded ones (bench/run.sh --mongodb-uri, --kafka). */
    private String externalMongoUri, externalKafka;

    /** Prepares the stack (ports resolved, data directory ready); {@link #start()} starts it. */
    public Stack(StackOptions options, DataDirectory data, PrintStream out) {
        this.options = options;
        this.ports = options.ports().resolved();
        this.data = data;
        this.out = out::println;
        this.watch = new ServiceWatch(options.restartOnFailure(), options.serviceHeap(), data.logs(),
                options.startDeadline(), this.out);
    }

    /** Before {@link #start()}: a MongoDB and a Kafka (no SASL) of the caller's; null keeps that one embedded. */
    public Stack external(String mongoUri, String kafkaBootstrapServers) {
        this.externalMongoUri = mongoUri;
        this.externalKafka = kafkaBootstrapServers;
        return this;
    }

    public void start() throws Exception {
        long began = System.nanoTime();
        if (externalMongoUri == null) {
            out.accept("Starting the MongoDB stand-in (H2 file " + data.mongoStore() + ".db) on 127.0.0.1:"
                    + ports.mongo() + " …");
            mongo = EmbeddedMongo.start(data.mongoStore(), ports.mongo());
        }
        if (externalKafka == null) {
            out.accept("Starting Kafka (KRaft, one node, " + data.kafka() + ") on 127.0.0.1:" + ports.kafka()
                    + (options.kafkaSasl() ? " with SASL (SCRAM-SHA-512) and ACLs" : "") + " …");
            kafka = EmbeddedKafka.start(data.kafka(), ports.kafka(), ports.kafkaController(), Duration.ofMinutes(1),
                    options.kafkaSasl() ? KafkaUsers.drawn() : null);
        }
        // The services need the issuer only when the first token arrives: the authorization server starts while
        // they do.
        out.accept("Starting the development OAuth2 authorization server on 127.0.0.1:" + ports.auth() + " …");
        CompletableFuture<DevAuthorizationServer> authStarting = CompletableFuture.supplyAsync(() -> {
            try {
                return DevAuthorizationServer.start(ports.auth(), data.signingKey(),
                        DemoUsers.dashboardUrl(baseUrl(REPORTING_SERVICE)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        String issuer = DevAuthorizationServer.issuerFor(ports.auth());
        String version = BuildInfo.version();
        List<ServiceSpec> specs = List.of(
                spec(PROJECT_SERVICE, version, ports.projectService(), ports.projectManagement(), PROJECT_DATABASE,
                        issuer, Map.of()),
                spec(CADRE_SERVICE, version, ports.cadreService(), ports.cadreManagement(), CADRE_DATABASE, issuer,
                        Map.of()),
                spec(REPORTING_SERVICE, version, ports.reportingService(), ports.reportingManagement(),
                        REPORTING_DATABASE, issuer, Map.of("SHUANGCHENG_REPORTING_GROUPID", REPORTING_GROUP)));
        for (ServiceSpec spec : specs) {
            out.accept("Starting " + spec.name() + " on " + spec.baseUrl() + " (log " + data.logs()
                    .resolve(spec.name() + ".log") + ") …");
            watch.start(spec);
        }
        try {
            auth = authStarting.join();
        } catch (CompletionException e) {
            throw new IllegalStateException("the authorization server did not start on 127.0.0.1:" + ports.auth()
                    + " (is the port taken? choose another with --auth-port)", e.getCause());
        }
        out.accept(String.format("  authorization server is ready (%s)", elapsed(began)));
        for (ServiceProcess service : watch.services()) {
            service.awaitReady(options.startDeadline());
            out.accept(String.format("  %s is ready (%s)", service.spec().name(), elapsed(began)));
            watch.watch(service);
        }
        out.accept("Everything is up after " + elapsed(began) + ".");
    }

    private static String elapsed(long since) {
        return String.format("%.0f s", (System.nanoTime() - since) / 1e9);
    }

    private ServiceSpec spec(String name, String version, int port, int managementPort, String database,
                             String issuer, Map<String, String> extra) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PORT", String.valueOf(port));
        env.put("MANAGEMENT_PORT", String.valueOf(managementPort));
        env.put("MONGODB_URI", mongoConnectionString());
        env.put("MONGODB_DATABASE", database);
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrapServers());
        env.put("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI", issuer);
        env.put("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWK_SET_URI", issuer + DevAuthorizationServer.JWKS_PATH);
        env.put("SHUANGCHENG_SECURITY_AUDIENCE", DevAuthorizationServer.AUDIENCE);
        // a developer's machine: /actuator/health shows which part is down (the services' own default is never)
        env.put("MANAGEMENT_ENDPOINT_HEALTH_SHOWDETAILS", "always");
        if (kafka != null && kafka.users() != null) {
            // each service logs in to Kafka as its own user (the user is named as the service)
            env.putAll(kafka.users().serviceEnvironment(KafkaUser.ofService(name)));
        }
        env.putAll(extra);
        return new ServiceSpec(name, options.serviceJar(name, version), port, managementPort, env);
    }

    /** Loads the demo data through the APIs (idempotent) and answers what it did. */
    public LoadReport loadDemoData() throws Exception {
        DemoDataset dataset = DemoDataset.read(options.demoData(), json);
        out.accept("Loading the demo data from " + dataset.file() + " through the APIs …");
        LoadReport report = new DemoLoader(api(PROJECT_SERVICE, DemoClients.DEMO_LOADER),
                api(CADRE_SERVICE, DemoClients.DEMO_LOADER), out).load(dataset);
        report.parts().forEach(part -> out.accept("  " + part));
        report.failures().forEach(f -> out.accept("  !! " + f));
        report.notes().forEach(n -> out.accept("  note: " + n));
        return report;
    }

    /** Waits until reporting-service has applied every stored event. */
    public ReportingCatchUp.Position awaitReporting() throws InterruptedException {
        ReportingCatchUp.Position position = new ReportingCatchUp(kafka != null ? kafka.adminConfig()
                : Map.of("bootstrap.servers", externalKafka), mongoConnectionString(),
                REPORTING_GROUP, List.of(new ReportingCatchUp.Source(PROJECT_DATABASE, PROJECT_TOPIC),
                new ReportingCatchUp.Source(CADRE_DATABASE, CADRE_TOPIC))).await(CATCH_UP_DEADLINE);
        out.accept("reporting-service has applied all " + position.applied() + " events ("
                + position.storedEvents() + " stored by the write services).");
        return position;
    }

    /** The portfolio statement of a year, as the reader client gets it. */
    public JsonNode portfolio(int year) {
        Api.Answer answer = api(REPORTING_SERVICE, DemoClients.READER).get("/api/v1/reports/portfolio?year=" + year);
        if (!answer.is(200)) {
            throw new IllegalStateException("reporting-service did not answer the " + year + " portfolio: "
                    + answer.describe());
        }
        return answer.body();
    }

    /** The joint office's sentence for year Y's list, as reporting-service writes it (text/plain, zh-CN). */
    public String statement(int year) {
        Api.Answer answer = api(REPORTING_SERVICE, DemoClients.READER).get(
                "/api/v1/reports/portfolio/statement?year=" + year, Map.of("Accept", "text/plain"));
        if (!answer.is(200)) {
            throw new IllegalStateException("reporting-service did not answer the " + year + " statement: "
                    + answer.describe());
        }
        return answer.raw().strip();
    }

    /** A JSON client of one service with one demo client's token. */
    public Api api(String service, DemoClient client) {
        ClientCredentials credentials = new ClientCredentials(http, json, auth.tokenEndpoint(), client.clientId(),
                client.secret(), client.scopeParameter());
        return new Api(http, json, baseUrl(service), credentials);
    }

    public String baseUrl(String service) {
        return "http://127.0.0.1:" + switch (service) {
            case PROJECT_SERVICE -> ports.projectService();
            case CADRE_SERVICE -> ports.cadreService();
            case REPORTING_SERVICE -> ports.reportingService();
            default -> throw new IllegalArgumentException(service);
        };
    }

    /** What run.sh prints once everything is up: addresses, logs, demo clients and the dashboard's user. */
    public String summary() {
        return StackSummary.of(this);
    }

    /** The embedded Kafka; null when the stack uses the caller's ({@link #external}). */
    EmbeddedKafka embeddedKafka() {
        return kafka;
    }

    DevAuthorizationServer authorizationServer() {
        return auth;
    }

    public DataDirectory data() {
        return data;
    }

    public StackOptions.Ports ports() {
        return ports;
    }

    public String mongoConnectionString() {
        return mongo != null ? mongo.connectionString() : externalMongoUri;
    }

    public String kafkaBootstrapServers() {
        return kafka != null ? kafka.bootstrapServers() : externalKafka;
    }

    public List<ServiceProcess> services() {
        return watch.services();
    }

    /** Stops the services first (they flush to Kafka and MongoDB), then the auth server, Kafka and MongoDB. */
    @Override
    public synchronized void close() {
        if (closing) {
            return;
        }
        closing = true;
        watch.close();
        List<ServiceProcess> running = new ArrayList<>(watch.services());
        Collections.reverse(running);
        // all at once: each gets its grace period in parallel, not one after the other
        List<Thread> stopping = new ArrayList<>();
        for (ServiceProcess service : running) {
            Thread stop = new Thread(service::close, "stop-" + service.spec().name());
            stop.start();
            stopping.add(stop);
        }
        for (Thread t : stopping) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        closeQuietly(auth);
        closeQuietly(kafka);
        closeQuietly(mongo);
    }

    private void closeQuietly(AutoCloseable part) {
        if (part == null) {
            return;
        }
        try {
            part.close();
        } catch (Exception e) {
            out.accept("!! stopping " + part.getClass().getSimpleName() + " failed: " + e);
        }
    }
}
