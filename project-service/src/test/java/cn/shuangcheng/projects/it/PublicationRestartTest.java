package cn.shuangcheng.projects.it;

import cn.shuangcheng.support.testing.Api;
import cn.shuangcheng.servicesupport.testing.SharedKafka;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static cn.shuangcheng.projects.it.ProjectApiTest.header;
import static cn.shuangcheng.projects.it.Proposals.railLink;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The publisher's position lives in MongoDB and advances only after Kafka acknowledged, so a restarted
 * service continues where it stopped: nothing published twice, nothing missed.
 */
class PublicationRestartTest {

    @Test
    void a_restarted_service_publishes_nothing_twice_and_misses_nothing() {
        try (ProjectServiceRig service = new ProjectServiceRig()) {
            service.start();
            writeListedProjects(service.api(), 3);
            await().atMost(Duration.ofSeconds(60)).until(() -> SharedKafka.recordCount(service.topic) == 6);

            service.stop();
            service.start();
            // Events written after the restart come after any republished old ones in the stream, so once they
            // are on the topic, a republication would be there too.
            writeListedProjects(service.api(), 2);
            await().atMost(Duration.ofSeconds(60)).until(() -> SharedKafka.recordCount(service.topic) >= 10);

            List<ConsumerRecord<String, byte[]>> records =
                    SharedKafka.readRecords(service.topic, 10, Duration.ofSeconds(30));
            assertThat(SharedKafka.recordCount(service.topic)).isEqualTo(10);
            assertThat(records).extracting(r -> header(r, "ce_id")).doesNotHaveDuplicates();
            assertThat(service.storedEvents()).isEqualTo(10);
        }
    }

    private static void writeListedProjects(Api api, int count) {
        for (int i = 0; i < count; i++) {
            Api.Answer proposed = api.post("/api/v1/projects").token(Tokens.intakeSystem())
                    .json(railLink("CY-RESTART-" + UUID.randomUUID())).send();
            assertThat(proposed.status()).isEqualTo(201);
            Api.Answer listed = api.post("/api/v1/projects/" + proposed.id() + "/listings")
                    .token(Tokens.intakeSystem()).json(Map.of("listYear", 2023)).send();
            assertThat(listed.status()).isEqualTo(200);
        }
    }
}
