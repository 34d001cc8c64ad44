package cn.shuangcheng.reporting.ingest;

import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.mongodb.client.MongoClient;

import cn.shuangcheng.contracts.EventTypes;
import cn.shuangcheng.reporting.ReportingProperties;
import cn.shuangcheng.reporting.agenda.AgendaProjection;
import cn.shuangcheng.reporting.cadres.ExchangeBatchProjection;
import cn.shuangcheng.reporting.cadres.SecondmentProjection;
import cn.shuangcheng.reporting.projects.ProjectProjection;
import cn.shuangcheng.reporting.store.ReadModelStore;
import io.micrometer.core.instrument.MeterRegistry;

/** Wiring of the read side's ingestion: reader, projections, projector, dead letters, the live consumer. */
@Configuration(proxyBeanMethods = false)
public class IngestConfiguration {

    @Bean
    ReadModelStore readModelStore(MongoClient mongoClient, ReportingProperties properties) {
        return new ReadModelStore(mongoClient.getDatabase(properties.database()));
    }

    @Bean
    CloudEventReader cloudEventReader(ReportingProperties properties) {
        return new CloudEventReader(Map.of(properties.projectTopic(), EventTypes.PROJECT_CONTEXT,
                properties.cadreTopic(), EventTypes.CADRE_CONTEXT));
    }

    @Bean
    Projector projector(ReadModelStore store, CloudEventReader reader, MeterRegistry meters) {
        return new Projector(store, reader, List.of(new ProjectProjection(), new AgendaProjection(),
                new ExchangeBatchProjection(), new SecondmentProjection()), meters);
    }

    @Bean
    KafkaClients kafkaClients(ReportingProperties.Kafka kafka, ReportingProperties properties) {
        return new KafkaClients(kafka, properties);
    }

    @Bean(destroyMethod = "close")
    KafkaProducer<String, byte[]> deadLetterProducer(KafkaClients clients) {
        return clients.deadLetterProducer();
    }

    @Bean
    DeadLetters deadLetters(KafkaProducer<String, byte[]> deadLetterProducer, ReportingProperties properties) {
        return new DeadLetters(deadLetterProducer, properties.deadLetterTopic(), properties.groupId());
    }

    @Bean
    @ConditionalOnProperty(name = "shuangcheng.reporting.ingest-enabled", havingValue = "true", matchIfMissing = true)
    LiveIngest liveIngest(ReportingProperties properties, KafkaClients clients, CloudEventReader reader,
                          DeadLetters deadLetters, Projector projector, ReadModelStore store, MeterRegistry meters) {
        return new LiveIngest(properties, clients, reader, deadLetters, projector, store, meters);
    }
}
