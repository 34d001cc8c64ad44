package cn.shuangcheng.reporting.ingestion;

import cn.shuangcheng.reporting.ingestion.application.Supervisor;
import cn.shuangcheng.reporting.ingestion.domain.Projection;
import cn.shuangcheng.reporting.ingestion.kafka.CloudEventReader;
import cn.shuangcheng.reporting.ingestion.kafka.DeadLetters;
import cn.shuangcheng.reporting.ingestion.kafka.IngestMetrics;
import cn.shuangcheng.reporting.ingestion.kafka.KafkaClients;
import cn.shuangcheng.reporting.ingestion.kafka.LiveIngest;
import cn.shuangcheng.reporting.ingestion.kafka.LiveIngestMetrics;
import cn.shuangcheng.reporting.ingestion.kafka.RecordSpans;
import cn.shuangcheng.reporting.ingestion.mongo.Projector;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.mongodb.client.MongoClient;

import cn.shuangcheng.contracts.EventTypes;
import cn.shuangcheng.reporting.ReportingProperties;
import cn.shuangcheng.reporting.readmodel.mongo.ReadModelStore;
import cn.shuangcheng.support.kafka.KafkaConnectionProperties;
import cn.shuangcheng.support.kafka.RenewingProducer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Tracer;

/**
 * Wiring of the read side's ingestion: reader, projections, projector, dead letters, the live consumer, and what
 * operators see of it (metrics, the consumer spans, the {@code readModelConsumer} and {@code readModelWorker} health
 * indicators).
 */
@Configuration(proxyBeanMethods = false)
public class IngestConfiguration {

    @Bean
    ReadModelStore readModelStore(MongoClient mongoClient, ReportingProperties properties) {
        return new ReadModelStore(mongoClient.getDatabase(properties.database()));
    }

    @Bean
    CloudEventReader cloudEventReader(ReportingProperties properties) {
        return new CloudEventReader(contextByTopic(properties));
    }

    private static Map<String, String> contextByTopic(ReportingProperties properties) {
        return Map.of(properties.projectTopic(), EventTypes.PROJECT_CONTEXT,
                properties.cadreTopic(), EventTypes.CADRE_CONTEXT);
    }

    /** Every read model is a {@link Projection} bean of its feature's package; ingestion knows none of them. */
    @Bean
    Projector projector(ReadModelStore store, CloudEventReader reader, List<Projection> projections) {
        return new Projector(store, reader, projections);
    }

    @Bean
    KafkaClients kafkaClients(KafkaConnectionProperties kafka, ReportingProperties properties) {
        return new KafkaClients(kafka, properties);
    }

    /** Replaced after a failed send: one that failed authentication once would never park a record again. */
    @Bean(destroyMethod = "close")
    RenewingProducer<String, byte[]> deadLetterProducer(KafkaClients clients, MeterRegistry meters) {
        return new RenewingProducer<>("dead-letters", clients::deadLetterProducer, meters);
    }

    @Bean
    DeadLetters deadLetters(RenewingProducer<String, byte[]> deadLetterProducer, ReportingProperties properties) {
        return new DeadLetters(deadLetterProducer, properties.deadLetterTopic(), properties.groupId());
    }

    @Bean
    @ConditionalOnProperty(name = "shuangcheng.reporting.ingest-enabled", havingValue = "true", matchIfMissing = true)
    LiveIngest liveIngest(ReportingProperties properties, KafkaClients clients, CloudEventReader reader,
                          DeadLetters deadLetters, Projector projector, ReadModelStore store, MeterRegistry meters,
                          ObjectProvider<Tracer> tracer) {
        IngestMetrics metrics = new LiveIngestMetrics(meters, contextByTopic(properties), properties.lagInterval(),
                Clock.systemUTC());
        RecordSpans spans = tracer.getIfAvailable() == null ? RecordSpans.NONE
                : RecordSpans.of(tracer.getObject(), properties.groupId());
        LiveIngest ingest = new LiveIngest(properties, clients, reader, deadLetters, projector, store, meters, metrics,
                spans);
        Gauge.builder("shuangcheng.reporting.consumer.running", ingest, live -> live.isPolling() ? 1 : 0)
             .description("1 while the read-model consumer polls").register(meters);
        Gauge.builder("shuangcheng.reporting.consumer.crash-looping", ingest, live -> live.isCrashLooping() ? 1 : 0)
             .description("1 while the read-model consumer dies again and again (still restarted)")
             .register(meters);
        return ingest;
    }

    /**
     * {@code readModelConsumer}, in the health details but in no probe group: DOWN when the live consumer stopped, its
     * loop ended, it has not polled within {@code shuangcheng.reporting.stall-timeout}, or it is crash-looping. Reporting's reads do not
     * depend on it (nor on Kafka): a consumer that waits for Kafka or MongoDB leaves the instance ready to answer
     * from the read models it has. UP on a query-only instance (ingest switched off).
     */
    @Bean
    HealthIndicator readModelConsumerHealthIndicator(ObjectProvider<LiveIngest> liveIngest) {
        return () -> {
            LiveIngest ingest = liveIngest.getIfAvailable();
            if (ingest == null) {
                return Health.up().withDetail("ingest", "disabled").build();
            }
            boolean crashLooping = ingest.isCrashLooping();
            return (ingest.isPolling() && !crashLooping ? Health.up() : Health.down()).withDetail("ingest", "live")
                    .withDetail("generation", ingest.generation()).withDetail("crashLooping", crashLooping).build();
        };
    }

    /**
     * {@code readModelWorker}, in the liveness group: DOWN only when the consumer thread is stuck in a call for three
     * times {@code stall-timeout} (a call that never returns cannot be mended within the process), so that the
     * orchestrator restarts the pod. Deaths are the supervisor's to mend, however many: {@code crashLooping} in the
     * details ({@code restart-limit} threads in a row died within {@code restart-window}) is for monitoring, since
     * what kills every thread is nearly always shared by every instance. An outage of MongoDB or Kafka is waited out.
     * UP on a query-only instance and while stopped.
     */
    @Bean
    HealthIndicator readModelWorkerHealthIndicator(ObjectProvider<LiveIngest> liveIngest) {
        return () -> {
            LiveIngest ingest = liveIngest.getIfAvailable();
            Supervisor supervisor = ingest == null ? null : ingest.supervisor();
            if (supervisor == null) {
                return Health.up().withDetail("ingest", ingest == null ? "disabled" : "stopped").build();
            }
            boolean stuck = ingest.isStuck();
            Health.Builder health = stuck ? Health.down() : Health.up();
            health.withDetail("restarts", supervisor.restartCount()).withDetail("stuck", stuck)
                    .withDetail("crashLooping", supervisor.isCrashLooping())
                    .withDetail("deathsInARow", supervisor.deathsInARow());
            if (supervisor.lastFailure() != null) {
                health.withDetail("lastFailure", supervisor.lastFailure());
            }
            return health.build();
        };
    }
}
