package cn.shuangcheng.servicesupport.publication;

import java.time.Duration;
import java.util.Optional;

import org.axonframework.config.EventProcessingConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import cn.shuangcheng.support.kafka.KafkaConnectionProperties;
import cn.shuangcheng.servicesupport.deadletter.DeadLetterQueues;
import cn.shuangcheng.servicesupport.deadletter.DeadLettersAutoConfiguration;
import cn.shuangcheng.servicesupport.eventstore.EventStoreProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.tracing.Tracer;

/**
 * Publishes every domain event of the service to Kafka as a CloudEvent when {@code shuangcheng.publication.topic}
 * is set (switch off with {@code shuangcheng.publication.enabled=false}). The Axon side is one
 * {@link KafkaPublicationModule}, which Axon's Spring Boot support applies to its configurer.
 * <p>
 * The producer is closed when the context closes, which is after Axon's lifecycle has stopped the processor.
 */
@AutoConfiguration(after = DeadLettersAutoConfiguration.class)
@ConditionalOnProperty(prefix = "shuangcheng.publication", name = "topic")
@ConditionalOnBooleanProperty(name = "shuangcheng.publication.enabled", matchIfMissing = true)
@EnableConfigurationProperties({PublicationProperties.class, KafkaConnectionProperties.class})
public class KafkaPublicationAutoConfiguration {

    private final PublicationProperties publication;
    private final Duration claimTimeout;

    KafkaPublicationAutoConfiguration(PublicationProperties publication, Environment environment) {
        // the token store's claim timeout (EventStoreAutoConfiguration's token store reads the same property)
        this.claimTimeout = Binder.get(environment).bind("shuangcheng.eventstore.token-claim-timeout", Duration.class)
                                  .orElse(EventStoreProperties.DEFAULT_TOKEN_CLAIM_TIMEOUT);
        this.publication = publication.withDefaultServiceName(environment.getProperty("shuangcheng.service-name",
                environment.getProperty("spring.application.name", "")));
    }

    @Bean
    CloudEventMapper cloudEventMapper() {
        return new CloudEventMapper(publication.serviceName(), publication.context());
    }

    @Bean(destroyMethod = "close")
    CloudEventKafkaSender cloudEventKafkaSender(KafkaConnectionProperties connection,
                                                ObjectProvider<MeterRegistry> meterRegistry) {
        // Fail the start, not the first batch, when a batch could outlive the processor's claim on its segment.
        publication.requireBatchWithinClaim(CloudEventKafkaSender.maxBlock(connection, publication), claimTimeout);
        return new CloudEventKafkaSender(connection, publication, meterRegistry.getIfAvailable());
    }

    @Bean
    PublicationMetrics publicationMetrics(ObjectProvider<MeterRegistry> meterRegistry,
                                          ObjectProvider<EventProcessingConfiguration> processing) {
        String processor = publication.processingGroup();
        return new PublicationMetrics(meterRegistry.getIfAvailable(SimpleMeterRegistry::new), processor,
                () -> Optional.ofNullable(processing.getIfAvailable()).flatMap(p -> p.eventProcessor(processor)));
    }

    @Bean
    KafkaPublishingEventHandler kafkaPublishingEventHandler(CloudEventMapper mapper, CloudEventKafkaSender sender,
                                                            PublicationMetrics metrics, ObjectProvider<Tracer> tracer) {
        PublicationSpans spans = tracer.getIfAvailable() == null ? PublicationSpans.NONE
                : PublicationSpans.of(tracer.getObject(), publication.topic());
        return new KafkaPublishingEventHandler(mapper, sender, publication.sendTimeout(), metrics::published, spans);
    }

    @Bean
    PublicationTopicCreator publicationTopicCreator(KafkaConnectionProperties connection) {
        return new PublicationTopicCreator(connection, publication);
    }

    @Bean
    KafkaPublicationModule kafkaPublicationModule(KafkaPublishingEventHandler handler,
                                                  PublicationTopicCreator topicCreator,
                                                  ObjectProvider<DeadLetterQueues> deadLetters) {
        return new KafkaPublicationModule(publication, handler, topicCreator, deadLetters.getIfAvailable());
    }
}
