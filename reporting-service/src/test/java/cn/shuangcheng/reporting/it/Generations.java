package cn.shuangcheng.reporting.it;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.bson.Document;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import cn.shuangcheng.reporting.readmodel.domain.ReadModelCollection;
import cn.shuangcheng.reporting.readmodel.mongo.ReadModelStore;
import cn.shuangcheng.servicesupport.testing.SharedMongo;

/**
 * A rig's read-model generations as another instance sees them: its own MongoDB client on the rig's database, usable
 * while the rig is stopped. Counts and documents per generation, to compare a rebuilt generation with the old one.
 */
final class Generations implements AutoCloseable {

    private final MongoClient client = MongoClients.create(SharedMongo.connectionString());
    final ReadModelStore store;

    Generations(ReportingRig rig) {
        store = new ReadModelStore(client.getDatabase(rig.database));
    }

    long eventCount(int generation) {
        return store.collection(generation, ReadModelCollection.EVENTS).countDocuments();
    }

    /** Events stored per aggregate: one per aggregate and sequence, so an event applied twice is not counted twice. */
    Map<String, Long> eventsPerProject(int generation) {
        Map<String, Long> counts = new TreeMap<>();
        store.collection(generation, ReadModelCollection.EVENTS).find()
                .forEach(event -> counts.merge(event.getString("aggregateId"), 1L, Long::sum));
        return counts;
    }

    List<Document> projects(int generation) {
        List<Document> all = new ArrayList<>();
        store.collection(generation, ReadModelCollection.PROJECTS).find().sort(new Document("_id", 1)).forEach(all::add);
        return all;
    }

    @Override
    public void close() {
        client.close();
    }
}
