package cn.shuangcheng.projects.it;

import cn.shuangcheng.servicesupport.testing.SharedKafka;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static cn.shuangcheng.projects.it.ProjectApiTest.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Intake systems send a month's reports for hundreds of projects at once. A burst of thousands of events
 * written within about a second must reach Kafka completely, once each, and in order per project.
 */
class PublicationBurstTest {

    private static final int PROJECTS = 500;
    private static final int EVENTS_PER_PROJECT = 10;

    @Test
    void a_burst_of_5000_events_is_published_completely_and_in_order_per_project() throws Exception {
        try (ProjectServiceRig service = new ProjectServiceRig().start()) {
            Duration written = new EventBurst(service, PROJECTS, EVENTS_PER_PROJECT, 4).write();
            System.out.printf("burst: %d events written in %d ms%n", PROJECTS * EVENTS_PER_PROJECT,
                    written.toMillis());
            int total = PROJECTS * EVENTS_PER_PROJECT;
            assertThat(service.storedEvents()).isEqualTo(total);

            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                    .until(() -> SharedKafka.recordCount(service.topic) >= total);

            List<ConsumerRecord<String, byte[]>> records =
                    SharedKafka.readRecords(service.topic, total, Duration.ofSeconds(60));
            assertThat(SharedKafka.recordCount(service.topic)).as("nothing published twice").isEqualTo(total);
            assertThat(records).extracting(r -> header(r, "ce_id")).doesNotHaveDuplicates();

            Map<String, List<Long>> sequencesByProject = new HashMap<>();
            for (ConsumerRecord<String, byte[]> r : records) {
                sequencesByProject.computeIfAbsent(r.key(), k -> new ArrayList<>())
                        .add(Long.parseLong(header(r, "ce_sequence")));
            }
            assertThat(sequencesByProject).hasSize(PROJECTS);
            List<Long> inOrder = new ArrayList<>();
            for (long s = 0; s < EVENTS_PER_PROJECT; s++) {
                inOrder.add(s);
            }
            sequencesByProject.forEach((project, sequences) ->
                    assertThat(sequences).as("sequence of " + project).isEqualTo(inOrder));
        }
    }
}
