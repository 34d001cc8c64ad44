package cn.shuangcheng.projects.it;

import cn.shuangcheng.support.testing.Api;
import cn.shuangcheng.servicesupport.testing.SharedMongo;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.util.Date;

import static cn.shuangcheng.projects.it.Proposals.railLink;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A write whose append reaches the event store after trackers closed its global index - it paused longer than the
 * gap timeout between reserving the index and inserting - answers 503 with Retry-After and stores nothing, and the
 * same request sent again succeeds. The tracker's tombstone is put by hand under the index the write reserves next,
 * as a tracker does for a gap it gives up (see the event store's GapTombstones).
 */
class LateAppendRestTest {

    @Test
    void a_write_whose_global_index_trackers_closed_is_503_and_sent_again_succeeds() {
        try (ProjectServiceRig service = new ProjectServiceRig().start()) {
            Api api = service.api();
            assertThat(propose(api, "CY-LATE-1").status()).isEqualTo(201);
            long stored = service.storedEvents();

            closeNextGlobalIndex(service.database);
            Api.Answer late = propose(api, "CY-LATE-2");

            assertThat(late.status()).as(late.raw().body()).isEqualTo(503);
            assertThat(late.raw().headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(late.raw().headers().firstValue("Retry-After")).hasValue("5");
            assertThat(late.body().path("type").asString()).isEqualTo("urn:shuangcheng:problem:unavailable");
            assertThat(service.storedEvents()).isEqualTo(stored);
            Api.Answer again = propose(api, "CY-LATE-2");
            assertThat(again.status()).as(again.raw().body()).isEqualTo(201);
            assertThat(service.storedEvents()).isGreaterThan(stored);
        }
    }

    /** A tombstone under the index after the last reserved one, in the shape the event store gives its own. */
    private static void closeNextGlobalIndex(String database) {
        try (MongoClient client = MongoClients.create(SharedMongo.connectionString())) {
            MongoDatabase db = client.getDatabase(database);
            long next = ((Number) db.getCollection("sequences").find(new Document("_id", "domainevents")).first()
                                    .get("value")).longValue() + 1;
            db.getCollection("domainevents").insertOne(new Document("_id", next)
                    .append("aggregateIdentifier", "gap:" + next).append("sequenceNumber", -1L)
                    .append("eventIdentifier", "gap:" + next).append("appendedAt", new Date())
                    .append("tombstone", true));
        }
    }

    private static Api.Answer propose(Api api, String externalRef) {
        return api.post("/api/v1/projects").token(Tokens.intakeSystem()).json(railLink(externalRef)).send();
    }
}
