package cn.shuangcheng.projects.intake;

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

    /** How a row came in: a REST batch or a record on the intake topic. */
    public enum Channel { REST, KAFKA }

    private final Map<Channel, Map<RowOutcome.Outcome, Counter>> rows = new EnumMap<>(Channel.class);

    public IntakeMetrics(MeterRegistry registry) {
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

    void row(Channel channel, RowOutcome outcome) {
        rows.get(channel).get(outcome.outcome()).increment();
    }
}
