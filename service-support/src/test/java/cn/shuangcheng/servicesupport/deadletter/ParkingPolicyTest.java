package cn.shuangcheng.servicesupport.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.axonframework.serialization.SerializationException;
import org.junit.jupiter.api.Test;

import com.mongodb.MongoTimeoutException;

class ParkingPolicyTest {

    private final List<EventMessage<?>> parked = new ArrayList<>();
    private final ParkingPolicy policy = new ParkingPolicy(parked::add);
    private final EventMessage<?> event = GenericEventMessage.asEventMessage("payload");

    @Test
    void parksAnEventItCannotHandleWithTheInnermostCauseAsReason() {
        SerializationException failure = new SerializationException("Error while deserializing",
                new IllegalArgumentException("Text 'nope' could not be parsed\r\nat index 0"));

        EnqueueDecision<EventMessage<?>> decision = policy.decide(new GenericDeadLetter<>("P-1", event, failure),
                failure);

        assertThat(decision.shouldEnqueue()).isTrue();
        assertThat(decision.enqueueCause()).hasValueSatisfying(cause -> {
            assertThat(cause).hasMessageContaining("Text 'nope' could not be parsed at index 0")
                             .hasMessageNotContaining("\r").hasMessageNotContaining("\n");
        });
        assertThat(((org.axonframework.messaging.deadletter.Cause) decision.enqueueCause().orElseThrow()).type())
                .isEqualTo(IllegalArgumentException.class.getName());
        assertThat(parked).containsExactly(event);
    }

    @Test
    void parksAnErrorRaisedWhileHandlingAsTheError() {
        EventHandlingError failure = new EventHandlingError(new OutOfMemoryError("Java heap space"));

        EnqueueDecision<EventMessage<?>> decision = policy.decide(new GenericDeadLetter<>("P-1", event, failure),
                failure);

        assertThat(decision.shouldEnqueue()).isTrue();
        assertThat(((org.axonframework.messaging.deadletter.Cause) decision.enqueueCause().orElseThrow()).type())
                .isEqualTo(OutOfMemoryError.class.getName());
    }

    @Test
    void throwsAFailureOfInfrastructureOnUnchangedSoThatTheBatchIsRetried() {
        MongoTimeoutException failure = new MongoTimeoutException("Timed out while waiting for a server");

        assertThatThrownBy(() -> policy.decide(new GenericDeadLetter<>("P-1", event, failure), failure))
                .isSameAs(failure);
        assertThat(parked).isEmpty();
    }

    @Test
    void truncatesLongReasons() {
        RuntimeException failure = new IllegalStateException("x".repeat(50_000));

        EnqueueDecision<EventMessage<?>> decision = policy.decide(new GenericDeadLetter<>("P-1", event, failure),
                failure);

        assertThat(decision.enqueueCause().orElseThrow().getMessage().length())
                .isLessThanOrEqualTo(ParkingPolicy.MAX_REASON_LENGTH + 1);
    }
}
