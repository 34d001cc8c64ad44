package cn.shuangcheng.reporting.ingestion.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import cn.shuangcheng.support.kafka.RenewingProducer;

/**
 * What DeadLetters does when Kafka fails a letter before sending it. Kafka's producer returns a failed future after
 * waiting max.block.ms for the topic's metadata; here Kafka's MockProducer, made to fail every send so, stands in for
 * it (the real producer and broker are in the reporting integration tests).
 */
class DeadLettersTest {

    /** Fails every send as KafkaProducer does when the topic's metadata does not come within max.block.ms. */
    private static final class NoMetadataProducer extends MockProducer<String, byte[]> {

        private final AtomicInteger sends;

        NoMetadataProducer(AtomicInteger sends) {
            super(true, null, new StringSerializer(), new ByteArraySerializer());
            this.sends = sends;
        }

        @Override
        public synchronized Future<RecordMetadata> send(ProducerRecord<String, byte[]> record, Callback callback) {
            sends.incrementAndGet();
            TimeoutException failure = new TimeoutException("Topic dlq not present in metadata after 10000 ms.");
            if (callback != null) {
                callback.onCompletion(null, failure);
            }
            return CompletableFuture.failedFuture(failure);
        }
    }

    @Test
    void lettersStopAtTheFirstOneKafkaFailsBeforeSendingItEachOfWhichWaitedMaxBlockMs() {
        AtomicInteger sends = new AtomicInteger();
        DeadLetters deadLetters = new DeadLetters(
                new RenewingProducer<>("dead-letters", () -> new NoMetadataProducer(sends), null), "dlq", "group");
        List<DeadLetters.Letter> letters = IntStream.range(0, 5).mapToObj(offset -> new DeadLetters.Letter(
                new ConsumerRecord<>("events", 0, offset, "key-" + offset, new byte[] {1}),
                UnreadableRecordException.Kind.NOT_A_CLOUDEVENT, "unreadable")).toList();

        assertThatThrownBy(() -> deadLetters.sendAll(letters)).isInstanceOf(KafkaException.class)
                .hasRootCauseInstanceOf(TimeoutException.class);
        assertThat(sends).hasValue(1);
    }
}
