package cn.shuangcheng.servicesupport.eventstore;

import org.bson.BsonValue;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class JsonBsonConverterTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"name\":\"成渝\",\"day\":\"2023-02-10\",\"amount\":12000000000,\"count\":3,\"nested\":{\"list\":[1,\"x\",null,true]}}",
            "{\"ratio\":0.1,\"exact\":1234567890.12345678901234567890,\"tiny\":1.5E-300,\"negZero\":-0.0}",
            "{\"big\":123456789012345678901234567890123456789012}",
            "{\"$type\":\"x\"}",
            "{\"a.b\":1}",
            "\"just a string\"",
            "[1,2,3]",
            "<xml/>",
            "{}"
    })
    void givesTheSerializerBackJsonWithTheSameValues(String json) throws Exception {
        BsonValue stored = JsonBsonConverter.toBson(json);

        String read = JsonBsonConverter.toJson(stored);

        com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper()
                .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        if (json.startsWith("<")) {
            assertThat(read).isEqualTo(json);
        } else {
            assertThat(mapper.readTree(read)).isEqualTo(mapper.readTree(json));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"principal\":\"alice\",\"amount\":5}", "{\"ratio\":2.50}"})
    void storesPlainObjectsAsDocuments(String json) {
        assertThat(JsonBsonConverter.toBson(json).isDocument()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"$set\":1}", "{\"a.b\":1}", "\"text\"", "[1]", "{\"negZero\":-0.0}", "{} trailing"})
    void keepsWhatADocumentCannotHoldFaithfullyAsText(String json) {
        assertThat(JsonBsonConverter.toBson(json).isString()).isTrue();
    }
}
