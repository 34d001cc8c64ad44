package cn.shuangcheng.servicesupport.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import cn.shuangcheng.support.testing.TestTokens;

/**
 * principal, correlationId and traceparent travel from the HTTP request into the command's
 * metadata and from there into every event the command causes, as stored in the event store.
 */
class CorrelationMetadataTest extends EdgeTestSupport {

    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Autowired
    EventStore eventStore;

    @Autowired
    EdgeTestApplication.HandledCommands handledCommands;

    private List<? extends DomainEventMessage<?>> eventsOf(String aggregateId) {
        return eventStore.readEvents(aggregateId).asStream().toList();
    }

    @Test
    void requestCorrelationReachesCommandAndEventMetadata() {
        Response created = api("/api/test/ledgers").bearer("alice", WRITE)
                .header("X-Correlation-Id", "corr-42")
                .header("traceparent", TRACEPARENT)
                .postJson("{\"name\":\"audited\",\"kind\":\"CASH\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().path("id").asString();

        MetaData command = handledCommands.metaDataOf(Ledger.OpenLedger.class, id);
        assertThat(command).containsEntry("principal", "alice")
                .containsEntry("correlationId", "corr-42");
        // the caller's trace, continued by the service's server span: same trace id, the server span's own span id
        String traceparent = (String) command.get("traceparent");
        assertThat(traceparent).matches("00-4bf92f3577b34da6a3ce929d0e0e4736-[0-9a-f]{16}-01").isNotEqualTo(TRACEPARENT);

        List<? extends DomainEventMessage<?>> events = eventsOf(id);
        assertThat(events).hasSize(1);
        assertThat(events.get(0).getPayload()).isInstanceOf(Ledger.LedgerOpened.class);
        assertThat(events.get(0).getMetaData()).containsEntry("principal", "alice")
                .containsEntry("correlationId", "corr-42")
                .containsEntry("traceparent", traceparent)
                // Axon's default MessageOriginProvider is replaced, not added to
                .doesNotContainKey("traceId");
    }

    @Test
    void eachRequestStampsItsOwnCommandsAndEvents() {
        String id = api("/api/test/ledgers").bearer("alice", WRITE)
                .header("X-Correlation-Id", "first-request")
                .postJson("{\"name\":\"two-requests\",\"kind\":\"CASH\"}").json().path("id").asString();

        Response renamed = api("/api/test/ledgers/" + id + "/name").bearer("carol", WRITE)
                .postJson("{\"name\":\"renamed\"}");
        assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
        String generatedId = renamed.header("X-Correlation-Id");

        MetaData command = handledCommands.metaDataOf(Ledger.RenameLedger.class, id);
        assertThat(command).containsEntry("principal", "carol")
                .containsEntry("correlationId", generatedId);

        List<? extends DomainEventMessage<?>> events = eventsOf(id);
        assertThat(events).extracting(e -> e.getMetaData().get("principal")).containsExactly("alice", "carol");
        assertThat(events).extracting(e -> e.getMetaData().get("correlationId"))
                .containsExactly("first-request", generatedId);
        // neither request sent trace context: each started a trace of its own
        assertThat(events).extracting(e -> e.getMetaData().get("traceparent").toString().substring(3, 35))
                .doesNotHaveDuplicates();
    }

    @Test
    void clientCredentialsTokenWithoutSubjectNamesTheClient() {
        Response created = api("/api/test/ledgers").token(TestTokens.clientToken("intake-gateway", WRITE))
                .postJson("{\"name\":\"by-client\",\"kind\":\"BANK\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().path("id").asString();

        assertThat(eventsOf(id).get(0).getMetaData()).containsEntry("principal", "intake-gateway");
    }

    @Test
    void invalidTraceparentIsNotPassedOnAndANewTraceIsStarted() {
        Response created = api("/api/test/ledgers").bearer("alice", WRITE)
                .header("traceparent", "00-00000000000000000000000000000000-00f067aa0ba902b7-01")
                .postJson("{\"name\":\"untraced\",\"kind\":\"CASH\"}");
        String id = created.json().path("id").asString();

        MetaData metaData = eventsOf(id).get(0).getMetaData();
        assertThat(metaData).containsEntry("correlationId", created.header("X-Correlation-Id"));
        assertThat((String) metaData.get("traceparent")).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]")
                .doesNotContain("00000000000000000000000000000000");
    }
}
