package cn.shuangcheng.system.faults;

import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.bson.Document;

import com.mongodb.client.MongoClient;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;

/** project-service's event store read directly: what it decided for one aggregate, once the stand-in answers. */
final class EventStoreView {

    private final MongoClient mongo;
    private final String database;

    EventStoreView(MongoClient mongo, String database) {
        this.mongo = mongo;
        this.database = database;
    }

    /** The sequence number of the aggregate's newest event (-1 for none), waiting while MongoDB does not answer. */
    long lastSequence(String aggregate, Duration atMost) {
        long[] last = {-1};
        await("the event store answering for " + aggregate).atMost(atMost).pollInterval(Duration.ofMillis(250))
                .ignoreExceptions().until(() -> {
                    Document newest = mongo.getDatabase(database).getCollection("domainevents")
                            .find(Filters.eq("aggregateIdentifier", aggregate))
                            .projection(Projections.include("sequenceNumber"))
                            .sort(Sorts.descending("sequenceNumber")).first();
                    last[0] = newest == null ? -1 : ((Number) newest.get("sequenceNumber")).longValue();
                    return true;
                });
        return last[0];
    }
}
