package cn.shuangcheng.cadres.exchange.query;

import cn.shuangcheng.cadres.exchange.domain.Secondment;
import cn.shuangcheng.servicesupport.deadletter.DeadLetterAdmin;
import cn.shuangcheng.servicesupport.eventstore.AggregateReads;
import cn.shuangcheng.support.web.ProblemKind;
import cn.shuangcheng.support.web.ProblemMapper;
import cn.shuangcheng.support.web.Problems;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;

/**
 * Read-your-writes for the secondment views. The view comes from cadre-service's read model, which a tracking
 * processor fills shortly after each write; the event store says what was written. A read first asks the
 * secondment (the aggregate, from the event store) for its version, then waits (briefly, {@link #CATCH_UP}) until the
 * view has applied it.
 * So a client that follows a write's Location sees its write, with that version as ETag. When the read model is
 * further behind (a stopped processor, an outage), the answer is 503 with Retry-After, never a stale view.
 * <p>
 * One exception, because waiting cannot help: a change of this secondment the read model could not apply is parked
 * in its dead-letter queue, and the changes after it wait behind it until an operator retries or drops it. The
 * secondment is then answered as applied, its own version as ETag (lower than the stored one: an If-Match with it is
 * 409 until the operator acts), so that a reader sees the secondment instead of 503s; the parked change is listed at
 * {@code /api/v1/admin/dead-letters}. What the applied view cannot answer (a contribution behind the parked change,
 * a secondment whose very first change is parked) stays 503, at once rather than after the wait.
 * <p>
 * A waiting read holds a request thread for up to {@link #CATCH_UP}. While the read model is stopped every read of a
 * secondment written since waits that long, so a few dozen reads a second would take every thread of the server,
 * and the writes with them. At most {@code shuangcheng.cadres.read-your-writes.max-waiting} reads (default 32) wait
 * at a time; a read beyond them that would have to wait answers 503 with Retry-After at once.
 */
@Component
class FreshSecondments {

    static final Duration CATCH_UP = Duration.ofSeconds(3);
    private static final Duration ASK_PARKED_AFTER = Duration.ofMillis(250);
    private static final Logger log = LoggerFactory.getLogger(FreshSecondments.class);
    private static final long POLL_MILLIS = 20;

    private final SecondmentViews views;
    private final org.axonframework.config.Configuration axon;
    private final ObjectProvider<DeadLetterAdmin> deadLetters;
    private final Semaphore waiting;

    FreshSecondments(SecondmentViews views, org.axonframework.config.Configuration axon,
                     ObjectProvider<DeadLetterAdmin> deadLetters,
                     @Value("${shuangcheng.cadres.read-your-writes.max-waiting:32}") int maxWaiting) {
        if (maxWaiting < 1) {
            throw new IllegalArgumentException("shuangcheng.cadres.read-your-writes.max-waiting (" + maxWaiting
                    + ") must be at least 1");
        }
        this.views = views;
        this.axon = axon;
        this.deadLetters = deadLetters;
        this.waiting = new Semaphore(maxWaiting);
    }

    /**
     * A view of the secondment; {@code behindParkedChange} when it is the view as applied, short of a change parked in
     * the read model's dead-letter queue (see the class comment).
     */
    record Found(Document view, boolean behindParkedChange) {
    }

    /**
     * The view with every stored event of the secondment applied, or the view as applied when a change of it is
     * parked; empty when nothing is stored under the id.
     *
     * @throws ReadModelBehindException when the read model has not caught up within {@link #CATCH_UP}, or has no view
     *                                  of the secondment at all because its first change is parked
     */
    Optional<Found> find(String secondmentId) {
        Optional<Long> stored = storedVersion(secondmentId);
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        Optional<Document> view = views.find(secondmentId);
        if (applied(view, stored.get())) {
            return Optional.of(new Found(view.get(), false));
        }
        if (!waiting.tryAcquire()) {
            throw ReadModelBehindException.tooManyWaiting(secondmentId, stored.get());
        }
        try {
            return Optional.of(awaitApplied(secondmentId, stored.get(), view));
        } finally {
            waiting.release();
        }
    }

    private static boolean applied(Optional<Document> view, long stored) {
        return view.isPresent() && ((Number) view.get().get(SecondmentViews.LAST_SEQUENCE)).longValue() >= stored;
    }

    /** Polls the view until it has applied {@code stored}; {@code view} is the one just read, not applied yet. */
    private Found awaitApplied(String secondmentId, long stored, Optional<Document> view) {
        long started = System.nanoTime();
        long deadline = started + CATCH_UP.toNanos();
        // A view is usually a few milliseconds behind a write just made: the dead letters are asked only once the
        // normal catch-up is over, and again at the deadline.
        long askParkedAt = started + ASK_PARKED_AFTER.toNanos();
        boolean askedParked = false;
        while (true) {
            long now = System.nanoTime();
            boolean expired = now > deadline;
            if ((!askedParked && now >= askParkedAt) || expired) {
                askedParked = true;
                if (parked(secondmentId)) {
                    if (view.isPresent()) {
                        return new Found(view.get(), true);
                    }
                    throw new ReadModelBehindException(secondmentId, stored, true);
                }
            }
            if (expired) {
                throw new ReadModelBehindException(secondmentId, stored, false);
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ReadModelBehindException(secondmentId, stored, false);
            }
            view = views.find(secondmentId);
            if (applied(view, stored)) {
                return new Found(view.get(), false);
            }
        }
    }

    /**
     * Whether a change of the secondment waits in the read model's dead-letter queue. A failure to ask counts as
     * not parked: the read then ends as it did before the question existed (a view that catches up, or 503).
     */
    private boolean parked(String secondmentId) {
        DeadLetterAdmin admin = deadLetters.getIfAvailable(); // absent when dead-lettering is turned off
        if (admin == null) {
            return false;
        }
        try {
            return admin.parked(SecondmentProjection.PROCESSING_GROUP, secondmentId) > 0;
        } catch (RuntimeException e) {
            log.debug("cannot tell whether secondment {} has a parked change: {}", secondmentId, e.toString());
            return false;
        }
    }

    /**
     * The secondment's version in the event store, through the aggregate: empty for an id with nothing stored and for
     * another aggregate's id (a batch's), which must be a 404, not a wait for a view that never comes.
     */
    private Optional<Long> storedVersion(String secondmentId) {
        try {
            return Optional.of(AggregateReads.read(axon.repository(Secondment.class), secondmentId, Secondment::term)
                    .version());
        } catch (AggregateNotFoundException e) {
            return Optional.empty();
        }
    }

    /**
     * The secondment's latest stored change is not in the read model yet: 503, try again shortly (also when as many
     * reads wait as may); or a change of it is parked and the read model has no view of it, or not the part asked
     * for, until an operator acts.
     */
    static final class ReadModelBehindException extends RuntimeException {
        private final boolean parked;

        ReadModelBehindException(String secondmentId, long storedSequence, boolean parked) {
            this(parked ? "a change of secondment " + secondmentId + " is parked in the read model's dead-letter "
                    + "queue, and what was asked waits behind it until an operator retries or drops it"
                    : "the read model has not applied change " + storedSequence + " of secondment " + secondmentId
                    + " yet", parked);
        }

        private ReadModelBehindException(String message, boolean parked) {
            super(message);
            this.parked = parked;
        }

        static ReadModelBehindException tooManyWaiting(String secondmentId, long storedSequence) {
            return new ReadModelBehindException("the read model has not applied change " + storedSequence
                    + " of secondment " + secondmentId + " yet, and as many reads as may wait for the read model are "
                    + "waiting", false);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Problem {
        @Bean
        ProblemMapper readModelBehindMapper() {
            return exception -> exception instanceof ReadModelBehindException
                    ? Optional.of(Problems.of(ProblemKind.UNAVAILABLE, exception.getMessage()
                            + (((ReadModelBehindException) exception).parked ? "."
                            : "; send the request again after Retry-After seconds.")))
                    : Optional.empty();
        }
    }
}
