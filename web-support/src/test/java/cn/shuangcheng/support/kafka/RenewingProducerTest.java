package cn.shuangcheng.support.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;

import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * When a producer is replaced, and when it is closed. A real failure of the producer itself (a fatal authentication
 * state) is PublicationOnSecuredKafkaTest's, on the SASL broker; here the producer is Kafka's MockProducer, closed as
 * KafkaProducer closes: what it still holds is failed on its I/O thread, whose end the close waits for.
 */
class RenewingProducerTest {

    /** Fails its pending sends on another thread when closed, and waits for that thread, as KafkaProducer does. */
    private static final class ClosingProducer extends MockProducer<String, String> {

        ClosingProducer() {
            super(false, null, new StringSerializer(), new StringSerializer());
        }

        @Override
        public void close(Duration timeout) {
            Thread io = new Thread(() -> {
                while (errorNext(new KafkaException("Producer is closed forcefully."))) {
                    // each pending send's callback runs here, on the "I/O thread"
                }
            });
            io.start();
            try {
                io.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            super.close(timeout);
        }
    }

    private final List<ClosingProducer> made = new ArrayList<>();
    private final RenewingProducer<String, String> producer = new RenewingProducer<>("test", () -> {
        ClosingProducer next = new ClosingProducer();
        made.add(next);
        return next;
    }, null);

    private static ProducerRecord<String, String> record(String key) {
        return new ProducerRecord<>("topic", key, "value");
    }

    @Test
    void a_producer_that_failed_a_send_is_replaced_and_closed_though_it_still_holds_sends() {
        producer.send(record("first"));
        Future<RecordMetadata> pending = producer.send(record("second"));
        made.get(0).errorNext(new TimeoutException("Expiring 1 record(s)")); // the first fails: not its fault

        // closing the failed producer runs the pending send's callback on its I/O thread: no lock may be held then
        Future<RecordMetadata> next = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> producer.send(record("third")));

        assertThat(made).hasSize(2);
        assertThat(made.get(0).closed()).isTrue();
        assertThat(pending).isDone();
        assertThat(made.get(1).history()).extracting(ProducerRecord::key).containsExactly("third");
        assertThat(next).isNotDone();
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> producer.close());
        assertThat(made.get(1).closed()).isTrue();
    }

    @Test
    void a_failed_producer_is_closed_even_when_its_successor_cannot_be_made() {
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        List<ClosingProducer> producers = new ArrayList<>();
        RenewingProducer<String, String> renewing = new RenewingProducer<>("test", () -> {
            if (calls.incrementAndGet() == 2) {
                throw new KafkaException("Failed to construct kafka producer");
            }
            ClosingProducer next = new ClosingProducer();
            producers.add(next);
            return next;
        }, null);
        renewing.send(record("first"));
        producers.get(0).errorNext(new TimeoutException("Expiring 1 record(s)"));

        assertThatThrownBy(() -> renewing.send(record("second"))).isInstanceOf(KafkaException.class);
        assertThat(producers.get(0).closed()).as("not leaked").isTrue();
        renewing.send(record("third")); // the factory is asked again
        assertThat(producers).hasSize(2);
        assertThat(producers.get(1).history()).extracting(ProducerRecord::key).containsExactly("third");
    }

    @Test
    void a_record_too_large_is_the_records_fault_and_the_producer_stays() {
        producer.send(record("large"));
        made.get(0).errorNext(new RecordTooLargeException("too large"));
        producer.send(record("next"));
        assertThat(made).hasSize(1);
    }
}
