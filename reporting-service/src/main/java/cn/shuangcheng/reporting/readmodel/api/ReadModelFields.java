package cn.shuangcheng.reporting.readmodel.api;

import java.util.List;

import org.bson.Document;

/**
 * Typed reads of read-model documents for the views: MongoDB hands numbers back as Integer or Long depending on
 * their size (and the stand-in may differ from a real server), so numbers are read as {@link Number}.
 */
public final class ReadModelFields {

    private ReadModelFields() {
    }

    /** The number at {@code field} as a long; null when absent or null. */
    public static Long optionalLong(Document document, String field) {
        return document.get(field) instanceof Number number ? number.longValue() : null;
    }

    public static long longOrZero(Document document, String field) {
        Long value = optionalLong(document, field);
        return value == null ? 0 : value;
    }

    public static int intOrZero(Document document, String field) {
        return document.get(field) instanceof Number number ? number.intValue() : 0;
    }

    /** The numbers at {@code field} as ints; an empty list when absent or null. */
    public static List<Integer> ints(Document document, String field) {
        List<Object> values = document.getList(field, Object.class);
        return values == null ? List.of()
                : values.stream().filter(Number.class::isInstance).map(v -> ((Number) v).intValue()).toList();
    }

    /** The strings at {@code field}; an empty list when absent or null. */
    public static List<String> strings(Document document, String field) {
        List<String> values = document.getList(field, String.class);
        return values == null ? List.of() : values;
    }

    /** The embedded documents at {@code field}; an empty list when absent or null. */
    public static List<Document> documents(Document document, String field) {
        List<Document> values = document.getList(field, Document.class);
        return values == null ? List.of() : values;
    }
}
