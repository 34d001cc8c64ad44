package cn.shuangcheng.projects.intake.application;

import cn.shuangcheng.projects.intake.api.RowOutcome;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code shuangcheng.intake.rows{outcome, channel}} (deploy/METRICS.md): every intake row by what became of it and
 * the way it came in. All six series exist from the start, so a rate of rejected rows is 0 rather than absent.
 */
public class IntakeMetrics {

    public static final String ROWS = "shuangcheng.intake.rows";
    /** Times a worker tried again after its infrastructure failed: {@code worker} batches or topic. */
    public static final String RETRIES = "shuangcheng.intake.retries";
    /** Intake batches this instance stopped working on because another instance had taken them over. */
    public static final String BATCHES_LOST = "shuangcheng.intake.batches.lost";
    /** Times the intake topic listener's loop died and was started again by its supervisor. */
    public static final String LISTENER_RESTARTS = "shuangcheng.intake.listener.restarts";

    /** How a row came in: a REST batch or a record on the intake topic. */
    public enum Channel { REST, KAFKA }

    private final Map<Channel, Map<RowOutcome.Outcome, Counter>> rows = new EnumMap<>(Channel.class);
    private final Counter batchRetries;
    private final Counter topicRetries;
    private final Counter listenerRestarts;
    private final Counter batchesLost;

    public IntakeMetrics(MeterRegistry registry) {
        batchRetries = Counter.builder(RETRIES).tag("worker", "batches")
                .description("intake batches tried again after MongoDB or another dependency failed").register(registry);
        topicRetries = Counter.builder(RETRIES).tag("worker", "topic")
                .description("intake records tried again after MongoDB or Kafka failed").register(registry);
        listenerRestarts = Counter.builder(LISTENER_RESTARTS)
                .description("restarts of the intake topic listener after its loop died").register(registry);
        batchesLost = Counter.builder(BATCHES_LOST)
                .description("intake batches given up because another instance took them over (lease epoch fenced)")
                .register(registry);
        for (Channel channel : Channel.values()) {
            Map<RowOutcome.Outcome, Counter> byOutcome = new EnumMap<>(RowOutcome.Outcome.class);
            for (RowOutcome.Outcome outcome : RowOutcome.Outcome.values()) {
                byOutcome.put(outcome, Counter.builder(ROWS)
                        .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                        .tag("channel", channel.name().toLowerCase(Locale.ROOT))
                        .description("intake rows by outcome")
                        .register(registry));
            }
            rows.put(channel, byOutcome);
        }
    }

    void batchRetried() {
        batchRetries.increment();
    }

    void batchLost() {
        batchesLost.increment();
    }

    public void recordRetried() {
        topicRetries.increment();
    }

    public void listenerRestarted() {
        listenerRestarts.increment();
    }

    public void row(Channel channel, RowOutcome outcome) {
        rows.get(channel).get(outcome.outcome()).increment();
    }
}
