package cn.shuangcheng.reporting.ingestion.api;

/**
 * The names of the live consumer's meters that say how fresh the read models are (deploy/METRICS.md): registered by
 * the Kafka adapter (ingestion.kafka.LiveIngestMetrics), read by the dashboard's freshness line, which so says what
 * Prometheus would without knowing the consumer.
 */
public final class FreshnessMeters {

    /** Seconds since the newest applied event's time, per topic. */
    public static final String PROJECTION_LAG = "shuangcheng.reporting.projection.lag";
    /** Records not yet consumed, per assigned partition. */
    public static final String CONSUMER_LAG = "shuangcheng.reporting.consumer.lag";

    private FreshnessMeters() {
    }
}
