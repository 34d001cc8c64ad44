package cn.shuangcheng.projects.intake.kafka;

import cn.shuangcheng.contracts.Topics;
import cn.shuangcheng.projects.intake.application.IntakeProperties;
import cn.shuangcheng.support.kafka.DecompressedRecordBound;
import cn.shuangcheng.support.kafka.KafkaConnectionProperties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.Map;

/**
 * The intake listener's Kafka clients and topics. Every client is made by {@link KafkaConnectionProperties}, so it
 * carries the connection's security settings; the timeouts come first, so that {@code shuangcheng.kafka.properties}
 * can change them, and what intake relies on (its group, manual commits, {@code acks=all}) last.
 */
final class IntakeKafkaClients {

    private static final Logger log = LoggerFactory.getLogger(IntakeKafkaClients.class);

    private final IntakeProperties properties;
    private final KafkaConnectionProperties connection;

    IntakeKafkaClients(IntakeProperties properties, KafkaConnectionProperties connection) {
        this.properties = properties;
        this.connection = connection;
    }

    String bootstrapServers() {
        return connection.bootstrapServers();
    }

    /**
     * The submissions and rejections topics as this service creates them when they are missing. Neither takes a
     * record that inflates past {@link Topics#MAX_RECORD_BYTES}: the submissions are written by systems outside the
     * joint office, and one decompression bomb among them would fail this service at every restart.
     */
    List<NewTopic> topics() {
        Map<String, String> config = new HashMap<>(Map.of(TopicConfig.MAX_DECOMPRESSED_MESSAGE_BYTES_CONFIG,
                Integer.toString(Topics.MAX_RECORD_BYTES)));
        // unset: no setting of the topic's own, the broker's min.insync.replicas applies
        if (properties.minInsyncReplicas() != null) {
            config.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(properties.minInsyncReplicas()));
        }
        return List.of(properties.submissionsTopic(), properties.rejectionsTopic()).stream()
                .map(topic -> new NewTopic(topic, properties.partitions(), properties.replicationFactor())
                        .configs(config))
                .toList();
    }

    /** The submissions are written from outside: a topic that takes a decompression bomb is said at start. */
    private void warnIfUnbounded(Admin admin, String topic) throws InterruptedException, TimeoutException {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        try {
            Config config = admin.describeConfigs(List.of(resource)).all()
                    .get(properties.kafkaTimeout().toMillis(), TimeUnit.MILLISECONDS).get(resource);
            DecompressedRecordBound.warnIfWeaker(topic, config, Topics.MAX_RECORD_BYTES);
        } catch (ExecutionException e) {
            log.warn("Cannot tell whether topic {} bounds a record decompressed ({}); project-service needs "
                    + "DescribeConfigs on it to see", topic, e.getCause().toString());
        }
    }

    Admin admin() {
        return connection.admin(timeouts(), Map.of());
    }

    /**
     * One attempt to create the two topics; a topic that exists is left as it is.
     *
     * @throws KafkaException or {@link TimeoutException} when Kafka does not answer or refuses: the caller waits
     *                        and asks again
     */
    void createTopics() throws InterruptedException, TimeoutException {
        try (Admin admin = admin()) {
            for (NewTopic topic : topics()) {
                try {
                    admin.createTopics(List.of(topic))
                            .all().get(properties.kafkaTimeout().toMillis(), TimeUnit.MILLISECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new KafkaException("cannot create intake topic " + topic.name(), e.getCause());
                    }
                    warnIfUnbounded(admin, topic.name());
                }
            }
        }
    }

    KafkaConsumer<String, String> consumer() {
        return connection.consumer(timeouts(), consumerSettings(), new StringDeserializer(), new StringDeserializer());
    }

    /**
     * How long after its poll a record may still be sent: half of the shorter of max.poll.interval.ms and
     * session.timeout.ms less heartbeat.interval.ms, as configured (Kafka's defaults, 5 min, 45 s and 3 s, give
     * 21 s, unless {@code shuangcheng.kafka.properties} sets them). A consumer that has not polled for
     * max.poll.interval.ms has left its group; one whose whole process was paused (GC, SIGSTOP) past the session
     * timeout, heartbeat thread and all, has been dropped from it. Either way the partitions it was reading may be
     * applied further by another instance meanwhile.
     */
    Duration sendWithinAfterPoll() {
        Map<String, Object> config = connection.clientConfig(timeouts(), consumerSettings());
        long maxPollInterval = setting(config, ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG);
        long session = setting(config, ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG)
                - setting(config, ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG);
        Duration within = Duration.ofMillis(Math.min(maxPollInterval, session) / 2);
        if (within.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("shuangcheng.kafka.properties leave the intake listener " + within
                    + " to handle a record after its poll (half the shorter of max.poll.interval.ms and "
                    + "session.timeout.ms less heartbeat.interval.ms): at least 1 s is needed");
        }
        return within;
    }

    private static long setting(Map<String, Object> config, String name) {
        Object configured = config.get(name);
        Object millis = configured == null ? ConsumerConfig.configDef().defaultValues().get(name)
                : ConfigDef.parseType(name, configured, ConfigDef.Type.INT);
        return ((Number) millis).longValue();
    }

    private Map<String, Object> consumerSettings() {
        return Map.of(ConsumerConfig.GROUP_ID_CONFIG, properties.consumerGroup(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100);
    }

    KafkaProducer<String, String> rejectionsProducer() {
        long timeout = properties.kafkaTimeout().toMillis();
        Map<String, Object> defaults = new java.util.HashMap<>(timeouts());
        defaults.remove(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG);
        defaults.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout);
        defaults.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) timeout + 1_000);
        defaults.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        // one name across renewals and lives, so its kafka_producer_* series stay one
        defaults.put(ProducerConfig.CLIENT_ID_CONFIG, "shuangcheng-intake-rejections");
        return connection.producer(defaults, Map.of(ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true), new StringSerializer(), new StringSerializer());
    }

    private Map<String, Object> timeouts() {
        return Map.of(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, (int) properties.kafkaTimeout().toMillis(),
                CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) properties.kafkaTimeout().toMillis() * 2,
                CommonClientConfigs.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, 10_000L,
                CommonClientConfigs.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, 30_000L);
    }
}
