package cn.shuangcheng.projects.it;

import cn.shuangcheng.servicesupport.testing.SharedKafka;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Reads what project-service published, as a partner's consumer would: from the beginning of the topic. */
final class ProjectTopic {

    private ProjectTopic() {
    }

    /** The first {@code count} records keyed {@code key}, in topic order; fails if they do not come in time. */
    static List<ConsumerRecord<String, byte[]>> recordsOf(String topic, String key, int count, Duration timeout) {
        return recordsOf(SharedKafka.newConsumer(new ByteArrayDeserializer()), topic, key, count, timeout);
    }

    /** The same, read with {@code consumer} (which is closed). */
    static List<ConsumerRecord<String, byte[]>> recordsOf(KafkaConsumer<String, byte[]> reader, String topic,
                                                          String key, int count, Duration timeout) {
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<String, byte[]> consumer = reader) {
            consumer.subscribe(List.of(topic));
            while (found.size() < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(r.key())) {
                        found.add(r);
                    }
                }
            }
        }
        if (found.size() < count) {
            throw new AssertionError("expected " + count + " records keyed " + key + " on " + topic + " within "
                    + timeout + ", got " + found.size());
        }
        return found;
    }
}
