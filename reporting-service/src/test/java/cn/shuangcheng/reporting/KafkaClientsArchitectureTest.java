package cn.shuangcheng.reporting;

import org.junit.jupiter.api.Test;

import cn.shuangcheng.support.testing.KafkaClientsRule;

/** reporting-service's consumers, dead-letter producer and health client take the connection's security settings. */
class KafkaClientsArchitectureTest {

    @Test
    void every_kafka_client_is_made_by_the_connection_properties() {
        KafkaClientsRule.check("cn.shuangcheng");
    }
}
