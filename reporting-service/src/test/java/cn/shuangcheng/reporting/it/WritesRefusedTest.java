package cn.shuangcheng.reporting.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import cn.shuangcheng.servicesupport.testing.SharedKafka;
import cn.shuangcheng.support.testing.ManagementPort;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerError;
import io.netty.channel.Channel;

/**
 * MongoDB answers pings and reads but refuses every write, as it does when the service's role is revoked, a storage
 * quota is reached or writes are blocked during a migration (code 13, Unauthorized, here). That refusal is no outage
 * the driver names, so it looks like the event's fault; the events must still be retried, not parked one after the
 * other, and applied once MongoDB takes writes again.
 */
class WritesRefusedTest {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final Set<String> WRITES = Set.of("insert", "update", "delete", "findAndModify");
    private static volatile boolean refusing;
    private static MongoServer mongo;
    private static ReportingRig rig;
    private static ContractEvents events;

    /** The stand-in, refusing writes while {@link #refusing}. */
    private static final class WriteRefusingBackend extends MemoryBackend {

        @Override
        public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
            if (refusing && WRITES.contains(command)) {
                throw new MongoServerError(13, "Unauthorized", "not authorized on " + databaseName
                        + " to execute command { " + command + " }");
            }
            return super.handleCommand(channel, databaseName, command, query);
        }
    }

    @BeforeAll
    static void start() {
        mongo = new MongoServer(new WriteRefusingBackend());
        rig = new ReportingRig()
                .withMongo(mongo.bindAndGetConnectionString())
                .with("shuangcheng.reporting.retry-backoff", "100ms")
                .with("shuangcheng.reporting.max-retry-backoff", "500ms")
                .start();
        events = new ContractEvents();
    }

    @AfterAll
    static void stop() {
        events.close();
        rig.close();
        mongo.shutdownNow();
    }

    private static void propose(String id) {
        ProjectEvents.project(events, rig.projectTopic, id, 1);
    }

    private static int status(String projectId) {
        return rig.get("/api/v1/projects/" + projectId, "application/json", "reports:read").statusCode();
    }

    @Test
    void eventsThatMongoDbWillNotWriteAreRetriedNotParkedAndAppliedOnceItDoes() {
        String before = UUID.randomUUID().toString();
        propose(before);
        await().atMost(WAIT).untilAsserted(() -> assertThat(status(before)).isEqualTo(200));
        ManagementPort management = rig.management();

        refusing = true;
        String during = UUID.randomUUID().toString();
        propose(during);
        await().atMost(WAIT).untilAsserted(() -> assertThat(management.scrape()
                .value("shuangcheng_reporting_batches_retried_total")).isGreaterThanOrEqualTo(3));
        assertThat(SharedKafka.recordCount(rig.deadLetterTopic)).as("nothing dead-lettered").isZero();

        refusing = false;
        await().atMost(WAIT).untilAsserted(() -> assertThat(status(during)).isEqualTo(200));
        assertThat(SharedKafka.recordCount(rig.deadLetterTopic)).as("nothing dead-lettered").isZero();
        assertThat(management.scrape().value("shuangcheng_reporting_consumer_restarts_total")).isZero();
    }
}
