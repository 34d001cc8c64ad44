package cn.shuangcheng.cadres.exchange.query;

import cn.shuangcheng.cadres.exchange.api.Direction;
import cn.shuangcheng.cadres.exchange.api.SecondmentStatus;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The secondment read model's collection and its queries. */
public class SecondmentViews {

    static final String COLLECTION = "secondment_views";
    static final String ID = "_id";
    static final String BATCH_ID = "batchId";
    static final String BATCH_NUMBER = "batchNumber";
    static final String CADRE_ID = "cadreId";
    static final String DIRECTION = "direction";
    static final String STATUS = "status";
    static final String START_ON = "startOn";
    static final String CONTRIBUTIONS = "contributions";
    static final String LAST_SEQUENCE = "lastSequence";

    private final MongoCollection<Document> views;

    public SecondmentViews(MongoDatabase database) {
        this.views = database.getCollection(COLLECTION);
        // Not unique: the stand-in ignores it; on MongoDB it serves the list's filters and order.
        views.createIndex(Indexes.ascending(BATCH_NUMBER, DIRECTION, STATUS, START_ON, ID),
                new IndexOptions().name("listOrder"));
    }

    MongoCollection<Document> collection() {
        return views;
    }

    record Page(List<Document> items, long total) {
    }

    Page list(Integer batchNumber, Direction direction, SecondmentStatus status, int page, int size) {
        List<Bson> filters = new ArrayList<>();
        if (batchNumber != null) {
            filters.add(Filters.eq(BATCH_NUMBER, batchNumber));
        }
        if (direction != null) {
            filters.add(Filters.eq(DIRECTION, direction.name()));
        }
        if (status != null) {
            filters.add(Filters.eq(STATUS, status.name()));
        }
        Bson filter = filters.isEmpty() ? new Document() : Filters.and(filters);
        List<Document> items = new ArrayList<>();
        // the list shows how many contributions there are, not what they say: up to 100 of about 120 kB each
        // per secondment would otherwise be read for every item of a 500-item page
        views.find(filter)
                .projection(Projections.exclude("extensions", CONTRIBUTIONS + ".summary", CONTRIBUTIONS + ".projectIds",
                        CONTRIBUTIONS + ".indicators"))
                .sort(Sorts.ascending(BATCH_NUMBER, DIRECTION, START_ON, ID))
                .skip(page * size)
                .limit(size)
                .into(items);
        return new Page(items, views.countDocuments(filter));
    }

    Optional<Document> find(String secondmentId) {
        return Optional.ofNullable(views.find(Filters.eq(ID, secondmentId)).first());
    }
}
