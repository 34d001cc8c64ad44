package cn.shuangcheng.support.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import com.sun.net.httpserver.HttpServer;

import cn.shuangcheng.support.testing.TestTokens;

/**
 * The token issuer does not answer (503 to everything, counting the requests): a request with a good token cannot be
 * checked, and is answered 503 problem+json with Retry-After, the service's state and not the caller's fault. Spring
 * Security rethrew the failure, and Tomcat answered 500 with a stack trace in the log, to anyone sending any token;
 * with issuer-uri every request also fetched the issuer's configuration again, one after the other.
 */
class UnreachableIssuerTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private HttpServer issuer;
    private final AtomicInteger asked = new AtomicInteger();
    /** While set, the issuer answers only once it is counted down: a fetch of its configuration in progress. */
    private volatile CountDownLatch held;
    private ConfigurableApplicationContext service;

    @BeforeEach
    void startIssuer() throws Exception {
        issuer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        issuer.setExecutor(Executors.newCachedThreadPool());
        issuer.createContext("/", exchange -> {
            asked.incrementAndGet();
            CountDownLatch answer = held;
            if (answer != null) {
                try {
                    answer.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        issuer.start();
    }

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
        issuer.stop(0);
    }

    private void startService(String keySourceProperty, String keySource) {
        service = new SpringApplicationBuilder(PlainEdgeApplication.class).run(
                "--server.port=0", "--management.server.port=0", "--spring.application.name=plain-edge",
                "--spring.autoconfigure.exclude=org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration",
                "--" + keySourceProperty + "=" + keySource,
                "--shuangcheng.security.issuer=" + TestTokens.ISSUER,
                "--shuangcheng.security.audience=" + TestTokens.AUDIENCE);
    }

    private HttpResponse<String> read() throws Exception {
        int port = ((WebServerApplicationContext) service).getWebServer().getPort();
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/notes/a"))
                .header("Authorization", TestTokens.bearer("alice", "notes:read")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void assertUnavailable(HttpResponse<String> answer) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(503);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(answer.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(answer.body()).contains("urn:shuangcheng:problem:unavailable").doesNotContain("Exception");
    }

    @Test
    void anIssuerWhoseConfigurationCannotBeFetchedIs503AndAskedAgainOnlyAfterAPause() throws Exception {
        startService("spring.security.oauth2.resourceserver.jwt.issuer-uri",
                "http://127.0.0.1:" + issuer.getAddress().getPort() + "/realms/shuangcheng");

        assertUnavailable(read());
        int firstAttempt = asked.get();
        assertThat(firstAttempt).as("the configuration was asked for").isPositive();
        for (int request = 0; request < 10; request++) {
            assertUnavailable(read());
        }
        // within the retry interval (10 s) the next requests do not ask again (before: ten more attempts)
        assertThat(asked.get()).isEqualTo(firstAttempt);
    }

    @Test
    void requestsArrivingWhileTheConfigurationIsFetchedDoNotEachFetchItAgain() throws Exception {
        startService("spring.security.oauth2.resourceserver.jwt.issuer-uri",
                "http://127.0.0.1:" + issuer.getAddress().getPort() + "/realms/shuangcheng");
        // the issuer answers no one: each fetch of its configuration lasts until the client's read timeout (3 s)
        held = new CountDownLatch(1);

        ExecutorService clients = Executors.newFixedThreadPool(6);
        try {
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int request = 0; request < 6; request++) {
                answers.add(clients.submit(this::read));
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> answers.stream().allMatch(Future::isDone));
            for (Future<HttpResponse<String>> answer : answers) {
                assertUnavailable(answer.get(60, TimeUnit.SECONDS));
            }
        } finally {
            held.countDown();
            clients.shutdownNow();
        }
        // one attempt's requests (Spring tries at most three URLs), not six attempts one after another
        assertThat(asked.get()).isBetween(1, 3);
    }

    @Test
    void anIssuerWhoseKeysCannotBeFetchedIs503() throws Exception {
        startService("spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
                "http://127.0.0.1:" + issuer.getAddress().getPort() + "/jwks");

        assertUnavailable(read());
        assertThat(asked.get()).isPositive();
    }
}
