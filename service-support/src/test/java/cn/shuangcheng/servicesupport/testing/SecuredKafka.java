package cn.shuangcheng.servicesupport.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.test.JaasUtils;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

import cn.shuangcheng.contracts.Topics;

/**
 * A second real Kafka broker per test JVM, as production runs it (deploy/kafka): every listener authenticates (SASL),
 * the services and intake systems with SCRAM-SHA-512, and a {@code StandardAuthorizer} denies what the ACLs of
 * deploy/kafka/create-users-and-acls.sh do not grant, on the contract's own topic names. The broker's super user is
 * the test kit's {@code plain-admin} (SASL PLAIN, as compose's {@code admin}); it creates the users, the ACLs and the
 * dead-letter topic (kafka-init's part). Started on first use, stopped with {@link SharedKafka}.
 * <p>
 * The test kit writes a JAAS file for the broker's PLAIN login and points the JVM's
 * {@code java.security.auth.login.config} at it; every client here carries its own {@code sasl.jaas.config}, so
 * nothing else in the JVM depends on that file.
 */
public final class SecuredKafka {

    public static final String PROJECT_EVENTS = Topics.PROJECT_EVENTS;
    public static final String CADRE_EVENTS = Topics.CADRE_EVENTS;
    public static final String INTAKE = Topics.INTAKE_SUBMISSIONS;
    public static final String REJECTIONS = Topics.INTAKE_REJECTIONS;
    public static final String DEAD_LETTERS = Topics.REPORTING_DEAD_LETTERS;

    /** The SCRAM users: the three services, an intake system, and an authenticated user with no rights at all. */
    public enum User {
        PROJECT_SERVICE("project-service"), CADRE_SERVICE("cadre-service"), REPORTING_SERVICE("reporting-service"),
        INTAKE_SYSTEM("intake-system"), OUTSIDER("outsider");

        public final String name;
        /** A fresh password per run: nothing here is a credential anywhere else. */
        private final String password = UUID.randomUUID().toString();

        User(String name) {
            this.name = name;
        }
    }

    private static KafkaClusterTestKit cluster;

    private SecuredKafka() {
    }

    public static synchronized String bootstrapServers() {
        if (cluster == null) {
            cluster = start();
        }
        return cluster.bootstrapServers();
    }

    /** The client settings of {@code user} (security.protocol, sasl.*), as shuangcheng.kafka.properties gives them. */
    public static Map<String, String> clientProperties(User user) {
        return clientProperties(user.name, user.password);
    }

    /** The client settings of a SCRAM user that need not exist yet. */
    public static Map<String, String> clientProperties(String user, String password) {
        return Map.of(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, SecurityProtocol.SASL_PLAINTEXT.name,
                SaslConfigs.SASL_MECHANISM, ScramMechanism.SCRAM_SHA_512.mechanismName(),
                SaslConfigs.SASL_JAAS_CONFIG, "org.apache.kafka.common.security.scram.ScramLoginModule required "
                        + "username=\"" + user + "\" password=\"" + password + "\";");
    }

    /** Creates (or sets again) a SCRAM credential, as a credential job or a rotation does. */
    public static void setCredential(String user, String password) {
        try (Admin admin = superUser()) {
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(user,
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), password)))
                    .all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Could not set the credential of " + user, e);
        }
    }

    /** Grants {@code user} the operations on the topic (an ACL of a user that is not one of the deployed ones). */
    public static void allowOnTopic(String user, String topic, AclOperation... operations) {
        List<AclBinding> acls = new ArrayList<>();
        for (AclOperation operation : operations) {
            acls.add(new AclBinding(new ResourcePattern(ResourceType.TOPIC, topic, PatternType.LITERAL),
                    new AccessControlEntry("User:" + user, "*", operation, AclPermissionType.ALLOW)));
        }
        try (Admin admin = superUser()) {
            admin.createAcls(acls).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Could not grant " + user + " on " + topic, e);
        }
    }

    /** Bootstrap servers and {@code user}'s settings, for a client made here. */
    public static Map<String, Object> clientConfig(User user) {
        Map<String, Object> config = new HashMap<>(clientProperties(user));
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return config;
    }

    /** A service's command-line arguments: {@code shuangcheng.kafka.*} pointing here, as {@code user}. */
    public static List<String> serviceArguments(User user) {
        List<String> args = new ArrayList<>(List.of("--shuangcheng.kafka.bootstrap-servers=" + bootstrapServers()));
        clientProperties(user).forEach((name, value) -> args.add("--shuangcheng.kafka.properties[" + name + "]="
                + value));
        return args;
    }

    /** An admin client of the super user (everything allowed); close it. */
    public static Admin superUser() {
        return Admin.create(superUserConfig());
    }

    private static Map<String, Object> superUserConfig() {
        return Map.of(
                CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, SecurityProtocol.SASL_PLAINTEXT.name,
                SaslConfigs.SASL_MECHANISM, "PLAIN",
                SaslConfigs.SASL_JAAS_CONFIG, "org.apache.kafka.common.security.plain.PlainLoginModule required "
                        + "username=\"" + JaasUtils.KAFKA_PLAIN_ADMIN + "\" password=\""
                        + JaasUtils.KAFKA_PLAIN_ADMIN_PASSWORD + "\";");
    }

    /** How many records the topic holds, read by the super user. */
    public static long recordCount(String topic) {
        try (Admin admin = superUser()) {
            return SharedKafka.recordCount(admin, topic);
        }
    }

    /** The first {@code count} records of the topic, read by the super user in a group of its own. */
    public static List<ConsumerRecord<String, byte[]>> readRecords(String topic, int count, Duration timeout) {
        Map<String, Object> config = new HashMap<>(superUserConfig());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return SharedKafka.readRecords(new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer()), topic, count, timeout);
    }

    /** Creates the topic as the super user (as kafka-init does) unless it exists. */
    public static void createTopic(String topic, int partitions) {
        try (Admin admin = superUser()) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Could not create topic " + topic, e);
            }
        } catch (Exception e) {
            throw new IllegalStateException("Could not create topic " + topic, e);
        }
    }

    static synchronized void stop() {
        SharedKafka.closeForGood(cluster);
        cluster = null;
    }

    private static KafkaClusterTestKit start() {
        KafkaClusterTestKit kit = null;
        try {
            TestKitNodes nodes = new TestKitNodes.Builder().setCombined(true).setNumBrokerNodes(1)
                    .setNumControllerNodes(1).setBrokerSecurityProtocol(SecurityProtocol.SASL_PLAINTEXT)
                    .setControllerSecurityProtocol(SecurityProtocol.SASL_PLAINTEXT).build();
            KafkaClusterTestKit.Builder builder = SharedKafka.singleBroker(new KafkaClusterTestKit.Builder(nodes))
                    // SCRAM for the users; PLAIN for the super user, the broker's own links and the controller
                    .setConfigProp("sasl.enabled.mechanisms", "SCRAM-SHA-512,PLAIN")
                    .setConfigProp("listener.name." + nodes.brokerListenerName().value().toLowerCase()
                            + ".scram-sha-512.sasl.jaas.config",
                            "org.apache.kafka.common.security.scram.ScramLoginModule required;")
                    .setConfigProp("allow.everyone.if.no.acl.found", "false")
                    .setConfigProp("auto.create.topics.enable", "false");
            kit = builder.build();
            kit.format();
            kit.startup();
            kit.waitForReadyBrokers();
            cluster = kit;
            Runtime.getRuntime().addShutdownHook(new Thread(SecuredKafka::stop, "secured-kafka-shutdown"));
            grantAsDeployed();
            return kit;
        } catch (Exception e) {
            cluster = null;
            if (kit != null) {
                try {
                    kit.close();
                } catch (Exception closing) {
                    e.addSuppressed(closing);
                }
            }
            throw new IllegalStateException("Could not start the SASL/ACL Kafka test broker", e);
        }
    }

    /** The users, ACLs and the dead-letter topic of deploy/kafka/create-users-and-acls.sh and create-topics.sh. */
    private static void grantAsDeployed() throws Exception {
        try (Admin admin = superUser()) {
            List<UserScramCredentialUpsertion> users = new ArrayList<>();
            for (User user : User.values()) {
                users.add(new UserScramCredentialUpsertion(user.name,
                        new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), user.password));
            }
            admin.alterUserScramCredentials(List.copyOf(users)).all().get(30, TimeUnit.SECONDS);
            admin.createAcls(deployedAcls()).all().get(30, TimeUnit.SECONDS);
            admin.createTopics(List.of(new NewTopic(DEAD_LETTERS, 1, (short) 1)
                    .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, "7776000000")))).all().get(30, TimeUnit.SECONDS);
        }
    }

    /** The ACLs of deploy/kafka/create-users-and-acls.sh (deploy's TestBrokerAclsTest keeps them equal). */
    public static List<AclBinding> deployedAcls() {
        List<AclBinding> acls = new ArrayList<>();
        AclOperation[] ownEventTopic = {AclOperation.WRITE, AclOperation.DESCRIBE, AclOperation.CREATE,
            AclOperation.DESCRIBE_CONFIGS};
        allow(acls, User.PROJECT_SERVICE, ResourceType.TOPIC, PROJECT_EVENTS, ownEventTopic);
        allow(acls, User.PROJECT_SERVICE, ResourceType.TOPIC, INTAKE, AclOperation.READ, AclOperation.DESCRIBE,
                AclOperation.CREATE, AclOperation.DESCRIBE_CONFIGS);
        allow(acls, User.PROJECT_SERVICE, ResourceType.TOPIC, REJECTIONS, AclOperation.WRITE, AclOperation.DESCRIBE,
                AclOperation.CREATE, AclOperation.DESCRIBE_CONFIGS);
        allow(acls, User.PROJECT_SERVICE, ResourceType.GROUP, "project-service-intake", AclOperation.READ);
        allow(acls, User.CADRE_SERVICE, ResourceType.TOPIC, CADRE_EVENTS, ownEventTopic);
        allow(acls, User.REPORTING_SERVICE, ResourceType.TOPIC, PROJECT_EVENTS, AclOperation.READ,
                AclOperation.DESCRIBE);
        allow(acls, User.REPORTING_SERVICE, ResourceType.TOPIC, CADRE_EVENTS, AclOperation.READ,
                AclOperation.DESCRIBE);
        allow(acls, User.REPORTING_SERVICE, ResourceType.GROUP, "reporting-service", AclOperation.READ);
        allow(acls, User.REPORTING_SERVICE, ResourceType.TOPIC, DEAD_LETTERS, AclOperation.WRITE,
                AclOperation.DESCRIBE);
        allow(acls, User.INTAKE_SYSTEM, ResourceType.TOPIC, INTAKE, AclOperation.WRITE, AclOperation.DESCRIBE);
        allow(acls, User.INTAKE_SYSTEM, ResourceType.TOPIC, REJECTIONS, AclOperation.READ, AclOperation.DESCRIBE);
        acls.add(new AclBinding(new ResourcePattern(ResourceType.GROUP, User.INTAKE_SYSTEM.name, PatternType.PREFIXED),
                new AccessControlEntry("User:" + User.INTAKE_SYSTEM.name, "*", AclOperation.READ,
                        AclPermissionType.ALLOW)));
        return acls;
    }

    private static void allow(List<AclBinding> acls, User user, ResourceType type, String name,
                              AclOperation... operations) {
        for (AclOperation operation : operations) {
            acls.add(new AclBinding(new ResourcePattern(type, name, PatternType.LITERAL),
                    new AccessControlEntry("User:" + user.name, "*", operation, AclPermissionType.ALLOW)));
        }
    }
}
