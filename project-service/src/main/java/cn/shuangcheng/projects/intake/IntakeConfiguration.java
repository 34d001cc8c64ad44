package cn.shuangcheng.projects.intake;

import cn.shuangcheng.projects.intake.application.IntakeProcessor;
import cn.shuangcheng.projects.intake.application.KnownProjects;
import cn.shuangcheng.projects.intake.application.IntakeBatchWorker;
import cn.shuangcheng.projects.intake.application.IntakeMetrics;
import cn.shuangcheng.projects.intake.application.IntakeRowBinder;
import cn.shuangcheng.projects.intake.application.IntakeProperties;
import cn.shuangcheng.projects.intake.kafka.IntakeTopicListener;
import cn.shuangcheng.projects.intake.mongo.IntakeBatchStore;
import cn.shuangcheng.projects.intake.mongo.IntakeBatchLeases;
import cn.shuangcheng.projects.intake.mongo.IntakeInstance;
import cn.shuangcheng.servicesupport.eventstore.AggregateStreams;
import jakarta.validation.Validator;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;

import cn.shuangcheng.support.kafka.KafkaConnectionProperties;
import com.mongodb.client.MongoClient;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.util.Optional;

/** Wires both intake paths; they share one {@link IntakeProcessor}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IntakeProperties.class)
class IntakeConfiguration {

    @Bean
    IntakeBatchStore intakeBatchStore(MongoClient mongo, @Value("${shuangcheng.mongodb.database}") String database,
                                      Clock clock, IntakeProperties properties) {
        return new IntakeBatchStore(mongo.getDatabase(database), clock, properties.maxPendingBatches());
    }

    /** Intake compares each row with the project's events; {@link KnownProjects} saves replaying them every row. */
    @Bean
    IntakeProcessor intakeProcessor(CommandGateway commands, EventStore eventStore, AggregateStreams streams,
                                    Validator validator, IntakeProperties properties) {
        return new IntakeProcessor(commands, new KnownProjects(eventStore, streams, properties.knownProjectsWeight()),
                validator);
    }

    @Bean
    IntakeRowBinder intakeRowBinder() {
        return new IntakeRowBinder();
    }

    @Bean
    IntakeMetrics intakeMetrics(MeterRegistry registry) {
        return new IntakeMetrics(registry);
    }

    /** Leases on intake batches, held under a new {@link IntakeInstance} id at every start. */
    @Bean
    IntakeBatchLeases intakeBatchLeases(MongoClient mongo,
                                        @Value("${shuangcheng.mongodb.database}") String database, Clock clock,
                                        IntakeProperties properties) {
        return new IntakeBatchLeases(mongo.getDatabase(database), clock, IntakeInstance.random(),
                properties.batchLease());
    }

    @Bean(destroyMethod = "close")
    IntakeBatchWorker intakeBatchWorker(IntakeBatchStore store, IntakeBatchLeases leases, IntakeProcessor processor,
                                        IntakeRowBinder binder, IntakeMetrics metrics, IntakeProperties properties) {
        return new IntakeBatchWorker(store, leases, processor, binder, metrics, properties.retryBackoff(),
                properties.retryMaxBackoff(), properties.batchLeaseRenewal());
    }

    @Bean(destroyMethod = "close")
    @org.springframework.boot.autoconfigure.condition.ConditionalOnProperty(name = "shuangcheng.intake.kafka-enabled",
            matchIfMissing = true)
    IntakeTopicListener intakeTopicListener(IntakeProperties properties, KafkaConnectionProperties connection,
                                            IntakeProcessor processor, IntakeRowBinder binder, JsonMapper json,
                                            IntakeMetrics metrics, MeterRegistry registry) {
        return new IntakeTopicListener(properties, connection, processor, binder, json, metrics, registry);
    }

    /**
     * {@code intakeTopic}: DOWN only while the listener is crash-looping (its loop died again and again before it could
     * handle a record; it is still started again). In the overall status, for monitoring, and in no probe group. A
     * listener retrying because Kafka or MongoDB is away, or restarted after a failure, is UP with its state, restart
     * count and last failure in the details. Always present, whether or not the Kafka path is switched on.
     */
    @Bean
    HealthIndicator intakeTopicHealthIndicator(ObjectProvider<IntakeTopicListener> listener) {
        return () -> {
            IntakeTopicListener topic = listener.getIfAvailable();
            if (topic == null) {
                return Health.up().withDetail("enabled", false).build();
            }
            Health.Builder health = (topic.isHealthy() ? Health.up() : Health.down()).withDetail("enabled", true)
                    .withDetail("state", topic.state().name()).withDetail("crashLooping", topic.isCrashLooping())
                    .withDetail("restarts", topic.restarts());
            if (topic.lastFailure() != null) {
                health.withDetail("lastFailure", topic.lastFailure());
            }
            return health.build();
        };
    }

    /**
     * Once the service is up: start the batch worker's heartbeat (it finishes batches an earlier run left and takes
     * over those of dead instances), and start reading the intake topic.
     */
    @EventListener(ApplicationReadyEvent.class)
    void startIntake(ApplicationReadyEvent ready) {
        ready.getApplicationContext().getBean(IntakeBatchWorker.class).start();
        Optional.ofNullable(ready.getApplicationContext().getBeanProvider(IntakeTopicListener.class).getIfAvailable())
                .ifPresent(IntakeTopicListener::start);
    }
}
