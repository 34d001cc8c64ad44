package cn.shuangcheng.reporting.ingestion.kafka;

import cn.shuangcheng.reporting.ingestion.domain.IncomingEvent;
import cn.shuangcheng.reporting.ingestion.mongo.Projector;
import cn.shuangcheng.reporting.ingestion.kafka.FailureClassifier.Cause;
import cn.shuangcheng.support.logging.LogSafe;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * One polled batch into the read models, with every record that cannot be applied for its own sake parked as a
 * dead letter (see {@link ReadModelConsumer} for the rules): unreadable records before anything is applied, then the
 * batch in one {@link Projector#apply}; when that fails because of some event's data, the events one by one, in
 * order, parking the ones that fail again; last the events that conflict with a stored one. What is not the data's
 * fault is thrown as {@link RetryLater} (infrastructure) or as it is (fatal), before any offset is committed.
 */
final class RecordBatchApplier {

    private static final Logger log = LoggerFactory.getLogger(RecordBatchApplier.class);

    private final String name;
    private final CloudEventReader reader;
    private final DeadLetters deadLetters;
    private final Projector projector;
    private final IntSupplier generation;

    /** What a batch did: the projector's outcome, the letters parked (and acknowledged), the offsets to commit. */
    record Applied(Projector.Outcome outcome, List<DeadLetters.Letter> letters,
                   Map<TopicPartition, OffsetAndMetadata> offsets) {
    }

    RecordBatchApplier(String name, CloudEventReader reader, DeadLetters deadLetters, Projector projector,
                       IntSupplier generation) {
        this.name = name;
        this.reader = reader;
        this.deadLetters = deadLetters;
        this.projector = projector;
        this.generation = generation;
    }

    Applied apply(ConsumerRecords<String, byte[]> records) {
        List<IncomingEvent> events = new ArrayList<>();
        List<ConsumerRecord<String, byte[]>> sources = new ArrayList<>();
        List<DeadLetters.Letter> letters = new ArrayList<>();
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                events.add(reader.read(record));
                sources.add(record);
            } catch (UnreadableRecordException e) {
                letters.add(park(record, e.kind(), e.getMessage()));
            }
            offsets.put(new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1));
        }
        send(letters);
        Projector.Outcome outcome;
        try {
            outcome = projector.apply(events, generation.getAsInt());
        } catch (RuntimeException | Error e) {
            failUnlessData(e);
            log.warn("Consumer {}: batch of {} events not applied because of some event's data ({}); applying them "
                    + "one by one", name, events.size(), LogSafe.exception(e));
            List<DeadLetters.Letter> parked = new ArrayList<>();
            outcome = applyOneByOne(events, sources, parked);
            send(parked);
            letters.addAll(parked);
        }
        List<DeadLetters.Letter> conflicts = conflicts(outcome, events, sources);
        send(conflicts);
        letters.addAll(conflicts);
        return new Applied(outcome, letters, offsets);
    }

    /**
     * An event at an aggregate and sequence where another event (another id) is stored was not applied: the first one
     * stays; nor was an event of another kind than the aggregate's stored events. It is a dead letter, so that whoever reads the dead-letter topic sees both; a sequence alone is no proof
     * of authenticity (which producer may write the topic is the broker's ACLs' decision).
     */
    private List<DeadLetters.Letter> conflicts(Projector.Outcome outcome, List<IncomingEvent> events,
                                               List<ConsumerRecord<String, byte[]>> sources) {
        List<DeadLetters.Letter> letters = new ArrayList<>();
        for (Projector.Conflict conflict : outcome.conflicting()) {
            for (int i = 0; i < events.size(); i++) {
                if (events.get(i) == conflict.event()) {
                    letters.add(park(sources.get(i), UnreadableRecordException.Kind.CONFLICTING, conflict.reason()));
                }
            }
        }
        return letters;
    }

    /** In batch order, so that an aggregate's events behind a parked one are still applied in sequence. */
    private Projector.Outcome applyOneByOne(List<IncomingEvent> events, List<ConsumerRecord<String, byte[]>> sources,
                                            List<DeadLetters.Letter> parked) {
        List<Projector.Outcome> outcomes = new ArrayList<>();
        int gen = generation.getAsInt();
        for (int i = 0; i < events.size(); i++) {
            try {
                outcomes.add(projector.apply(List.of(events.get(i)), gen));
            } catch (RuntimeException | Error e) {
                failUnlessData(e);
                if (!projector.storeTakesWrites()) {
                    throw new RetryLater(e);
                }
                parked.add(park(sources.get(i), UnreadableRecordException.Kind.APPLY_FAILED,
                        "cannot be applied: " + e.getClass().getSimpleName() + ": " + e.getMessage()));
            }
        }
        return Projector.Outcome.merge(outcomes);
    }

    /** Rethrows what is not the data's fault: infrastructure as {@link RetryLater}, a fatal error as it is. */
    private static void failUnlessData(Throwable e) {
        Cause cause = FailureClassifier.classify(e);
        if (cause == Cause.INFRASTRUCTURE) {
            throw new RetryLater(e);
        }
        if (cause == Cause.FATAL) {
            if (e instanceof Error error) {
                throw error;
            }
            throw (RuntimeException) e;
        }
    }

    private DeadLetters.Letter park(ConsumerRecord<String, byte[]> record, UnreadableRecordException.Kind kind,
                                    String reason) {
        log.warn("Consumer {}: record {}/{}@{} (key {}) is a dead letter ({}): {}", name, LogSafe.text(record.topic()),
                record.partition(), record.offset(), LogSafe.text(record.key()), kind.tag(), LogSafe.text(reason));
        return new DeadLetters.Letter(record, kind, reason);
    }

    private void send(List<DeadLetters.Letter> letters) {
        if (letters.isEmpty()) {
            return;
        }
        try {
            deadLetters.sendAll(letters);
        } catch (RuntimeException e) {
            // not acknowledged: the records are read again and parked then, never skipped
            throw new RetryLater(e);
        }
    }
}
