package cn.shuangcheng.servicesupport.health;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Health of the service's Axon event processors (the Kafka publication, read models): DOWN only when a processor is
 * crash-looping ({@link EventProcessorSupervisor#isCrashLooping}: in error after every restart in a row; the supervisor keeps
 * starting it again, further apart). It shows in the overall status and the details, for monitoring, and is in no
 * probe group: restarting the instance would not cure an input that every instance shares.
 * <p>
 * A processor in error because Kafka or MongoDB is unavailable retries on its own and stays UP here: restarting the
 * instance would not bring Kafka back, and such an outage must not take the write API out of rotation either (this
 * indicator is not in the readiness group). Its state shows in the details (running, error, segments claimed,
 * caught up, last error, restarts, parked events) and in the metrics ({@code shuangcheng.publication.running},
 * {@link EventProcessorSupervisor}'s meters).
 * <p>
 * An instance whose processor runs but holds no segment (another instance has it) is healthy: that is how several
 * instances share one processor.
 */
public final class EventProcessorsHealthIndicator extends AbstractHealthIndicator {

    private final Supplier<Map<String, EventProcessor>> processors;
    private final EventProcessorSupervisor supervisor;

    public EventProcessorsHealthIndicator(Supplier<Map<String, EventProcessor>> processors,
                                          EventProcessorSupervisor supervisor) {
        super("Event processor health check failed");
        this.processors = processors;
        this.supervisor = supervisor;
    }

    /** Running and not in error: what the {@code shuangcheng.publication.running} gauge reports. */
    public static boolean isHealthy(EventProcessor processor) {
        return processor.isRunning() && !processor.isError();
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        boolean anyLooping = false;
        for (Map.Entry<String, EventProcessor> entry : new TreeMap<>(processors.get()).entrySet()) {
            anyLooping |= supervisor.isCrashLooping(entry.getKey());
            builder.withDetail(entry.getKey(), describe(entry.getKey(), entry.getValue()));
        }
        if (anyLooping) {
            builder.down();
        } else {
            builder.up();
        }
    }

    private Map<String, Object> describe(String name, EventProcessor processor) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("running", processor.isRunning());
        details.put("error", processor.isError());
        if (processor instanceof StreamingEventProcessor streaming) {
            Map<Integer, EventTrackerStatus> status = streaming.processingStatus();
            details.put("segmentsClaimed", status.keySet().stream().sorted().toList());
            details.put("caughtUp", status.values().stream().allMatch(EventTrackerStatus::isCaughtUp));
            status.values().stream().filter(EventTrackerStatus::isErrorState).findFirst()
                  .map(EventTrackerStatus::getError)
                  .ifPresent(error -> details.put("lastError", error.getClass().getSimpleName() + ": "
                          + error.getMessage()));
        }
        details.put("restarts", supervisor.restarts(name));
        details.put("deadLetters", supervisor.deadLetters(name));
        details.put("crashLooping", supervisor.isCrashLooping(name));
        return details;
    }
}
