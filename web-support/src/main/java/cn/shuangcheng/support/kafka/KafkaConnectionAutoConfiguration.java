package cn.shuangcheng.support.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** Binds {@code shuangcheng.kafka.*} once for every Kafka client of a service that talks to Kafka. */
@AutoConfiguration
@ConditionalOnClass(Admin.class)
@ConditionalOnProperty(prefix = "shuangcheng.kafka", name = "bootstrap-servers")
@EnableConfigurationProperties(KafkaConnectionProperties.class)
public class KafkaConnectionAutoConfiguration {
}
