package cn.shuangcheng.servicesupport.eventstore;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * The one JSON format for everything Axon stores: events, snapshots, metadata, tracking tokens.
 * <p>
 * Axon 4's {@link JacksonSerializer} needs Jackson 2 ({@code com.fasterxml}); Spring MVC on Boot 4 uses Jackson 3,
 * so this mapper is private to Axon and never a bean. Records need nothing extra in Jackson 2.12+. Dates are ISO
 * strings ({@code "2023-02-10"}, {@code "2023-01"}), as the event contract says.
 */
public final class AxonJsonSerializers {

    private AxonJsonSerializers() {
    }

    public static ObjectMapper objectMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);
    }

    /**
     * Lenient: a field added to an event in a later version does not break a node still running the older one
     * (rolling deploys, rollbacks).
     */
    public static JacksonSerializer jacksonSerializer() {
        return JacksonSerializer.builder()
                                .objectMapper(objectMapper())
                                .lenientDeserialization()
                                .build();
    }
}
