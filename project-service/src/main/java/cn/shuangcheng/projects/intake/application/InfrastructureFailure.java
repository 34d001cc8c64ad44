package cn.shuangcheng.projects.intake.application;

import cn.shuangcheng.servicesupport.eventstore.LateAppendRefusedException;
import cn.shuangcheng.support.outage.Causes;
import cn.shuangcheng.support.outage.KafkaOutages;
import cn.shuangcheng.support.outage.MongoOutages;
import org.axonframework.common.lock.LockAcquisitionFailedException;
import org.axonframework.commandhandling.NoHandlerForCommandException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;

/**
 * Tells a failure of the infrastructure (MongoDB or Kafka unreachable, slow or failing over; a concurrent writer
 * of the same project; an append the event store refused because it came too late, after a pause) from a failure
 * caused by the input. The first is retried later with the same input and
 * will pass once the dependency is back; the second would fail the same way every time, so it is the row's (or
 * the record's) rejection. Axon and the event store wrap the drivers' exceptions, so the whole cause chain counts.
 * A command bus without handlers is this instance starting or shutting down: the row stays pending (it was
 * rejected, at every graceful shutdown, for the batch in flight).
 */
final class InfrastructureFailure {

    private InfrastructureFailure() {
    }

    static boolean isCause(Throwable failure) {
        return MongoOutages.isOutage(failure) || KafkaOutages.isOutage(failure)
                || Causes.anyMatch(failure, t -> t instanceof ConcurrencyException
                        || t instanceof ConflictingAggregateVersionException // written since the row was planned
                        || t instanceof LateAppendRefusedException || t instanceof NoHandlerForCommandException
                        // other requests held the project for the whole lock wait: nothing was done
                        || t instanceof LockAcquisitionFailedException);
    }
}
