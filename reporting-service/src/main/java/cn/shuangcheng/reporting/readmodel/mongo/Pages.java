package cn.shuangcheng.reporting.readmodel.mongo;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.bson.Document;
import org.bson.conversions.Bson;

import com.mongodb.client.MongoCollection;

import cn.shuangcheng.reporting.readmodel.api.Page;

/** Every list of the read side is one of these queries: a {@link Page} of a read-model collection. */
public final class Pages {

    private Pages() {
    }

    /**
     * One page of a read-model collection: the documents matching {@code query} in {@code order}, each as a view,
     * and how many match in all.
     */
    public static <T> Page<T> find(MongoCollection<Document> collection, Bson query, Bson order, int page, int size,
                                   Function<Document, T> view) {
        long total = collection.countDocuments(query);
        List<T> items = new ArrayList<>();
        collection.find(query).sort(order).skip(Page.skip(page, size)).limit(size)
                .forEach(document -> items.add(view.apply(document)));
        return new Page<>(items, page, size, total);
    }
}
