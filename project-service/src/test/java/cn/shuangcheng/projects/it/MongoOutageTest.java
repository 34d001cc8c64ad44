package cn.shuangcheng.projects.it;

import cn.shuangcheng.support.testing.Api;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.time.Duration;

import static cn.shuangcheng.projects.it.Proposals.railLink;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * While MongoDB cannot be reached, a write answers 503 with Retry-After (never 500, never a hung request), and once
 * it is back the service takes writes again without a restart.
 */
class MongoOutageTest {

    private MongoServer mongo = new MongoServer(new MemoryBackend());
    private ProjectServiceRig service;

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
        mongo.shutdownNow();
    }

    @Test
    void a_write_during_a_mongodb_outage_is_503_and_the_next_after_it_succeeds() {
        InetSocketAddress address = mongo.bind();
        String uri = "mongodb://127.0.0.1:" + address.getPort();
        service = new ProjectServiceRig().withMongo(uri)
                .with("shuangcheng.mongodb.timeouts.server-selection", "1s")
                .with("shuangcheng.mongodb.timeouts.connect", "1s")
                .start();
        Api api = service.api();
        assertThat(propose(api, "CY-OUT-1").status()).isEqualTo(201);

        mongo.shutdownNow();
        Api.Answer during = propose(api, "CY-OUT-2");
        assertThat(during.status()).as(during.raw().body()).isEqualTo(503);
        assertThat(during.contentType()).startsWith("application/problem+json");
        assertThat(during.raw().headers().firstValue("Retry-After")).isPresent();
        assertThat(during.raw().body()).doesNotContain("127.0.0.1");

        mongo = new MongoServer(new MemoryBackend());
        mongo.bind("127.0.0.1", address.getPort());
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> propose(api, "CY-OUT-3").status() == 201);
    }

    private static Api.Answer propose(Api api, String externalRef) {
        return api.post("/api/v1/projects").token(Tokens.intakeSystem()).json(railLink(externalRef)).send();
    }
}
