package cn.shuangcheng.servicesupport.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * One real Kafka broker per test JVM (one combined KRaft node, in-process), started on first use and stopped when the
 * test run ends ({@link StopSharedKafkaAfterTheRun}), or failing that by a JVM shutdown hook. Tests share it and isolate themselves by topic name ({@link #uniqueTopic}) and consumer group
 * (every consumer made here gets a fresh one).
 * <p>
 * Broker-side topic auto-creation stays on (the default), so a test may produce to a topic it did not create; the
 * publication code creates its topic itself anyway.
 */
public final class SharedKafka {

    private static KafkaClusterTestKit cluster;

    private SharedKafka() {
    }

    public static String bootstrapServers() {
        return cluster().bootstrapServers();
    }

    private static synchronized KafkaClusterTestKit cluster() {
        if (cluster == null) {
            cluster = start();
            Runtime.getRuntime().addShutdownHook(new Thread(SharedKafka::stop, "shared-kafka-shutdown"));
        }
        return cluster;
    }

    /**
     * Stops the broker, if it runs. Best called before the JVM exits rather than from a shutdown hook: the test kit
     * deletes the broker's directories in a shutdown hook of its own, concurrently with ours, and a broker that loses
     * its metadata log directory while still running halts the JVM with exit code 1 (which the build then reports as
     * a crashed test JVM, after every test passed).
     */
    public static synchronized void stop() {
        SecuredKafka.stop();
        if (cluster != null) {
            try {
                cluster.close();
            } catch (Exception e) {
                // Stopping for good; nothing left to protect.
            } finally {
                cluster = null;
            }
        }
    }

    private static KafkaClusterTestKit start() {
        try {
            KafkaClusterTestKit kit = singleBroker(new KafkaClusterTestKit.Builder(
                    new TestKitNodes.Builder().setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build()))
                    .build();
            kit.format();
            kit.startup();
            kit.waitForReadyBrokers();
            return kit;
        } catch (Exception e) {
            throw new IllegalStateException("Could not start the shared Kafka test broker", e);
        }
    }

    /** What a cluster of one broker needs: without these, a consumer group never gets its offsets topic. */
    static KafkaClusterTestKit.Builder singleBroker(KafkaClusterTestKit.Builder builder) {
        return builder.setConfigProp("offsets.topic.replication.factor", "1")
                      .setConfigProp("offsets.topic.num.partitions", "1")
                      .setConfigProp("group.initial.rebalance.delay.ms", "0")
                      .setConfigProp("transaction.state.log.replication.factor", "1")
                      .setConfigProp("transaction.state.log.min.isr", "1")
                      .setConfigProp("share.coordinator.state.topic.replication.factor", "1")
                      .setConfigProp("share.coordinator.state.topic.min.isr", "1");
    }

    /** A topic name no other test uses. */
    public static String uniqueTopic(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** An admin client on the shared broker; close it. */
    public static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
    }

    public static void createTopic(String topic, int partitions) {
        createTopic(topic, partitions, Map.of());
    }

    public static void createTopic(String topic, int partitions, Map<String, String> topicConfig) {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1).configs(topicConfig)))
                 .all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Could not create topic " + topic, e);
        }
    }

    /** How many records the topic holds (sum of its partitions' end offsets), read from the broker. */
    public static long recordCount(String topic) {
        try (Admin admin = admin()) {
            return recordCount(admin, topic);
        }
    }

    /** How many records the topic holds, asked through {@code admin}. */
    static long recordCount(Admin admin, String topic) {
        try {
            int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS)
                                  .get(topic).partitions().size();
            Map<TopicPartition, OffsetSpec> request = new java.util.HashMap<>();
            for (int p = 0; p < partitions; p++) {
                request.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
                    admin.listOffsets(request).all().get(30, TimeUnit.SECONDS);
            return ends.values().stream().mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset).sum();
        } catch (Exception e) {
            throw new IllegalStateException("Could not read the end offsets of " + topic, e);
        }
    }

    /** A consumer in a group of its own, reading from the earliest offset, committing nothing; close it. */
    public static <V> KafkaConsumer<String, V> newConsumer(Deserializer<V> valueDeserializer) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return new KafkaConsumer<>(config, new StringDeserializer(), valueDeserializer);
    }

    /** Reads {@code count} records of the topic from its beginning with raw values; see {@link #readRecords(String, int, Duration, Deserializer)}. */
    public static List<ConsumerRecord<String, byte[]>> readRecords(String topic, int count, Duration timeout) {
        return readRecords(topic, count, timeout, new ByteArrayDeserializer());
    }

    /**
     * Reads the first {@code count} records of the topic (in partition order within each partition), in a new
     * consumer group.
     *
     * @throws AssertionError when fewer than {@code count} records arrive within {@code timeout}
     */
    public static <V> List<ConsumerRecord<String, V>> readRecords(String topic, int count, Duration timeout,
                                                                  Deserializer<V> valueDeserializer) {
        return readRecords(newConsumer(valueDeserializer), topic, count, timeout);
    }

    /** The same, read with {@code reader} (which is closed afterwards), e.g. one of {@link SecuredKafka}. */
    public static <V> List<ConsumerRecord<String, V>> readRecords(KafkaConsumer<String, V> reader, String topic,
                                                                  int count, Duration timeout) {
        List<ConsumerRecord<String, V>> records = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<String, V> consumer = reader) {
            consumer.subscribe(List.of(topic));
            while (records.size() < count && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        if (records.size() < count) {
            throw new AssertionError("Expected " + count + " records on " + topic + " within " + timeout
                    + " but got " + records.size() + ": " + keys(records));
        }
        return records.subList(0, count);
    }

    private static List<String> keys(Collection<? extends ConsumerRecord<String, ?>> records) {
        return records.stream().map(r -> r.partition() + "/" + r.offset() + ":" + r.key()).toList();
    }
}
