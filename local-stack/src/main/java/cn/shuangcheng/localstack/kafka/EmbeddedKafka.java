package cn.shuangcheng.localstack.kafka;

import cn.shuangcheng.contracts.Topics;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A real Kafka broker in this JVM: one KRaft node that is broker and controller at once, from Kafka's normal server
 * artifacts (not the test kit), its log directory in the data directory. The storage is formatted on the first start
 * only, so topics and offsets survive a restart.
 * <p>
 * With {@link KafkaUsers} ({@code --kafka-sasl}) it runs as compose does: both listeners authenticate (SASL), the
 * services and the intake system with SCRAM-SHA-512, the super user {@code admin} with PLAIN, and a
 * {@code StandardAuthorizer} denies what the users' ACLs do not grant.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final int NODE_ID = 1;
    private static final String CONTROLLER_LISTENER = "CONTROLLER";

    private static final String BROKER_LISTENER = "BROKER";

    private final KafkaRaftServer server;
    private final String bootstrapServers;
    private final KafkaUsers users;

    private EmbeddedKafka(KafkaRaftServer server, String bootstrapServers, KafkaUsers users) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
        this.users = users;
    }

    /** @param users null for a PLAINTEXT broker that lets everyone do everything */
    public static EmbeddedKafka start(Path logDir, int port, int controllerPort, Duration deadline, KafkaUsers users)
            throws Exception {
        Files.createDirectories(logDir);
        Properties config = brokerConfig(logDir, port, controllerPort, users);
        KafkaConfig kafkaConfig = KafkaConfig.fromProps(config);
        if (!Files.exists(logDir.resolve("meta.properties"))) {
            format(logDir);
        }
        KafkaRaftServer server = new KafkaRaftServer(kafkaConfig, Time.SYSTEM);
        server.startup();
        String bootstrap = "127.0.0.1:" + port;
        EmbeddedKafka kafka = new EmbeddedKafka(server, bootstrap, users);
        try {
            kafka.awaitBroker(deadline);
            try (Admin admin = Admin.create(kafka.adminConfig())) {
                if (users != null) {
                    users.grant(admin);
                }
                createDeadLetterTopic(admin);
            }
        } catch (Exception e) {
            kafka.close();
            throw e;
        }
        return kafka;
    }

    /** The dead-letter topic, as deploy's kafka-init creates it: a letter is the original record and its headers. */
    private static void createDeadLetterTopic(Admin admin) throws Exception {
        try {
            admin.createTopics(List.of(new NewTopic(Topics.REPORTING_DEAD_LETTERS, 1, (short) 1).configs(Map.of(
                    TopicConfig.MAX_DECOMPRESSED_MESSAGE_BYTES_CONFIG, Integer.toString(Topics.MAX_DEAD_LETTER_BYTES)))))
                    .all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    static Properties brokerConfig(Path logDir, int port, int controllerPort, KafkaUsers users) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(NODE_ID));
        // A static single-voter quorum: nothing to bootstrap, nothing to reconfigure.
        p.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        String protocol = users == null ? "PLAINTEXT" : "SASL_PLAINTEXT";
        p.put("listeners", BROKER_LISTENER + "://127.0.0.1:" + port + "," + CONTROLLER_LISTENER + "://127.0.0.1:"
                + controllerPort);
        p.put("advertised.listeners", BROKER_LISTENER + "://127.0.0.1:" + port);
        p.put("listener.security.protocol.map", BROKER_LISTENER + ":" + protocol + "," + CONTROLLER_LISTENER + ":"
                + protocol);
        p.put("inter.broker.listener.name", BROKER_LISTENER);
        if (users != null) {
            secure(p, users);
        }
        p.put("log.dirs", logDir.toString());
        // One broker: every internal topic has one replica, or consumer groups never get their offsets topic.
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        // The event topics are the log every read model is rebuilt from: keep them (the services ask for that too).
        p.put("log.retention.ms", "-1");
        // A topic created without a bound of its own (an event topic auto-created when reporting subscribes before
        // its service created it) takes no record past the contract's: a decompression bomb is refused by the broker,
        // not a consumer's memory. The dead-letter topic is created with its own, larger one.
        p.put("max.decompressed.message.bytes", Integer.toString(Topics.MAX_RECORD_BYTES));
        return p;
    }

    /** SASL on both listeners and the ACL authorizer, as deploy/compose.yaml configures its broker. */
    private static void secure(Properties p, KafkaUsers users) {
        p.put("sasl.enabled.mechanisms", "SCRAM-SHA-512,PLAIN");
        p.put("sasl.mechanism.inter.broker.protocol", "PLAIN");
        p.put("sasl.mechanism.controller.protocol", "PLAIN");
        p.put("listener.name.controller.sasl.enabled.mechanisms", "PLAIN");
        p.put("listener.name.controller.plain.sasl.jaas.config", users.adminJaas(true));
        p.put("listener.name.broker.plain.sasl.jaas.config", users.adminJaas(true));
        p.put("listener.name.broker.scram-sha-512.sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        p.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        p.put("super.users", "User:" + KafkaUser.ADMIN.principal());
        p.put("allow.everyone.if.no.acl.found", "false");
        // topics are created by their services (which may), and the dead-letter topic by the launcher
        p.put("auto.create.topics.enable", "false");
    }

    /** An admin client's settings: the super user's login when the broker authenticates. */
    public Map<String, Object> adminConfig() {
        Map<String, Object> config = new HashMap<>(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000));
        if (users != null) {
            config.put("security.protocol", "SASL_PLAINTEXT");
            config.put("sasl.mechanism", "PLAIN");
            config.put("sasl.jaas.config", users.adminJaas(false));
        }
        return config;
    }

    /** The broker's users, or null when it does not authenticate. */
    public KafkaUsers users() {
        return users;
    }

    private static void format(Path logDir) throws Exception {
        new Formatter()
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .setNodeId(NODE_ID)
                .setClusterId(Uuid.randomUuid().toString())
                .setControllerListenerName(CONTROLLER_LISTENER)
                .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                .setMetadataLogDirectory(logDir.toString())
                .addDirectory(logDir.toString())
                .run();
    }

    /** The broker answers metadata requests and has registered: clients can use it. */
    private void awaitBroker(Duration deadline) throws Exception {
        long until = System.nanoTime() + deadline.toNanos();
        Exception last = null;
        try (Admin admin = Admin.create(adminConfig())) {
            while (System.nanoTime() < until) {
                try {
                    if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (Exception e) {
                    last = e;
                }
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("the Kafka broker on " + bootstrapServers + " did not become ready within "
                + deadline, last);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }
}
