package cn.shuangcheng.system.hostile;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * One write endpoint and a valid body for it, field by field as raw JSON; the suite sends the body with one field
 * at a time replaced by a hostile value. The supplier is asked for every input, so that fields which must be unique
 * (an externalRef, a batch number) are fresh each time.
 */
public record WriteEndpoint(String method, String path, Supplier<Map<String, String>> validFields) {

    public static WriteEndpoint post(String path, Supplier<Map<String, String>> validFields) {
        return new WriteEndpoint("POST", path, validFields);
    }

    public static WriteEndpoint put(String path, Supplier<Map<String, String>> validFields) {
        return new WriteEndpoint("PUT", path, validFields);
    }

    /** Fields given as alternating names and raw JSON values. */
    public static Supplier<Map<String, String>> fields(String... namesAndValues) {
        return () -> {
            Map<String, String> fields = new LinkedHashMap<>();
            for (int i = 0; i < namesAndValues.length; i += 2) {
                fields.put(namesAndValues[i], namesAndValues[i + 1]);
            }
            return fields;
        };
    }

    public String bodyWith(String field, String hostileValue) {
        Map<String, String> fields = validFields.get();
        fields.put(field, hostileValue);
        return toJson(fields);
    }

    public static String toJson(Map<String, String> rawFields) {
        return rawFields.entrySet().stream().map(e -> HostileValues.quote(e.getKey()) + ":" + e.getValue())
                .collect(Collectors.joining(",", "{", "}"));
    }
}
