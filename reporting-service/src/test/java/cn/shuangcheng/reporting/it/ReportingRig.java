package cn.shuangcheng.reporting.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import cn.shuangcheng.reporting.ReportingServiceApplication;
import cn.shuangcheng.support.testing.ManagementPort;
import cn.shuangcheng.servicesupport.testing.SecuredKafka;
import cn.shuangcheng.servicesupport.testing.SharedKafka;
import cn.shuangcheng.servicesupport.testing.SharedMongo;
import cn.shuangcheng.support.testing.TestTokens;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** reporting-service running for real on its own database, topics and consumer group; restartable. */
final class ReportingRig implements AutoCloseable {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final String database = SharedMongo.uniqueDatabaseName("reporting");
    final String projectTopic;
    final String cadreTopic;
    final String deadLetterTopic;
    final String groupId;
    private final List<String> kafkaArgs;
    private final List<Class<?>> extraSources = new ArrayList<>();
    private final List<String> extraArgs = new ArrayList<>();
    private String mongoUri = SharedMongo.connectionString();
    private ConfigurableApplicationContext context;
    private int port;

    ReportingRig() {
        this(java.util.Map.of());
    }

    /** @param deadLetterTopicConfig topic settings of the dead-letter topic (e.g. a small max.message.bytes) */
    ReportingRig(java.util.Map<String, String> deadLetterTopicConfig) {
        projectTopic = SharedKafka.uniqueTopic("shuangcheng.project.events.v1");
        cadreTopic = SharedKafka.uniqueTopic("shuangcheng.cadre.events.v1");
        deadLetterTopic = SharedKafka.uniqueTopic("shuangcheng.reporting.dlq.v1");
        groupId = "reporting-" + database;
        kafkaArgs = List.of("--shuangcheng.kafka.bootstrap-servers=" + SharedKafka.bootstrapServers());
        SharedKafka.createTopic(projectTopic, 3);
        SharedKafka.createTopic(cadreTopic, 2);
        SharedKafka.createTopic(deadLetterTopic, 1, deadLetterTopicConfig);
    }

    /**
     * An instance on the {@link SecuredKafka} broker, as deployed: the contract's topics and group, and its own SCRAM
     * credentials through {@code shuangcheng.kafka.properties} only. The event topics are created as kafka-init does.
     */
    static ReportingRig onSecuredKafka() {
        return new ReportingRig(SecuredKafka.serviceArguments(SecuredKafka.User.REPORTING_SERVICE));
    }

    private ReportingRig(List<String> kafkaArgs) {
        projectTopic = SecuredKafka.PROJECT_EVENTS;
        cadreTopic = SecuredKafka.CADRE_EVENTS;
        deadLetterTopic = SecuredKafka.DEAD_LETTERS;
        groupId = "reporting-service";
        this.kafkaArgs = kafkaArgs;
        SecuredKafka.createTopic(projectTopic, 3);
        SecuredKafka.createTopic(cadreTopic, 2);
    }

    /** A test configuration to start along with the service (e.g. one that captures spans). */
    ReportingRig withSource(Class<?> source) {
        extraSources.add(source);
        return this;
    }

    /** Another MongoDB than the shared stand-in (e.g. one a test stops and starts again). */
    ReportingRig withMongo(String uri) {
        mongoUri = uri;
        return this;
    }

    /** Sets a property for the next start (replacing an earlier value of it). */
    ReportingRig with(String property, Object value) {
        extraArgs.removeIf(arg -> arg.startsWith("--" + property + "="));
        extraArgs.add("--" + property + "=" + value);
        return this;
    }

    ReportingRig start() {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0", "--management.server.port=0",
                "--spring.mongodb.uri=" + mongoUri,
                "--shuangcheng.reporting.database=" + database,
                "--shuangcheng.reporting.project-topic=" + projectTopic,
                "--shuangcheng.reporting.cadre-topic=" + cadreTopic,
                "--shuangcheng.reporting.dead-letter-topic=" + deadLetterTopic,
                "--shuangcheng.reporting.group-id=" + groupId,
                "--shuangcheng.reporting.poll-timeout=200ms"));
        args.addAll(kafkaArgs);
        args.addAll(TestTokens.securityArguments());
        args.addAll(extraArgs);
        List<Class<?>> sources = new ArrayList<>(List.of(ReportingServiceApplication.class));
        sources.addAll(extraSources);
        context = new SpringApplicationBuilder(sources.toArray(Class<?>[]::new)).run(args.toArray(String[]::new));
        port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return this;
    }

    void stop() {
        if (context != null) {
            context.close();
            context = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** The API as a partner system calls it. */
    cn.shuangcheng.support.testing.Api api() {
        return new cn.shuangcheng.support.testing.Api(port);
    }

    /** The management port: health probes and the Prometheus exposition, without a token. */
    ManagementPort management() {
        return new ManagementPort(Integer.parseInt(context.getEnvironment().getProperty("local.management.port")));
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    HttpResponse<String> get(String path, String accept, String... scopes) {
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", TestTokens.bearer("partner", scopes)).header("Accept", accept).GET());
    }

    /** A binary answer (an xlsx workbook). */
    HttpResponse<byte[]> getBytes(String path, String accept, String... scopes) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .header("Authorization", TestTokens.bearer("partner", scopes)).header("Accept", accept).GET()
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> anonymousGet(String path) {
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET());
    }

    HttpResponse<String> post(String path, String... scopes) {
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", TestTokens.bearer("admin", scopes))
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    JsonNode json(String path) {
        HttpResponse<String> response = get(path, "application/json", "reports:read");
        if (response.statusCode() != 200) {
            throw new AssertionError(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** The read model's diagnostics of one project (sequences, gaps, event count): the admin view, reports:admin. */
    JsonNode diagnostics(String projectId) {
        HttpResponse<String> response = get("/api/v1/admin/projects/" + projectId, "application/json", "reports:admin");
        if (response.statusCode() != 200) {
            throw new AssertionError(projectId + "'s diagnostics answered " + response.statusCode() + ": "
                    + response.body());
        }
        return JSON.readTree(response.body());
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
