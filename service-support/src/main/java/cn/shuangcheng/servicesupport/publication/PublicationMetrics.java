package cn.shuangcheng.servicesupport.publication;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.axonframework.eventhandling.EventProcessor;

import cn.shuangcheng.servicesupport.health.EventProcessorsHealthIndicator;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The publication's own meters (names as in deploy/METRICS.md):
 * <ul>
 *   <li>{@code shuangcheng.events.published{type}}: events Kafka acknowledged, by CloudEvents type. A batch that
 *       fails half-way is sent again in full, so after such a failure some events are counted twice, exactly as
 *       often as Kafka acknowledged them;</li>
 *   <li>{@code shuangcheng.publication.running{processor}}: 1 while the publishing tracking processor runs and is
 *       not in error, else 0.</li>
 * </ul>
 */
public final class PublicationMetrics {

    public static final String PUBLISHED = "shuangcheng.events.published";
    public static final String RUNNING = "shuangcheng.publication.running";

    private final MeterRegistry registry;
    private final Map<String, Counter> publishedByType = new ConcurrentHashMap<>();

    /** @param processor the publishing processor, once Axon has built it */
    public PublicationMetrics(MeterRegistry registry, String processorName,
                              Supplier<Optional<EventProcessor>> processor) {
        this.registry = registry;
        Gauge.builder(RUNNING, processor,
                     p -> p.get().map(EventProcessorsHealthIndicator::isHealthy).orElse(false) ? 1 : 0)
             .tag("processor", processorName)
             .strongReference(true) // the supplier is referenced by nothing else; weakly held it would be collected
             .description("1 while the publishing tracking processor runs and is not in error")
             .register(registry);
    }

    void published(String type) {
        publishedByType.computeIfAbsent(type, t -> Counter.builder(PUBLISHED).tag("type", t)
                .description("events acknowledged by Kafka").register(registry)).increment();
    }
}
