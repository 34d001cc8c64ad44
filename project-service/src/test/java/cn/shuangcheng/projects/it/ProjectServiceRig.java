package cn.shuangcheng.projects.it;

import cn.shuangcheng.support.testing.Api;
import cn.shuangcheng.projects.ProjectServiceApplication;
import cn.shuangcheng.support.testing.ManagementPort;
import cn.shuangcheng.servicesupport.testing.SecuredKafka;
import cn.shuangcheng.servicesupport.testing.SharedKafka;
import cn.shuangcheng.servicesupport.testing.SharedMongo;
import cn.shuangcheng.support.testing.TestTokens;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.bson.Document;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * project-service running for real: its own database on the shared MongoDB stand-in, its own topic on the
 * shared Kafka broker, tokens signed by the test key. It can be stopped and started again on the same
 * database and topic, as an operator restarts a service.
 */
final class ProjectServiceRig implements AutoCloseable {

    static final String PARTITIONS = "3";

    final String database;
    final String topic;
    final String intakeTopic;
    final String rejectionsTopic;
    private final Map<String, Object> extraProperties = new LinkedHashMap<>();
    private final List<String> kafkaArguments;
    private String mongoUri = SharedMongo.connectionString();
    private ConfigurableApplicationContext context;
    private Api api;

    /** An instance with its own database and topics. */
    ProjectServiceRig() {
        this.database = SharedMongo.uniqueDatabaseName("projects");
        this.topic = SharedKafka.uniqueTopic("shuangcheng.project.events.v1");
        this.intakeTopic = SharedKafka.uniqueTopic("shuangcheng.intake.submissions.v1");
        this.rejectionsTopic = SharedKafka.uniqueTopic("shuangcheng.intake.rejections.v1");
        this.kafkaArguments = List.of("--shuangcheng.kafka.bootstrap-servers=" + SharedKafka.bootstrapServers());
    }

    /**
     * An instance on the {@link SecuredKafka} broker, as deployed: the contract's topic names, and its own SCRAM
     * credentials, given through {@code shuangcheng.kafka.properties} only.
     */
    static ProjectServiceRig onSecuredKafka() {
        return new ProjectServiceRig(SecuredKafka.serviceArguments(SecuredKafka.User.PROJECT_SERVICE));
    }

    private ProjectServiceRig(List<String> kafkaArguments) {
        this.database = SharedMongo.uniqueDatabaseName("projects");
        this.topic = SecuredKafka.PROJECT_EVENTS;
        this.intakeTopic = SecuredKafka.INTAKE;
        this.rejectionsTopic = SecuredKafka.REJECTIONS;
        this.kafkaArguments = kafkaArguments;
    }

    /** A second instance of the same deployment: {@code other}'s database and topics, as two pods share them. */
    ProjectServiceRig(ProjectServiceRig other) {
        this.database = other.database;
        this.topic = other.topic;
        this.intakeTopic = other.intakeTopic;
        this.rejectionsTopic = other.rejectionsTopic;
        this.kafkaArguments = other.kafkaArguments;
    }

    /**
     * Another MongoDB than the shared stand-in, or the shared one through this connection string (e.g. a
     * {@code TcpLink}): one the test can cut off, stop and start.
     */
    ProjectServiceRig withMongo(String connectionString) {
        this.mongoUri = connectionString;
        return this;
    }

    ProjectServiceRig with(String property, Object value) {
        extraProperties.put(property, value);
        return this;
    }

    ProjectServiceRig start() {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--management.server.port=0",
                "--spring.mongodb.uri=" + mongoUri,
                "--shuangcheng.mongodb.database=" + database,
                "--shuangcheng.publication.topic=" + topic,
                "--shuangcheng.publication.partitions=" + PARTITIONS,
                "--shuangcheng.intake.submissions-topic=" + intakeTopic,
                "--shuangcheng.intake.rejections-topic=" + rejectionsTopic));
        args.addAll(kafkaArguments);
        args.addAll(TestTokens.securityArguments());
        extraProperties.forEach((k, v) -> args.add("--" + k + "=" + v));
        context = new SpringApplicationBuilder(ProjectServiceApplication.class).run(args.toArray(String[]::new));
        api = new Api(((WebServerApplicationContext) context).getWebServer().getPort());
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

    Api api() {
        return api;
    }

    /** The API's address, for a request the {@link Api} client cannot make (a body sent as it is written). */
    java.net.URI uri(String path) {
        return java.net.URI.create("http://127.0.0.1:"
                + ((WebServerApplicationContext) context).getWebServer().getPort() + path);
    }

    /** The management port: health probes and the Prometheus exposition, without a token. */
    ManagementPort management() {
        return new ManagementPort(Integer.parseInt(context.getEnvironment().getProperty("local.management.port")));
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** How many events the event store holds: "changes nothing" is checked against this. */
    long storedEvents() {
        try (MongoClient client = MongoClients.create(SharedMongo.connectionString())) {
            // events only, not the tombstones trackers leave in global indexes they gave up
            return client.getDatabase(database).getCollection("domainevents")
                    .countDocuments(new Document("tombstone", new Document("$exists", false)));
        }
    }

    /** Intake rows whose batch was never registered: what a refused batch must not leave behind. */
    long intakeRowsWithoutBatch() {
        try (MongoClient client = MongoClients.create(SharedMongo.connectionString())) {
            var db = client.getDatabase(database);
            java.util.Set<String> batches = new java.util.HashSet<>();
            db.getCollection("intake_batches").find().forEach(b -> batches.add(b.getString("_id")));
            long orphans = 0;
            for (String batchId : db.getCollection("intake_rows").distinct("batchId", String.class)) {
                if (!batches.contains(batchId)) {
                    orphans += db.getCollection("intake_rows").countDocuments(new Document("batchId", batchId));
                }
            }
            return orphans;
        }
    }

    long storedEventsOf(String aggregateId) {
        try (MongoClient client = MongoClients.create(SharedMongo.connectionString())) {
            return client.getDatabase(database).getCollection("domainevents")
                    .countDocuments(new Document("aggregateIdentifier", aggregateId));
        }
    }
}
