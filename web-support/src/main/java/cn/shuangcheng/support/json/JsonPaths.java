package cn.shuangcheng.support.json;

import tools.jackson.core.JacksonException;

/** Where in a JSON document Jackson failed, in the API's notation for a field: {@code investments[1].period}. */
public final class JsonPaths {

    private JsonPaths() {
    }

    /** The path of the failing value; empty when Jackson failed before any field (the document itself). */
    public static String of(JacksonException ex) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference ref : ex.getPath()) {
            if (ref.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
