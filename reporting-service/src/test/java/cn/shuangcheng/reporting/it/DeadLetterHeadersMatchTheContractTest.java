package cn.shuangcheng.reporting.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import cn.shuangcheng.reporting.ingestion.kafka.DeadLetters;

/**
 * The dlq.* headers DeadLetters sets are exactly those the AsyncAPI document of contracts publishes for
 * shuangcheng.reporting.dlq.v1 (DeadLetterHeaders): the required ones on every letter, dlq.value.omitted only when the
 * value was left out. ReadModelsTest checks the headers of real letters against {@link #requiredHeaders()}.
 */
class DeadLetterHeadersMatchTheContractTest {

    @Test
    void deadLettersSetsExactlyTheDocumentedHeaders() throws Exception {
        List<String> constants = new ArrayList<>();
        for (Field field : DeadLetters.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class
                    && ((String) field.get(null)).startsWith("dlq.")) {
                constants.add((String) field.get(null));
            }
        }

        assertThat(constants).containsExactlyInAnyOrderElementsOf(documented().keySet());
        assertThat(requiredHeaders()).containsExactlyInAnyOrder(DeadLetters.REASON, DeadLetters.ORIGIN_TOPIC,
                DeadLetters.ORIGIN_PARTITION, DeadLetters.ORIGIN_OFFSET, DeadLetters.CONSUMER_GROUP,
                DeadLetters.FAILED_AT);
    }

    /** The headers every dead letter carries, as the AsyncAPI document lists them. */
    @SuppressWarnings("unchecked")
    static List<String> requiredHeaders() throws IOException {
        return (List<String>) deadLetterHeaders().get("required");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> documented() throws IOException {
        return (Map<String, Object>) deadLetterHeaders().get("properties");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> deadLetterHeaders() throws IOException {
        try (InputStream in = DeadLetterHeadersMatchTheContractTest.class.getClassLoader()
                .getResourceAsStream("asyncapi/shuangcheng-events.yaml")) {
            assertThat(in).as("the AsyncAPI document of contracts").isNotNull();
            Map<String, Object> asyncApi = new Yaml().load(in);
            Map<String, Object> components = (Map<String, Object>) asyncApi.get("components");
            return (Map<String, Object>) ((Map<String, Object>) components.get("schemas")).get("DeadLetterHeaders");
        }
    }
}
