package cn.shuangcheng.reporting.readmodel.api;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.bson.Document;
import org.bson.conversions.Bson;

import com.mongodb.client.MongoCollection;

/** A page of a list, as every list of the API answers: {@code {items, page, size, total}}. */
public record Page<T>(List<T> items, int page, int size, long total) {

    /** docs/api-guide.md, "Lists" and "Bounds": {@code page} at most 10,000, {@code size} at most 500 (422 beyond). */
    public static final int MAX_PAGE = 10_000;
    public static final int MAX_SIZE = 500;

    /**
     * One page of a read-model collection: the documents matching {@code query} in {@code order}, each as a view,
     * and how many match in all.
     */
    public static <T> Page<T> of(MongoCollection<Document> collection, Bson query, Bson order, int page, int size,
                                 Function<Document, T> view) {
        long total = collection.countDocuments(query);
        List<T> items = new ArrayList<>();
        collection.find(query).sort(order).skip(skip(page, size)).limit(size)
                .forEach(document -> items.add(view.apply(document)));
        return new Page<>(items, page, size, total);
    }

    /** How many items come before the page, computed in long: {@code page * size} in int can overflow. */
    public static int skip(int page, int size) {
        long skip = (long) page * size;
        return (int) Math.min(Integer.MAX_VALUE, Math.max(0, skip));
    }
}
