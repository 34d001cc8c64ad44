package cn.shuangcheng.reporting.ingestion.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;

import cn.shuangcheng.servicesupport.testing.SharedMongo;

/**
 * Two consumers briefly applying one partition (a rebalance, a paused zombie): whichever writes last, the document
 * folded from more events stays.
 */
class ForwardOnlyDocumentsTest {

    private final MongoClient client = MongoClients.create(SharedMongo.connectionString());
    private final MongoCollection<Document> projects = client
            .getDatabase(SharedMongo.uniqueDatabaseName("forward_only")).getCollection("projects");

    @AfterEach
    void close() {
        client.close();
    }

    private static Document fold(String id, int eventCount) {
        return new Document("_id", id).append("eventCount", eventCount).append("name", "fold of " + eventCount);
    }

    private void write(Document... documents) {
        ForwardOnlyDocuments.write(projects, List.of(documents));
    }

    private String nameOf(String id) {
        return projects.find(Filters.eq("_id", id)).first().getString("name");
    }

    @Test
    void an_older_fold_written_after_a_newer_one_leaves_the_newer() {
        write(fold("P-1", 8));
        write(fold("P-1", 7), fold("P-2", 1)); // the zombie's write, beside a new aggregate in the same bulk
        assertThat(nameOf("P-1")).isEqualTo("fold of 8");
        assertThat(nameOf("P-2")).isEqualTo("fold of 1");
        write(fold("P-1", 8));
        assertThat(nameOf("P-1")).isEqualTo("fold of 8");
        write(fold("P-1", 9));
        assertThat(nameOf("P-1")).isEqualTo("fold of 9");
    }

    @Test
    void a_fold_of_as_many_other_events_is_not_taken_for_a_lost_race() {
        // two consumers folding one aggregate from two partitions: {0..5} and {0..4, 6}, six events each
        Document upToFive = fold("P-6", 6).append("maxSequence", 5L)
                .append("gaps", new Document("count", 0).append("missingSequences", List.of()));
        Document withoutFive = fold("P-6", 6).append("name", "without 5").append("maxSequence", 6L)
                .append("gaps", new Document("count", 1).append("missingSequences", List.of(5L)));
        write(upToFive);
        write(upToFive); // the same events again (a redelivery): a lost race, no failure

        assertThatThrownBy(() -> write(withoutFive)).as("the batch is read again and the aggregate folded again")
                .isInstanceOf(MongoBulkWriteException.class);
        assertThat(nameOf("P-6")).isEqualTo("fold of 6");
    }

    @Test
    void a_fold_of_more_events_that_lacks_one_of_ours_is_not_taken_for_a_lost_race() {
        // stored {0..4, 6, 7}: seven events, and still without 5, which this fold {0..5} has
        write(fold("P-7", 7).append("maxSequence", 7L)
                .append("gaps", new Document("count", 1).append("missingSequences", List.of(5L))));
        Document upToFive = fold("P-7", 6).append("maxSequence", 5L)
                .append("gaps", new Document("count", 0).append("missingSequences", List.of()));
        assertThatThrownBy(() -> write(upToFive)).isInstanceOf(MongoBulkWriteException.class);

        // stored {0..7}: every one of ours is in it
        write(fold("P-8", 8).append("maxSequence", 7L)
                .append("gaps", new Document("count", 0).append("missingSequences", List.of())));
        write(fold("P-8", 6).append("maxSequence", 5L)
                .append("gaps", new Document("count", 0).append("missingSequences", List.of())));
        assertThat(nameOf("P-8")).isEqualTo("fold of 8");
    }

    @Test
    void a_document_without_bookkeeping_is_replaced() {
        projects.insertOne(new Document("_id", "P-3").append("name", "written before eventCount"));
        write(fold("P-3", 1));
        assertThat(nameOf("P-3")).isEqualTo("fold of 1");
    }

    @Test
    void a_duplicate_key_of_another_unique_index_is_not_taken_for_a_lost_race() {
        projects.createIndex(new Document("name", 1), new IndexOptions().unique(true));
        write(fold("P-4", 1));
        // another aggregate whose document collides on the unique name: a real failure, not a race
        assertThatThrownBy(() -> write(fold("P-5", 1))).isInstanceOf(MongoBulkWriteException.class);
        assertThat(projects.countDocuments(Filters.eq("_id", "P-5"))).isZero();
    }
}
