package cn.shuangcheng.servicesupport.web;

import cn.shuangcheng.support.web.ProblemExceptionHandler;
import cn.shuangcheng.support.web.ProblemKind;
import cn.shuangcheng.support.web.ProblemMapper;
import cn.shuangcheng.support.web.Problems;
import java.util.Optional;

import cn.shuangcheng.servicesupport.eventstore.LateAppendRefusedException;
import cn.shuangcheng.support.outage.Causes;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.common.lock.LockAcquisitionFailedException;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.ConflictingModificationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ProblemDetail;

/**
 * Axon's exceptions as problems, for web-support's {@link ProblemExceptionHandler} (which knows nothing of Axon):
 * a stale or concurrent write is 409, an unknown aggregate 404. Axon hands a command handler's exception back
 * wrapped in CommandExecutionException (checked exceptions, distributed buses): the answer is for its cause.
 * {@code ConflictingAggregateVersionException} and {@code AggregateStreamCreationException} are
 * ConflictingModificationException / ConcurrencyException subtypes and so 409 as well.
 * <p>
 * An append the event store refused because it came too late ({@link LateAppendRefusedException}: a pause or a
 * failover between reserving its global index and inserting) is 503 with {@code Retry-After}, as for an unavailable
 * MongoDB: nothing was stored, and the same request sent again succeeds. So is a request that waited out Axon's lock on
 * its aggregate (held by the requests before it): it was a 500.
 */
public class AxonProblemMapper implements ProblemMapper {

    private static final Logger log = LoggerFactory.getLogger(AxonProblemMapper.class);

    @Override
    public Optional<ProblemDetail> problemFor(Throwable exception) {
        if (Causes.anyMatch(exception, LateAppendRefusedException.class::isInstance)) {
            log.warn("Request answered 503: {}", exception.toString());
            return Optional.of(Problems.of(ProblemKind.UNAVAILABLE,
                    Problems.text("problem.detail.late-write")));
        }
        if (exception instanceof LockAcquisitionFailedException) {
            // other requests on the same aggregate held its lock for Axon's whole wait (a burst, a slow MongoDB):
            // nothing was done, and the request may be sent again
            log.warn("Request answered 503: {}", exception.toString());
            return Optional.of(Problems.of(ProblemKind.UNAVAILABLE, Problems.text("problem.detail.busy")));
        }
        if (exception instanceof ConflictingModificationException || exception instanceof ConcurrencyException) {
            // Axon's messages name aggregate types and sequence numbers: keep them in the log only
            return Optional.of(Problems.of(ProblemKind.VERSION_CONFLICT,
                    Problems.text("problem.detail.concurrent-change")));
        }
        if (exception instanceof AggregateNotFoundException) {
            return Optional.of(Problems.of(ProblemKind.NOT_FOUND, Problems.text("problem.detail.no-such-id")));
        }
        if (exception instanceof IncompatibleAggregateException) {
            // the id is another kind of aggregate's (an agenda item's id on a project path): its events cannot
            // rebuild this kind, so no resource of this kind has the id
            log.info("Request for an id of another aggregate type answered 404: {}", exception.getMessage());
            return Optional.of(Problems.of(ProblemKind.NOT_FOUND, Problems.text("problem.detail.no-such-id")));
        }
        return Optional.empty();
    }

    @Override
    public boolean isWrapper(Throwable exception) {
        return exception instanceof CommandExecutionException;
    }
}
