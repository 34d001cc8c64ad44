package cn.shuangcheng.reporting.rebuild;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import cn.shuangcheng.reporting.ReportingProperties;
import cn.shuangcheng.reporting.ingestion.kafka.CloudEventReader;
import cn.shuangcheng.reporting.ingestion.kafka.KafkaClients;
import cn.shuangcheng.reporting.ingestion.mongo.Projector;
import cn.shuangcheng.reporting.readmodel.mongo.ReadModelStore;
import cn.shuangcheng.reporting.rebuild.kafka.RebuildService;

/** The rebuild's bean; a rebuild still running at shutdown is stopped and marked FAILED. */
@Configuration(proxyBeanMethods = false)
class RebuildConfiguration {

    @Bean(destroyMethod = "stopRunning")
    RebuildService rebuildService(ReportingProperties properties, KafkaClients clients, CloudEventReader reader,
                                  Projector projector, ReadModelStore store) {
        return new RebuildService(properties, clients, reader, projector, store);
    }
}
