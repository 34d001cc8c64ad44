package cn.shuangcheng.servicesupport.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventhandling.deadletter.MongoSequencedDeadLetterQueue;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;

import cn.shuangcheng.servicesupport.eventstore.AxonJsonSerializers;
import cn.shuangcheng.servicesupport.testing.SharedMongo;

/**
 * The dead-lettering invoker asks the queue whether each event's sequence holds a parked event. Within a processor's
 * batch an empty queue is asked once, not once per event (a round trip per event was the publication's main cost on
 * a backlog), and a letter parked before or during the batch is still seen. Counted with the driver's command
 * listener against the MongoDB stand-in.
 */
class DistinctLettersBatchTest {

    private final AtomicInteger queueReads = new AtomicInteger();
    private final MongoClient client = MongoClients.create(MongoClientSettings.builder()
            .applyConnectionString(new ConnectionString(SharedMongo.connectionString()))
            .addCommandListener(new CommandListener() {
                @Override
                public void commandStarted(CommandStartedEvent event) {
                    if (List.of("aggregate", "count", "find").contains(event.getCommandName())) {
                        queueReads.incrementAndGet();
                    }
                }
            }).build());
    private final Serializer serializer = AxonJsonSerializers.jacksonSerializer();
    private final String database = SharedMongo.uniqueDatabaseName("deadletters");
    private final DeadLetterQueues queues = new DeadLetterQueues(
            client.getDatabase(database), DeadLetterProperties.defaults(), null);

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void aBatchAsksAnEmptyQueueOnceNotOncePerEvent() {
        SequencedDeadLetterQueue<EventMessage<?>> queue = queues.forProcessor("kafka-publication", serializer);
        List<Boolean> parked = new ArrayList<>();

        queueReads.set(0);
        inBatch(() -> {
            for (int i = 0; i < 100; i++) {
                String sequence = "P-" + i;
                parked.add(queue.enqueueIfPresent(sequence, () -> new GenericDeadLetter<>(sequence,
                        event(sequence, 0))));
            }
        });

        assertThat(parked).hasSize(100).containsOnly(false);
        assertThat(queueReads.get()).as("queue reads for a batch of 100 events").isLessThanOrEqualTo(1);
    }

    @Test
    void aLetterParkedDuringTheBatchHoldsTheLaterEventsOfItsSequence() {
        SequencedDeadLetterQueue<EventMessage<?>> queue = queues.forProcessor("kafka-publication", serializer);
        List<Boolean> parked = new ArrayList<>();

        inBatch(() -> {
            parked.add(queue.enqueueIfPresent("P-1", () -> new GenericDeadLetter<>("P-1", event("P-1", 0))));
            queue.enqueue("P-1", new GenericDeadLetter<>("P-1", event("P-1", 1), new IllegalStateException("bad")));
            parked.add(queue.enqueueIfPresent("P-1", () -> new GenericDeadLetter<>("P-1", event("P-1", 2))));
            parked.add(queue.enqueueIfPresent("P-2", () -> new GenericDeadLetter<>("P-2", event("P-2", 0))));
        });

        assertThat(parked).containsExactly(false, true, false);
        assertThat(queue.sequenceSize("P-1")).isEqualTo(2);
    }

    @Test
    void aLetterParkedBeforeTheBatchIsSeenByIt() {
        SequencedDeadLetterQueue<EventMessage<?>> queue = queues.forProcessor("kafka-publication", serializer);
        queue.enqueue("P-9", new GenericDeadLetter<>("P-9", event("P-9", 0), new IllegalStateException("bad")));
        List<Boolean> parked = new ArrayList<>();

        inBatch(() -> {
            parked.add(queue.enqueueIfPresent("P-8", () -> new GenericDeadLetter<>("P-8", event("P-8", 0))));
            parked.add(queue.enqueueIfPresent("P-9", () -> new GenericDeadLetter<>("P-9", event("P-9", 1))));
        });

        assertThat(parked).containsExactly(false, true);
        assertThat(queue.sequenceSize("P-9")).isEqualTo(2);
    }

    @Test
    void aLetterAnotherNodeParkedDuringTheBatchHoldsTheLaterEventsOfItsSequence() throws Exception {
        // Two nodes hold one segment for a moment (a claim taken over from a node that was slow): the other node
        // parks event 1 after this batch found the queue empty; this batch then fails on event 1 too and parks it,
        // a duplicate. Event 2 must wait behind it, not be handled (published) ahead of event 1.
        SequencedDeadLetterQueue<EventMessage<?>> queue = queues.forProcessor("kafka-publication", serializer);
        SequencedDeadLetterQueue<EventMessage<?>> otherNode = new DeadLetterQueues(client.getDatabase(database),
                DeadLetterProperties.defaults(), null).forProcessor("kafka-publication", serializer);
        EventMessage<?> poison = event("P-5", 1);
        List<Boolean> parked = new ArrayList<>();

        inBatch(() -> {
            parked.add(queue.enqueueIfPresent("P-5", () -> new GenericDeadLetter<>("P-5", event("P-5", 0))));
            onAnotherThread(() -> otherNode.enqueue("P-5",
                    new GenericDeadLetter<>("P-5", poison, new IllegalStateException("bad"))));
            queue.enqueue("P-5", new GenericDeadLetter<>("P-5", poison, new IllegalStateException("bad")));
            parked.add(queue.enqueueIfPresent("P-5", () -> new GenericDeadLetter<>("P-5", event("P-5", 2))));
        });

        assertThat(parked).containsExactly(false, true);
        assertThat(queue.sequenceSize("P-5")).isEqualTo(2);
    }

    private static void onAnotherThread(Runnable work) {
        Thread thread = new Thread(work);
        thread.start();
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        assertThat(thread.isAlive()).isFalse();
    }

    @Test
    void aRetriedBatchParksAnEarlierEventOfItsAggregateBeforeTheLaterOneItParkedTheFirstTime() {
        // The first try handled P-7/0 (sent it), parked P-7/1 for its own sake, and then failed for another reason
        // (Kafka did not acknowledge P-7/0): the retry finds P-7's sequence taken when it comes to P-7/0.
        SequencedDeadLetterQueue<EventMessage<?>> queue = queues.forProcessor("kafka-publication", serializer);
        EventMessage<?> later = event("P-7", 1);
        queue.enqueue("P-7", new GenericDeadLetter<>("P-7", later, new IllegalStateException("bad")));

        List<Boolean> parked = new ArrayList<>();
        inBatch(() -> {
            parked.add(queue.enqueueIfPresent("P-7", () -> new GenericDeadLetter<>("P-7", event("P-7", 0))));
            parked.add(queue.enqueueIfPresent("P-7", () -> new GenericDeadLetter<>("P-7", later)));
            parked.add(queue.enqueueIfPresent("P-7", () -> new GenericDeadLetter<>("P-7", event("P-7", 2))));
        });

        assertThat(parked).containsExactly(true, true, true);
        List<Long> order = new ArrayList<>();
        List<String> causes = new ArrayList<>();
        queue.deadLetterSequence("P-7").forEach(letter -> {
            order.add(((org.axonframework.eventhandling.DomainEventMessage<?>) letter.message()).getSequenceNumber());
            causes.add(letter.cause().map(cause -> cause.message()).orElse("-"));
        });
        // released in the aggregate's order; the later letter keeps its cause
        assertThat(order).containsExactly(0L, 1L, 2L);
        assertThat(causes.get(1)).isEqualTo("bad");
    }

    @Test
    void aRetryCompletesAReorderThatATryLeftHalfDone() {
        // a try copied P-8/1 behind P-8/0 and died before it evicted the original: [1, 0, 1]
        SequencedDeadLetterQueue<EventMessage<?>> raw = MongoSequencedDeadLetterQueue.<EventMessage<?>>builder()
                .processingGroup("kafka-publication")
                .mongoTemplate(DefaultMongoTemplate.builder().mongoDatabase(client.getDatabase(database))
                        .deadLetterCollectionName(DeadLetterProperties.defaults().collection()).build())
                .serializer(serializer).build();
        EventMessage<?> later = event("P-8", 1);
        EventMessage<?> earlier = event("P-8", 0);
        raw.enqueue("P-8", new GenericDeadLetter<>("P-8", later, new IllegalStateException("bad")));
        raw.enqueue("P-8", new GenericDeadLetter<>("P-8", earlier));
        raw.enqueue("P-8", new GenericDeadLetter<>("P-8", later, new IllegalStateException("bad")));
        SequencedDeadLetterQueue<EventMessage<?>> queue = queues.forProcessor("kafka-publication", serializer);

        inBatch(() -> queue.enqueueIfPresent("P-8", () -> new GenericDeadLetter<>("P-8", earlier)));

        assertThat(sequenceNumbers(queue, "P-8")).containsExactly(0L, 1L);
    }

    @Test
    void aSequenceTooFullToReorderKeepsItsOrderAndTheBatchGoesOn() {
        SequencedDeadLetterQueue<EventMessage<?>> queue = new DeadLetterQueues(client.getDatabase(database),
                new DeadLetterProperties("small_deadletters", null, 2, null), null)
                .forProcessor("kafka-publication", serializer);
        queue.enqueue("P-9", new GenericDeadLetter<>("P-9", event("P-9", 1), new IllegalStateException("bad")));

        // no room for the copy: the batch is not failed (it would fail every time, stopping all publication)
        inBatch(() -> queue.enqueueIfPresent("P-9", () -> new GenericDeadLetter<>("P-9", event("P-9", 0))));

        assertThat(sequenceNumbers(queue, "P-9")).containsExactly(1L, 0L);
    }

    private static List<Long> sequenceNumbers(SequencedDeadLetterQueue<EventMessage<?>> queue, String sequence) {
        List<Long> numbers = new ArrayList<>();
        queue.deadLetterSequence(sequence).forEach(letter ->
                numbers.add(((DomainEventMessage<?>) letter.message()).getSequenceNumber()));
        return numbers;
    }

    private static void inBatch(Runnable handling) {
        UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(null);
        try {
            handling.run();
            batch.commit();
        } catch (RuntimeException e) {
            batch.rollback(e);
            throw e;
        }
    }

    private static EventMessage<?> event(String aggregateId, long sequence) {
        return new GenericDomainEventMessage<>("Aggregate", aggregateId, sequence,
                new DeadLetterQueuesTest.Payload(aggregateId, sequence));
    }
}
