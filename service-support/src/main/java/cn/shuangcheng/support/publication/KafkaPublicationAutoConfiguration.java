package cn.shuangcheng.support.publication;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Publishes every domain event of the service to Kafka as a CloudEvent when {@code shuangcheng.publication.topic}
 * is set (switch off with {@code shuangcheng.publication.enabled=false}). The Axon side is one
 * {@link KafkaPublicationModule}, which Axon's Spring Boot support applies to its configurer.
 * <p>
 * The producer is closed when the context closes, which is after Axon's lifecycle has stopped the processor.
 */
@AutoConfiguration
@ConditionalOnProperty(prefix = "shuangcheng.publication", name = "topic")
@ConditionalOnBooleanProperty(name = "shuangcheng.publication.enabled", matchIfMissing = true)
@EnableConfigurationProperties({PublicationProperties.class, KafkaConnectionProperties.class})
public class KafkaPublicationAutoConfiguration {

    private final PublicationProperties publication;

    KafkaPublicationAutoConfiguration(PublicationProperties publication, Environment environment) {
        this.publication = publication.withDefaultServiceName(environment.getProperty("shuangcheng.service-name",
                environment.getProperty("spring.application.name", "")));
    }

    @Bean
    CloudEventMapper cloudEventMapper() {
        return new CloudEventMapper(publication.serviceName(), publication.context());
    }

    @Bean(destroyMethod = "close")
    CloudEventKafkaSender cloudEventKafkaSender(KafkaConnectionProperties connection) {
        return new CloudEventKafkaSender(connection, publication);
    }

    @Bean
    KafkaPublishingEventHandler kafkaPublishingEventHandler(CloudEventMapper mapper, CloudEventKafkaSender sender) {
        return new KafkaPublishingEventHandler(mapper, sender, publication.sendTimeout());
    }

    @Bean
    PublicationTopicCreator publicationTopicCreator(KafkaConnectionProperties connection) {
        return new PublicationTopicCreator(connection, publication);
    }

    @Bean
    KafkaPublicationModule kafkaPublicationModule(KafkaPublishingEventHandler handler,
                                                  PublicationTopicCreator topicCreator) {
        return new KafkaPublicationModule(publication, handler, topicCreator);
    }
}
