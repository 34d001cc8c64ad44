package cn.shuangcheng.servicesupport.eventstore;

import cn.shuangcheng.servicesupport.testing.SharedMongo;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class GlobalIndexCounterTest {

    @Test
    void concurrent_reservations_of_batches_never_hand_out_an_index_twice() throws Exception {
        try (MongoClient client = MongoClients.create(SharedMongo.connectionString())) {
            MongoDatabase db = client.getDatabase(SharedMongo.uniqueDatabaseName("counter"));
            GlobalIndexCounter counter = new GlobalIndexCounter(db.getCollection("sequences", BsonDocument.class),
                    db.getCollection("domainevents", BsonDocument.class));
            counter.ensureCounter();
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<List<Long>>> reservers = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    reservers.add(pool.submit(() -> {
                        List<Long> indexes = new ArrayList<>();
                        for (int i = 0; i < 200; i++) {
                            long first = counter.reserve(10);
                            for (int k = 0; k < 10; k++) {
                                indexes.add(first + k);
                            }
                        }
                        return indexes;
                    }));
                }
                List<Long> all = new ArrayList<>();
                for (Future<List<Long>> reserver : reservers) {
                    all.addAll(reserver.get());
                }
                assertThat(new HashSet<>(all)).hasSize(8_000);
                assertThat(all).allMatch(index -> index >= 1 && index <= 8_000);
            } finally {
                pool.shutdown();
            }
        }
    }
}
