package cn.shuangcheng.system.faults;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import org.bson.Document;

import com.mongodb.client.MongoClient;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;

/**
 * The event store as project-service wrote it: per aggregate, sequence number to event identifier. Documents whose
 * {@code aggregateIdentifier} starts with {@code gap:} are the store's tombstones for indexes it gave up on, not
 * events.
 */
record StoredEvents(Map<String, Map<Long, String>> byAggregate) {

    static StoredEvents read(MongoClient mongo, String database) {
        Map<String, Map<Long, String>> events = new HashMap<>();
        for (Document event : mongo.getDatabase(database).getCollection("domainevents")
                .find(Filters.not(Filters.regex("aggregateIdentifier", "^gap:")))
                .projection(Projections.include("aggregateIdentifier", "sequenceNumber", "eventIdentifier"))) {
            events.computeIfAbsent(event.getString("aggregateIdentifier"), a -> new TreeMap<>())
                    .merge(((Number) event.get("sequenceNumber")).longValue(), event.getString("eventIdentifier"),
                            (first, second) -> first + "," + second); // two documents for one sequence: shown
        }
        return new StoredEvents(events);
    }

    Map<Long, String> of(String aggregate) {
        return byAggregate.getOrDefault(aggregate, Map.of());
    }
}
