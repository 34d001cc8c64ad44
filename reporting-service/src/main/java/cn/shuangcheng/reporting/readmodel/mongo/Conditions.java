package cn.shuangcheng.reporting.readmodel.mongo;

import java.util.ArrayList;
import java.util.List;

import org.bson.Document;
import org.bson.conversions.Bson;

import com.mongodb.client.model.Filters;

/** A list's optional filters combined with and: a filter left out (null) does not restrict the list. */
public final class Conditions {

    private final List<Bson> conditions = new ArrayList<>();

    /**
     * {@code field} equals {@code value} (for an array field: contains it), when a value is given; an enum's value is
     * stored as its name.
     */
    public Conditions eq(String field, Object value) {
        return value == null ? this : add(Filters.eq(field, value instanceof Enum<?> e ? e.name() : value));
    }

    public Conditions add(Bson condition) {
        conditions.add(condition);
        return this;
    }

    /** The query: every condition, or everything when there is none. */
    public Bson query() {
        return conditions.isEmpty() ? new Document() : Filters.and(conditions);
    }
}
