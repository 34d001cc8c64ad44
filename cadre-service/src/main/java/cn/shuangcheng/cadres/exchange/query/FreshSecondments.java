package cn.shuangcheng.cadres.exchange.query;

import cn.shuangcheng.cadres.exchange.domain.Secondment;
import cn.shuangcheng.servicesupport.deadletter.DeadLetterAdmin;
import cn.shuangcheng.servicesupport.eventstore.AggregateReads;
import cn.shuangcheng.support.web.ProblemKind;
import cn.shuangcheng.support.web.ProblemMapper;
import cn.shuangcheng.support.web.Problems;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.bson.Document;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Optional;

/**
 * Read-your-writes for the secondment views. The view comes from cadre-service's read model, which a tracking
 * processor fills shortly after each write; the event store says what was written. A read first asks the
 * secondment (the aggregate, from the event store) for its version, then waits (briefly, {@link #CATCH_UP}) until the view has applied it.
 * So a client that follows a write's Location sees its write, with that version as ETag. When the read model is
 * further behind (a stopped processor, an outage), the answer is 503 with Retry-After, never a stale view.
 * <p>
 * One exception, because waiting cannot help: a change of this secondment the read model could not apply is parked
 * in its dead-letter queue, and the changes after it wait behind it until an operator retries or drops it. The view
 * is then answered as applied, its own version as ETag (lower than the stored one), so that a reader sees the
 * secondment instead of 503s until someone acts; the parked change is listed at {@code /api/v1/admin/dead-letters}.
 */
@Component
class FreshSecondments {

    static final Duration CATCH_UP = Duration.ofSeconds(3);
    private static final long POLL_MILLIS = 20;

    private final SecondmentViews views;
    private final org.axonframework.config.Configuration axon;
    private final ObjectProvider<DeadLetterAdmin> deadLetters;

    FreshSecondments(SecondmentViews views, org.axonframework.config.Configuration axon,
                     ObjectProvider<DeadLetterAdmin> deadLetters) {
        this.views = views;
        this.axon = axon;
        this.deadLetters = deadLetters;
    }

    /** The view with every stored event of the secondment applied; empty when nothing is stored under the id. */
    Optional<Document> find(String secondmentId) {
        Optional<Long> stored = storedVersion(secondmentId);
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        long deadline = System.nanoTime() + CATCH_UP.toNanos();
        boolean first = true;
        while (true) {
            Optional<Document> view = views.find(secondmentId);
            if (view.isPresent() && ((Number) view.get().get(SecondmentViews.LAST_SEQUENCE)).longValue()
                    >= stored.get()) {
                return view;
            }
            boolean expired = System.nanoTime() > deadline;
            // Asked at the first look and at the deadline only: a parked change is rare, the query is not free.
            if ((first || expired) && view.isPresent() && parked(secondmentId)) {
                return view;
            }
            if (expired) {
                throw new ReadModelBehindException(secondmentId, stored.get());
            }
            first = false;
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ReadModelBehindException(secondmentId, stored.get());
            }
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

    /** Whether a change of the secondment waits in the read model's dead-letter queue. */
    private boolean parked(String secondmentId) {
        DeadLetterAdmin admin = deadLetters.getIfAvailable(); // absent when dead-lettering is turned off
        return admin != null && admin.parked(SecondmentProjection.PROCESSING_GROUP, secondmentId) > 0;
    }

    /** The secondment's latest stored change is not in the read model yet: 503, try again shortly. */
    static final class ReadModelBehindException extends RuntimeException {
        ReadModelBehindException(String secondmentId, long storedSequence) {
            super("the read model has not applied change " + storedSequence + " of secondment " + secondmentId
                    + " yet");
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Problem {
        @Bean
        ProblemMapper readModelBehindMapper() {
            return exception -> exception instanceof ReadModelBehindException
                    ? Optional.of(Problems.of(ProblemKind.UNAVAILABLE, exception.getMessage()
                            + "; send the request again after Retry-After seconds."))
                    : Optional.empty();
        }
    }
}
