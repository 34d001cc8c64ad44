package cn.shuangcheng.support.health;

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
 * Readiness of the service's Axon event processors (the Kafka publication, read models): DOWN when one of them is
 * not running, or is in error (its batches fail and are retried, e.g. while Kafka refuses the publication). A service
 * whose events no longer reach Kafka or whose read model no longer follows should not take traffic.
 * <p>
 * An instance whose processor runs but holds no segment (another instance has it) is ready: that is how several
 * instances share one processor.
 */
public final class EventProcessorsHealthIndicator extends AbstractHealthIndicator {

    private final Supplier<Map<String, EventProcessor>> processors;

    public EventProcessorsHealthIndicator(Supplier<Map<String, EventProcessor>> processors) {
        super("Event processor health check failed");
        this.processors = processors;
    }

    /** Running and not in error: what readiness and the {@code shuangcheng.publication.running} gauge report. */
    public static boolean isHealthy(EventProcessor processor) {
        return processor.isRunning() && !processor.isError();
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        boolean allHealthy = true;
        for (Map.Entry<String, EventProcessor> entry : new TreeMap<>(processors.get()).entrySet()) {
            EventProcessor processor = entry.getValue();
            allHealthy &= isHealthy(processor);
            builder.withDetail(entry.getKey(), describe(processor));
        }
        if (allHealthy) {
            builder.up();
        } else {
            builder.down();
        }
    }

    private static Map<String, Object> describe(EventProcessor processor) {
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
        return details;
    }
}
