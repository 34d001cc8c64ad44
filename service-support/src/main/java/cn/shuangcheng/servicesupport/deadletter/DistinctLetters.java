package cn.shuangcheng.servicesupport.deadletter;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.DeadLetterQueueOverflowException;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.NoSuchDeadLetterException;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A dead-letter queue that holds each event at most once per sequence.
 * <p>
 * The queue writes to MongoDB at once, outside the batch (there are no transactions to take part in, and the
 * stand-in has none). When a batch parks an event and then fails for another reason (Kafka did not acknowledge an
 * earlier event), the processor retries the whole batch, and the event would be parked a second time behind
 * itself. So an event already in its sequence is not enqueued again.
 * <p>
 * Axon's dead-lettering invoker asks {@link #contains} for every event it handles, one query each: on a backlog that
 * round trip was most of the publication's time. Within a processor's batch (its unit of work) an empty queue is
 * therefore asked once ({@link #size()}), and the batch remembers it as empty until it parks a letter itself; a
 * queue that holds letters is asked per event as before. Sound because, while the batch runs, letters of its
 * sequences can only come from itself: the segment's claim keeps other nodes off its sequences, and the admin API
 * (retry, evict) only takes letters out. Outside a unit of work every call goes to the queue. The exception is a
 * claim taken over while its old holder still runs a batch: both may then handle the same events. The one that finds
 * an event parked already treats the queue as not empty from then on, as if it had parked it itself; but one that
 * handled event n successfully while the other parked n has published it, so that n is published again when the
 * letter is retried (after n+1 if the other node went on). Consumers keep the first copy of a sequence.
 */
final class DistinctLetters implements SequencedDeadLetterQueue<EventMessage<?>> {

    private static final Logger log = LoggerFactory.getLogger(DistinctLetters.class);

    private static final AtomicLong INSTANCES = new AtomicLong();

    private final SequencedDeadLetterQueue<EventMessage<?>> delegate;
    /** The batch's resource: TRUE while the queue is known to be empty for the batch, FALSE once it parked one. */
    private final String emptyInBatchKey;

    DistinctLetters(SequencedDeadLetterQueue<EventMessage<?>> delegate) {
        this.delegate = delegate;
        this.emptyInBatchKey = DistinctLetters.class.getName() + "/empty/" + INSTANCES.incrementAndGet();
    }

    private boolean knownEmptyInBatch() {
        if (!CurrentUnitOfWork.isStarted()) {
            return false;
        }
        return CurrentUnitOfWork.get().root().getOrComputeResource(emptyInBatchKey, key -> delegate.size() == 0);
    }

    private void parkedInBatch() {
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().root().resources().put(emptyInBatchKey, Boolean.FALSE);
        }
    }

    @Override
    public void enqueue(Object sequenceIdentifier, DeadLetter<? extends EventMessage<?>> letter) {
        String eventId = letter.message().getIdentifier();
        // Whether parked now or found parked already (by another node that held the segment for a moment), the
        // queue is no longer empty for this batch: the sequence's later events must wait behind the letter.
        parkedInBatch();
        List<DeadLetter<? extends EventMessage<?>>> sequence = new ArrayList<>();
        if (delegate.contains(sequenceIdentifier)) {
            delegate.deadLetterSequence(sequenceIdentifier).forEach(sequence::add);
        }
        int parkedAt = indexOf(sequence, eventId);
        if (parkedAt < 0) {
            delegate.enqueue(sequenceIdentifier, letter);
        }
        putBehind(sequenceIdentifier, letter.message(), sequence, parkedAt < 0 ? sequence.size() : parkedAt);
    }

    /**
     * A retried batch: it parked a later event of this aggregate and then failed for another reason, and this earlier
     * event, handled on the first try, now finds the sequence taken. Behind the later one it would be released after
     * it, out of the aggregate's order; so the later letters ahead of it ({@code sequence} up to {@code position})
     * go behind it again. Each is copied before its original is evicted: a process that dies in between leaves a
     * letter twice, never none, and the next try of the batch only evicts the original, whose copy is behind. Done
     * also when the event is found parked already, so a try that failed half-way is completed. A sequence too full
     * for the copy keeps its order, with a warning, rather than fail every batch.
     */
    private void putBehind(Object sequenceIdentifier, EventMessage<?> arriving,
                           List<DeadLetter<? extends EventMessage<?>>> sequence, int position) {
        for (DeadLetter<? extends EventMessage<?>> parked : sequence.subList(0, position)) {
            if (!isLater(parked.message(), arriving)) {
                continue;
            }
            if (indexOf(sequence.subList(position, sequence.size()), parked.message().getIdentifier()) < 0) {
                try {
                    delegate.enqueue(sequenceIdentifier, parked);
                } catch (DeadLetterQueueOverflowException full) {
                    log.warn("Dead letter of event {} stays ahead of the earlier event {} of its aggregate: the "
                            + "sequence is full", parked.message().getIdentifier(), arriving.getIdentifier());
                    return;
                }
            }
            delegate.evict(parked);
        }
    }

    private static int indexOf(List<DeadLetter<? extends EventMessage<?>>> letters, String eventId) {
        for (int i = 0; i < letters.size(); i++) {
            if (letters.get(i).message().getIdentifier().equals(eventId)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isLater(EventMessage<?> parked, EventMessage<?> arriving) {
        return parked instanceof DomainEventMessage<?> a && arriving instanceof DomainEventMessage<?> b
                && a.getAggregateIdentifier().equals(b.getAggregateIdentifier())
                && a.getSequenceNumber() > b.getSequenceNumber();
    }

    @Override
    public void evict(DeadLetter<? extends EventMessage<?>> letter) {
        delegate.evict(letter);
    }

    @Override
    public void requeue(DeadLetter<? extends EventMessage<?>> letter,
                        UnaryOperator<DeadLetter<? extends EventMessage<?>>> letterUpdater)
            throws NoSuchDeadLetterException {
        delegate.requeue(letter, letterUpdater);
    }

    @Override
    public boolean contains(Object sequenceIdentifier) {
        return !knownEmptyInBatch() && delegate.contains(sequenceIdentifier);
    }

    @Override
    public Iterable<DeadLetter<? extends EventMessage<?>>> deadLetterSequence(Object sequenceIdentifier) {
        return delegate.deadLetterSequence(sequenceIdentifier);
    }

    @Override
    public Iterable<Iterable<DeadLetter<? extends EventMessage<?>>>> deadLetters() {
        return delegate.deadLetters();
    }

    @Override
    public boolean isFull(Object sequenceIdentifier) {
        return delegate.isFull(sequenceIdentifier);
    }

    @Override
    public long size() {
        return delegate.size();
    }

    @Override
    public long sequenceSize(Object sequenceIdentifier) {
        return delegate.sequenceSize(sequenceIdentifier);
    }

    @Override
    public long amountOfSequences() {
        return delegate.amountOfSequences();
    }

    @Override
    public boolean process(Predicate<DeadLetter<? extends EventMessage<?>>> sequenceFilter,
                           Function<DeadLetter<? extends EventMessage<?>>, EnqueueDecision<EventMessage<?>>> task) {
        return delegate.process(sequenceFilter, task);
    }

    @Override
    public void clear() {
        delegate.clear();
    }
}
