package cn.shuangcheng.cadres.it;

import cn.shuangcheng.support.testing.Api;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The demo dataset (demo-data/demo-dataset.json), which a later issue loads through this API, fits it as it is:
 * its 4 batches (batch 1 with 51 places per direction) and 202 secondments (functional-zone home regions, null host
 * posts) are all accepted, and the read model counts them per batch.
 */
class DemoDatasetFitsTheApiTest {

    private static CadreServiceRig service;

    @BeforeAll
    static void start() {
        service = new CadreServiceRig().start();
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void every_batch_and_secondment_of_the_demo_dataset_is_accepted() throws IOException {
        JsonNode dataset = new ObjectMapper().readTree(Files.readString(demoDataset()));
        Api api = service.api();
        for (JsonNode batch : dataset.path("batches")) {
            ObjectNode body = ((ObjectNode) batch.deepCopy());
            body.remove("note");
            Api.Answer created = api.post("/api/v1/batches").token(Tokens.clerk()).json(body.toString()).send();
            assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        }
        List<String> refused = new ArrayList<>();
        int accepted = 0;
        for (JsonNode secondment : dataset.path("secondments")) {
            ObjectNode body = (ObjectNode) secondment.deepCopy();
            body.remove(List.of("ref", "synthetic", "notes", "sources"));
            Api.Answer registered = api.post("/api/v1/secondments").token(Tokens.clerk()).json(body.toString()).send();
            if (registered.status() == 201) {
                accepted++;
            } else {
                refused.add(secondment.path("ref").asString() + " " + registered.status() + " " + registered.raw().body());
            }
        }
        assertThat(refused).isEmpty();
        assertThat(accepted).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(total(api, "batchNumber=1")).isEqualTo(2);
            assertThat(total(api, "batchNumber=3&direction=SICHUAN_TO_CHONGQING")).isEqualTo(50);
            assertThat(total(api, "batchNumber=4")).isEqualTo(100);
        });
    }

    private static long total(Api api, String query) {
        return api.get("/api/v1/secondments?" + query).token(Tokens.reportReader()).send().body().path("total").asLong();
    }

    private static Path demoDataset() {
        Path module = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
        Path repoRoot = Files.isRegularFile(module.resolve("cadre-service/pom.xml")) ? module : module.getParent();
        Path file = repoRoot.resolve("demo-data/demo-dataset.json").normalize();
        assertThat(file).as("the shared demo dataset").isRegularFile();
        return file;
    }
}
