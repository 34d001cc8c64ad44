package cn.shuangcheng.support.web;

import org.junit.jupiter.api.Test;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonFactoryBuilder;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The read limits every service's JSON bodies are held to, as Boot's mapper gets them from web-support. */
class JsonReadLimitsTest {

    private static JsonMapper mapper() {
        JsonFactoryBuilder factory = JsonFactory.builder();
        new WebSupportAutoConfiguration().jsonReadLimitsCustomizer().customize(factory);
        return JsonMapper.builder(factory.build()).build();
    }

    private static String listOf(int entries) {
        return "{\"regions\":[" + String.join(",", java.util.Collections.nCopies(entries, "\"1\"")) + "]}";
    }

    @Test
    void a_body_of_a_few_thousand_tokens_is_read() throws Exception {
        assertThat(mapper().readValue(listOf(2_000), Regions.class).regions()).hasSize(2_000);
    }

    @Test
    void a_body_of_more_than_ten_thousand_tokens_is_refused_while_it_is_read() {
        // a 1 MB body of such a list has 250,000 tokens: refused after 10,000, not bound into a list first
        assertThatThrownBy(() -> mapper().readValue(listOf(250_000), Regions.class))
                .isInstanceOf(StreamConstraintsException.class).hasMessageContaining("Token count");
    }

    record Regions(List<String> regions) {
    }
}
