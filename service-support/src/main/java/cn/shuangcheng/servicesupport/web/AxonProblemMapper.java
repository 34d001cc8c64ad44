package cn.shuangcheng.servicesupport.web;

import cn.shuangcheng.support.web.ProblemExceptionHandler;
import cn.shuangcheng.support.web.ProblemKind;
import cn.shuangcheng.support.web.ProblemMapper;
import cn.shuangcheng.support.web.Problems;
import java.util.Optional;

import cn.shuangcheng.servicesupport.eventstore.LateAppendRefusedException;
import cn.shuangcheng.support.outage.Causes;
import org.axonframework.commandhandling.CommandExecutionException;
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
 * MongoDB: nothing was stored, and the same request sent again succeeds.
 */
public class AxonProblemMapper implements ProblemMapper {

    private static final Logger log = LoggerFactory.getLogger(AxonProblemMapper.class);

    @Override
    public Optional<ProblemDetail> problemFor(Throwable exception) {
        if (Causes.anyMatch(exception, LateAppendRefusedException.class::isInstance)) {
            log.warn("Request answered 503: {}", exception.toString());
            return Optional.of(Problems.of(ProblemKind.UNAVAILABLE,
                    "The event store refused a write that arrived too late. Send the request again."));
        }
        if (exception instanceof ConflictingModificationException || exception instanceof ConcurrencyException) {
            // Axon's messages name aggregate types and sequence numbers: keep them in the log only
            return Optional.of(Problems.of(ProblemKind.VERSION_CONFLICT,
                    "The resource was changed by another request; read it again and retry with its current version."));
        }
        if (exception instanceof AggregateNotFoundException) {
            return Optional.of(Problems.of(ProblemKind.NOT_FOUND, "No resource with this id exists."));
        }
        if (exception instanceof IncompatibleAggregateException) {
            // the id is another kind of aggregate's (an agenda item's id on a project path): its events cannot
            // rebuild this kind, so no resource of this kind has the id
            log.info("Request for an id of another aggregate type answered 404: {}", exception.getMessage());
            return Optional.of(Problems.of(ProblemKind.NOT_FOUND, "No resource with this id exists."));
        }
        return Optional.empty();
    }

    @Override
    public boolean isWrapper(Throwable exception) {
        return exception instanceof CommandExecutionException;
    }
}
