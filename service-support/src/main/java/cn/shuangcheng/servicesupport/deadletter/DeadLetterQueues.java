package cn.shuangcheng.servicesupport.deadletter;

import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventhandling.deadletter.MongoSequencedDeadLetterQueue;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.serialization.Serializer;

import com.mongodb.client.MongoDatabase;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * The write services' dead-letter store: axon-mongo's {@link MongoSequencedDeadLetterQueue}, one logical queue per
 * processing group in one collection, keyed by the aggregate id (Axon's default sequencing policy), so that the
 * later events of an aggregate with a parked event are parked behind it, in order.
 * <p>
 * Works on the MongoDB stand-in as on MongoDB: the queue needs no transactions (each write is one document), and its
 * look-ups are equality filters on processing group and sequence with a sort on the index. Without transactions a
 * batch that fails after parking an event leaves the letter in place; {@link DistinctLetters} keeps the retried
 * batch from parking it twice.
 * <p>
 * The queue must use the event serializer of the event store: a parked event is then stored with its payload as it
 * was read, never deserialised, which is what lets an event whose payload cannot be read be parked at all.
 */
public final class DeadLetterQueues {

    private final MongoTemplate template;
    private final DeadLetterProperties properties;
    private final MeterRegistry registry;

    /** @param registry where the policies count parked events; null for none */
    public DeadLetterQueues(MongoDatabase database, DeadLetterProperties properties, MeterRegistry registry) {
        this.template = DefaultMongoTemplate.builder().mongoDatabase(database)
                                            .deadLetterCollectionName(properties.collection()).build();
        this.properties = properties;
        this.registry = registry;
    }

    public SequencedDeadLetterQueue<EventMessage<?>> forProcessor(String processingGroup, Serializer eventSerializer) {
        return new DistinctLetters(MongoSequencedDeadLetterQueue.<EventMessage<?>>builder()
                .processingGroup(processingGroup)
                .mongoTemplate(template)
                .serializer(eventSerializer)
                .maxSequences(properties.maxSequences())
                .maxSequenceSize(properties.maxSequenceSize())
                .claimDuration(properties.claimDuration())
                .build());
    }

    /**
     * Gives the processing group a dead-letter queue and a {@link ParkingPolicy}: Axon then wraps the group's
     * handlers in its dead-lettering invoker, also for a processor the group builds itself.
     */
    public void registerFor(EventProcessingConfigurer processing, String processingGroup) {
        ParkingPolicy policy = ParkingPolicy.counting(processingGroup, registry);
        processing.registerDeadLetterQueue(processingGroup, config -> forProcessor(processingGroup,
                          config.eventSerializer()))
                  .registerDeadLetterPolicy(processingGroup, config -> policy);
    }
}
