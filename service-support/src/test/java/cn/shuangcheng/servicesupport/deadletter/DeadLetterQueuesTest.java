package cn.shuangcheng.servicesupport.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import cn.shuangcheng.servicesupport.eventstore.AxonJsonSerializers;
import cn.shuangcheng.servicesupport.testing.SharedMongo;

/** axon-mongo's queue on the MongoDB stand-in, as the write services use it. */
class DeadLetterQueuesTest {

    private final MongoClient client = MongoClients.create(SharedMongo.connectionString());
    private final Serializer serializer = AxonJsonSerializers.jacksonSerializer();
    private final DeadLetterQueues queues = new DeadLetterQueues(
            client.getDatabase(SharedMongo.uniqueDatabaseName("deadletters")), DeadLetterProperties.defaults(), null);

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void anEventParkedAgainByARetriedBatchIsHeldOnce() {
        SequencedDeadLetterQueue<EventMessage<?>> queue = queues.forProcessor("kafka-publication", serializer);
        EventMessage<?> poison = event("P-1", 1);
        EventMessage<?> behind = event("P-1", 2);

        queue.enqueue("P-1", new GenericDeadLetter<>("P-1", poison, new IllegalStateException("bad")));
        queue.enqueueIfPresent("P-1", () -> new GenericDeadLetter<>("P-1", behind));
        // the batch failed later on (Kafka) and is processed again from its token: same events, same order
        queue.enqueue("P-1", new GenericDeadLetter<>("P-1", poison, new IllegalStateException("bad")));
        queue.enqueueIfPresent("P-1", () -> new GenericDeadLetter<>("P-1", behind));

        assertThat(queue.sequenceSize("P-1")).isEqualTo(2);
        assertThat(queue.deadLetterSequence("P-1")).extracting(letter -> letter.message().getIdentifier())
                                                   .containsExactly(poison.getIdentifier(), behind.getIdentifier());
    }

    @Test
    void processorsKeepTheirOwnQueuesInOneCollection() {
        SequencedDeadLetterQueue<EventMessage<?>> publication = queues.forProcessor("kafka-publication", serializer);
        SequencedDeadLetterQueue<EventMessage<?>> readModel = queues.forProcessor("secondment-read-model",
                serializer);

        publication.enqueue("S-1", new GenericDeadLetter<>("S-1", event("S-1", 0), new IllegalStateException("x")));

        assertThat(publication.contains("S-1")).isTrue();
        assertThat(readModel.contains("S-1")).isFalse();
        assertThat(List.of(publication.amountOfSequences(), readModel.amountOfSequences())).containsExactly(1L, 0L);
    }

    private static EventMessage<?> event(String aggregateId, long sequence) {
        return new GenericDomainEventMessage<>("Aggregate", aggregateId, sequence,
                new Payload(aggregateId, sequence));
    }

    record Payload(String id, long number) {
    }
}
