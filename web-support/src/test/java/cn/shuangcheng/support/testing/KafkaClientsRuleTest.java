package cn.shuangcheng.support.testing;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.importer.ClassFileImporter;

import cn.shuangcheng.support.kafka.KafkaConnectionProperties;

/** The rule itself, on classes made to break it: it must see each way a client can be built around the one place. */
class KafkaClientsRuleTest {

    @Test
    void a_producer_or_an_admin_client_built_outside_the_one_place_breaks_the_rule() {
        assertThatThrownBy(() -> KafkaClientsRule.RULE.check(new ClassFileImporter().importClasses(OwnProducer.class)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("KafkaProducer");
        assertThatThrownBy(() -> KafkaClientsRule.RULE.check(new ClassFileImporter().importClasses(OwnAdmin.class)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("Admin");
    }

    @Test
    void a_client_made_through_the_connection_keeps_the_rule() {
        assertThatCode(() -> KafkaClientsRule.RULE.check(new ClassFileImporter().importClasses(ThroughConnection.class)))
                .doesNotThrowAnyException();
    }

    static final class OwnProducer {
        KafkaProducer<String, String> producer() {
            return new KafkaProducer<>(Map.of("bootstrap.servers", "x:9092"), new StringSerializer(),
                    new StringSerializer());
        }
    }

    static final class OwnAdmin {
        Admin admin() {
            return Admin.create(Map.<String, Object>of("bootstrap.servers", "x:9092"));
        }
    }

    static final class ThroughConnection {
        KafkaProducer<String, String> producer(KafkaConnectionProperties connection) {
            return connection.producer(Map.of(), Map.of(), new StringSerializer(), new StringSerializer());
        }
    }
}
