package cn.shuangcheng.reporting.dashboard.web;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;

import cn.shuangcheng.reporting.ingestion.api.FreshnessMeters;

/**
 * How fresh the read models are, for the dashboard's "last updated / behind" line: from the live consumer's own
 * meters (deploy/METRICS.md), so the page says what Prometheus would. {@code lastAppliedAt} is the time of the newest
 * event applied (now minus the smallest projection lag over the topics; null before the first event);
 * {@code behindRecords} is the consumer lag summed over the assigned partitions (refreshed by the consumer every few
 * seconds), and {@code behind} is true while it is above zero. Needs {@code reports:read} like the reports.
 */
@Hidden
@RestController
public class DashboardFreshness {

    /** The page's freshness line. */
    public record Freshness(String lastAppliedAt, long behindRecords, boolean behind) {
    }

    private final MeterRegistry registry;
    private final Clock clock;

    public DashboardFreshness(MeterRegistry registry) {
        this.registry = registry;
        this.clock = Clock.systemUTC();
    }

    @GetMapping(path = DashboardController.FRESHNESS, produces = "application/json")
    public Freshness freshness() {
        double smallestLag = registry.find(FreshnessMeters.PROJECTION_LAG).gauges().stream()
                .mapToDouble(Gauge::value).filter(lag -> !Double.isNaN(lag)).min().orElse(Double.NaN);
        long behind = Math.round(registry.find(FreshnessMeters.CONSUMER_LAG).gauges().stream()
                .mapToDouble(Gauge::value).filter(lag -> !Double.isNaN(lag)).sum());
        String lastApplied = Double.isNaN(smallestLag) ? null
                : Instant.ofEpochMilli(clock.millis() - Math.round(smallestLag * 1000)).toString();
        return new Freshness(lastApplied, behind, behind > 0);
    }
}
