package cn.shuangcheng.cadres.it;

import cn.shuangcheng.cadres.exchange.api.ContributionCategory;
import cn.shuangcheng.cadres.exchange.api.ContributionRecorded;
import cn.shuangcheng.cadres.exchange.api.Indicator;
import cn.shuangcheng.servicesupport.health.EventProcessorSupervisor;
import cn.shuangcheng.support.testing.Api;
import cn.shuangcheng.servicesupport.testing.SharedKafka;
import cn.shuangcheng.servicesupport.testing.SharedMongo;
import cn.shuangcheng.support.testing.TestTokens;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Poison events injected straight into cadre-service's event store while it runs (real broker, MongoDB stand-in):
 * the contribution with indicator value 1e999999999 of the incident, and a stored contribution whose payload cannot
 * be read. The huge value is projected without being expanded; the unreadable one is parked by both processors
 * (publication and read model) with its reason, the later events of its secondment wait behind it, other
 * secondments flow, and the admin endpoint lists, retries and drops, after which the secondment flows again.
 */
class PoisonEventsTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String READ_MODEL = "secondment-read-model";
    private static final String PUBLICATION = "kafka-publication";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static CadreServiceRig service;
    private static Api api;

    @BeforeAll
    static void start() {
        service = new CadreServiceRig().start();
        api = service.api();
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    private static String admin() {
        return TestTokens.token("operator", "deadletters:admin");
    }

    @Test
    void poison_events_are_parked_behind_their_secondment_and_released_by_the_admin_endpoint() throws Exception {
        createBatch(31);
        String poisoned = register(31, "500112");
        String healthy = register(31, "500103");
        EventStorageEngine store = service.bean(EventStorageEngine.class);
        EventProcessingConfiguration processing = service.bean(EventProcessingConfiguration.class);

        // Stop the processors while injecting, so that the unreadable payload is corrupted before anyone reads it.
        processing.eventProcessors().values().forEach(EventProcessor::shutDown);
        long next = nextSequence(poisoned);
        String unreadableId = UUID.randomUUID().toString();
        String hugeId = UUID.randomUUID().toString();
        String behindId = UUID.randomUUID().toString();
        store.appendEvents(List.of(
                contribution(poisoned, next, hugeId, new BigDecimal("1e999999999")),
                contribution(poisoned, next + 1, unreadableId, BigDecimal.ONE),
                contribution(poisoned, next + 2, behindId, new BigDecimal("2")),
                contribution(healthy, nextSequence(healthy), UUID.randomUUID().toString(), new BigDecimal("140000"))));
        try (MongoClient client = MongoClients.create(SharedMongo.connectionString())) {
            client.getDatabase(service.database).getCollection("domainevents").updateOne(
                    Filters.eq("eventIdentifier", unreadableId), Updates.set("payload.on", "nope"));
        }
        processing.eventProcessors().values().forEach(EventProcessor::start);

        // The other secondment flows; the poisoned one up to (and with) the huge value, which is not expanded.
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(view(healthy).path("contributions")).hasSize(1);
            assertThat(view(poisoned).path("version").asLong()).isEqualTo(next);
            assertThat(parked(READ_MODEL, poisoned)).isEqualTo(2);
            assertThat(parked(PUBLICATION, poisoned)).isEqualTo(2);
        });
        Api.Answer hugeView = api.get("/api/v1/secondments/" + poisoned).token(Tokens.clerk()).send();
        assertThat(hugeView.raw().body()).contains("\"value\":1E+999999999");
        // Waiting cannot bring the parked changes: the read answers the secondment as applied, with that version.
        assertThat(hugeView.status()).isEqualTo(200);
        assertThat(hugeView.raw().headers().firstValue("ETag")).hasValue("\"" + next + "\"");
        // A contribution the applied view holds is answered; one stored behind the parked change is 503, not a 404
        // that a client would answer by recording it again.
        assertThat(api.get("/api/v1/secondments/" + poisoned + "/contributions/C-" + hugeId).token(Tokens.clerk())
                .send().status()).isEqualTo(200);
        Api.Answer behind = api.get("/api/v1/secondments/" + poisoned + "/contributions/C-" + behindId)
                .token(Tokens.clerk()).send();
        assertThat(behind.status()).as(behind.raw().body()).isEqualTo(503);
        assertThat(behind.body().path("detail").asString()).contains("parked");
        assertThat(published(poisoned)).containsExactly(0L, next);
        assertThat(published(healthy)).hasSize(2);

        // The list shows the parked sequence with the reason.
        Api.Answer list = api.get("/api/v1/admin/dead-letters?processor=" + READ_MODEL).token(admin()).send();
        assertThat(list.status()).as(list.raw().body()).isEqualTo(200);
        JsonNode item = list.body().path("items").get(0);
        assertThat(item.path("sequenceId").asString()).isEqualTo(poisoned);
        assertThat(item.path("parked").asLong()).isEqualTo(2);
        assertThat(item.path("head").path("eventId").asString()).isEqualTo(unreadableId);
        assertThat(item.path("head").path("causeMessage").asString()).contains("nope");
        assertThat(list.body().path("total").asLong()).isEqualTo(1);

        // A retry while the event is still unreadable keeps it parked, with what waits behind it.
        Api.Answer retried = api.post("/api/v1/admin/dead-letters/" + poisoned + "/retry?processor=" + READ_MODEL)
                .token(admin()).send();
        assertThat(retried.status()).as(retried.raw().body()).isEqualTo(200);
        assertThat(retried.body().path("released").asLong()).isZero();
        assertThat(retried.body().path("remaining").asLong()).isEqualTo(2);

        // Dropping the unreadable event releases the one behind it, in both processors.
        for (String processor : List.of(READ_MODEL, PUBLICATION)) {
            Api.Answer dropped = api.delete("/api/v1/admin/dead-letters/" + poisoned + "?processor=" + processor)
                    .token(admin()).send();
            assertThat(dropped.status()).as(dropped.raw().body()).isEqualTo(200);
            assertThat(dropped.body().path("dropped").asString()).isEqualTo(unreadableId);
            assertThat(dropped.body().path("released").asLong()).isEqualTo(1);
            assertThat(dropped.body().path("remaining").asLong()).isZero();
        }
        assertThat(view(poisoned).path("contributions")).hasSize(2);
        assertThat(view(poisoned).path("version").asLong()).isEqualTo(next + 2);

        // Later events of that secondment flow again, without parking.
        store.appendEvents(List.of(contribution(poisoned, next + 3, UUID.randomUUID().toString(), BigDecimal.TEN)));
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(view(poisoned).path("contributions")).hasSize(3);
            assertThat(published(poisoned)).containsExactly(0L, next, next + 2, next + 3);
        });
        assertThat(parked(READ_MODEL, poisoned)).isZero();
        assertThat(parked(PUBLICATION, poisoned)).isZero();

        EventProcessorSupervisor supervisor = service.bean(EventProcessorSupervisor.class);
        supervisor.check();
        long died = 0;
        for (Map.Entry<String, EventProcessor> processor : processing.eventProcessors().entrySet()) {
            assertThat(processor.getValue().isRunning()).as(processor.getKey()).isTrue();
            died += supervisor.restarts(processor.getKey()) + (processor.getValue().isError() ? 1 : 0);
        }
        System.out.println("| cadre-service poison events | events injected | parked (read model, publication) "
                + "| published | projected | processors died |");
        System.out.println("|---|---|---|---|---|---|");
        System.out.println("| 1e999999999 + unreadable payload, then retry and drop | 5 | 2, 2 | "
                + (published(poisoned).size() + published(healthy).size()) + " | "
                + (view(poisoned).path("contributions").size() + view(healthy).path("contributions").size())
                + " | " + died + " |");
    }

    @Test
    void the_admin_endpoint_needs_its_scope_and_answers_bad_input_with_problems() {
        Api.Answer noScope = api.get("/api/v1/admin/dead-letters?processor=" + READ_MODEL).token(Tokens.clerk())
                .send();
        assertThat(noScope.status()).isEqualTo(403);
        Api.Answer noToken = api.get("/api/v1/admin/dead-letters?processor=" + READ_MODEL).send();
        assertThat(noToken.status()).isEqualTo(401);

        for (String query : List.of("?processor=" + READ_MODEL + "&page=99999999999999999999", "",
                "?processor=" + READ_MODEL + "&size=abc")) {
            Api.Answer bad = api.get("/api/v1/admin/dead-letters" + query).token(admin()).send();
            assertThat(bad.status()).as(query + ": " + bad.raw().body()).isEqualTo(400);
            assertThat(bad.contentType()).startsWith("application/problem+json");
        }
        // out of the list bounds: 422 naming the field, as every list of the API answers it
        for (String query : List.of("&size=0", "&size=101", "&page=-1", "&page=10001")) {
            Api.Answer outOfBounds = api.get("/api/v1/admin/dead-letters?processor=" + READ_MODEL + query)
                    .token(admin()).send();
            assertThat(outOfBounds.status()).as(query + ": " + outOfBounds.raw().body()).isEqualTo(422);
            assertThat(outOfBounds.raw().body()).contains("\"field\":\"" + query.substring(1, query.indexOf('=')));
        }
        Api.Answer unknown = api.get("/api/v1/admin/dead-letters?processor=no-such-processor").token(admin()).send();
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        Api.Answer nothingParked = api.post("/api/v1/admin/dead-letters/S-none/retry?processor=" + READ_MODEL)
                .token(admin()).send();
        assertThat(nothingParked.status()).isEqualTo(404);
        Api.Answer tooLong = api.delete("/api/v1/admin/dead-letters/" + "x".repeat(300) + "?processor="
                + READ_MODEL).token(admin()).send();
        // no aggregate id is 300 characters long: the edge answers 404 before the controller sees it
        assertThat(tooLong.status()).isEqualTo(404);
        assertThat(tooLong.contentType()).startsWith("application/problem+json");
    }

    @Test
    void readiness_is_mongodb_only_liveness_the_process_and_the_processors_and_kafka_stay_visible() throws Exception {
        HttpResponse<String> readiness = service.management().get("/actuator/health/readiness");
        assertThat(readiness.statusCode()).as(readiness.body()).isEqualTo(200);
        assertThat(JSON.readTree(readiness.body()).path("components").propertyNames())
                .containsExactlyInAnyOrder("readinessState", "mongo");
        HttpResponse<String> liveness = service.management().get("/actuator/health/liveness");
        assertThat(liveness.statusCode()).as(liveness.body()).isEqualTo(200);
        assertThat(JSON.readTree(liveness.body()).path("components").propertyNames())
                .containsExactlyInAnyOrder("livenessState");
        JsonNode all = JSON.readTree(service.management().get("/actuator/health").body()).path("components");
        assertThat(all.path("kafka").path("status").asString()).isEqualTo("UP");
        assertThat(all.at("/eventProcessors/details/" + READ_MODEL + "/deadLetters").isNumber()).isTrue();
    }

    private static void createBatch(int number) {
        Exchanges.createBatch(api, number);
    }

    private static String register(int batch, String homeRegion) {
        return Exchanges.register(api, batch, "测试" + homeRegion, "CQ-" + UUID.randomUUID(), homeRegion);
    }

    private static GenericDomainEventMessage<ContributionRecorded> contribution(String secondmentId, long sequence,
                                                                                String eventId, BigDecimal value) {
        ContributionRecorded payload = new ContributionRecorded(secondmentId, "C-" + eventId, LocalDate.of(2024, 5, 1),
                ContributionCategory.PUBLIC_SERVICE, "跨省通办", List.of(),
                List.of(new Indicator("服务", value, "人次")));
        return new GenericDomainEventMessage<>("Secondment", secondmentId, sequence, payload,
                MetaData.with("principal", "test-injector"), eventId, java.time.Instant.now());
    }

    private static long nextSequence(String aggregateId) {
        return service.storedEvents().stream().filter(e -> aggregateId.equals(e.getString("aggregateIdentifier")))
                .mapToLong(e -> ((Number) e.get("sequenceNumber")).longValue()).max().orElse(-1) + 1;
    }

    private static JsonNode view(String secondmentId) {
        Api.Answer answer = api.get("/api/v1/secondments/" + secondmentId).token(Tokens.clerk()).send();
        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(200);
        return answer.body();
    }

    private static long parked(String processor, String sequenceId) {
        return service.bean(EventProcessingConfiguration.class).deadLetterQueue(processor).orElseThrow()
                .sequenceSize(sequenceId);
    }

    /** The sequences of the aggregate's events on the topic, in offset order (one aggregate, one partition). */
    private static List<Long> published(String aggregateId) {
        long count = SharedKafka.recordCount(service.topic);
        List<ConsumerRecord<String, byte[]>> records = SharedKafka.readRecords(service.topic, (int) count, WAIT);
        List<Long> sequences = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            if (aggregateId.equals(record.key())) {
                sequences.add(Long.parseLong(new String(record.headers().lastHeader("ce_sequence").value(),
                        StandardCharsets.UTF_8)));
            }
        }
        return sequences;
    }
}
