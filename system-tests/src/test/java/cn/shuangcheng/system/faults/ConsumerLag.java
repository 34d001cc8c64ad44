package cn.shuangcheng.system.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * How far reporting's live consumers are behind: records on the event topics beyond the offsets their group committed.
 * They commit a batch only after applying it, so this is what reporting has not applied yet (a batch in flight
 * counts as not applied).
 */
final class ConsumerLag {

    private static final Duration ASK = Duration.ofSeconds(20);

    private ConsumerLag() {
    }

    static long of(String bootstrapServers, String group, List<String> topics) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
             KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                     ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                     ConsumerConfig.CLIENT_ID_CONFIG, "fault-suite-lag-" + UUID.randomUUID()),
                     new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(ASK.toSeconds(), TimeUnit.SECONDS);
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                consumer.partitionsFor(topic, ASK)
                        .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            long lag = 0;
            for (Map.Entry<TopicPartition, Long> end : consumer.endOffsets(partitions, ASK).entrySet()) {
                OffsetAndMetadata at = committed.get(end.getKey());
                lag += Math.max(0, end.getValue() - (at == null ? 0 : at.offset()));
            }
            return lag;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the group's offsets could not be read", e);
        }
    }
}
