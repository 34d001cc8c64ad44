package cn.shuangcheng.servicesupport.deadletter;

import static cn.shuangcheng.servicesupport.deadletter.FailureKind.EVENT;
import static cn.shuangcheng.servicesupport.deadletter.FailureKind.INFRASTRUCTURE;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.common.errors.NetworkException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.serialization.SerializationException;
import org.bson.BsonMaximumSizeExceededException;
import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonParseException;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoSocketReadException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.MongoWriteConcernException;
import com.mongodb.MongoWriteException;
import com.mongodb.ServerAddress;
import com.mongodb.bulk.WriteConcernError;
import com.mongodb.WriteError;

import cn.shuangcheng.servicesupport.publication.EventRefusedByKafkaException;
import cn.shuangcheng.servicesupport.publication.PublicationFailedException;

class EventFailureClassifierTest {

    private static final ServerAddress SERVER = new ServerAddress("mongo", 27017);

    @Test
    void errorsRaisedByHandlingAnEventAreTheEvents() {
        assertThat(EventFailureClassifier.classify(new EventHandlingError(new OutOfMemoryError("Java heap space"))))
                .isEqualTo(EVENT);
        assertThat(EventFailureClassifier.classify(new EventHandlingError(new StackOverflowError()))).isEqualTo(EVENT);
        assertThat(EventFailureClassifier.classify(new StackOverflowError())).isEqualTo(EVENT);
    }

    @Test
    void unreadableOrUnwritablePayloadsAreTheEvents() {
        assertThat(EventFailureClassifier.classify(new SerializationException("cannot deserialize"))).isEqualTo(EVENT);
        assertThat(EventFailureClassifier.classify(new IllegalStateException("Cannot write as JSON",
                new JsonParseException(null, "bad")))).isEqualTo(EVENT);
        assertThat(EventFailureClassifier.classify(new BsonMaximumSizeExceededException("too large")))
                .isEqualTo(EVENT);
        assertThat(EventFailureClassifier.classify(new EventRefusedByKafkaException("refused",
                new RecordTooLargeException("max.request.size")))).isEqualTo(EVENT);
    }

    @Test
    void mongoRefusingTheDocumentIsTheEvents() {
        MongoWriteException tooLarge = new MongoWriteException(
                new WriteError(10334, "BSONObj size is invalid", new BsonDocument()), SERVER);
        MongoWriteException dollarField = new MongoWriteException(
                new WriteError(52, "The dollar ($) prefixed field is not valid", new BsonDocument()), SERVER);
        assertThat(EventFailureClassifier.classify(tooLarge)).isEqualTo(EVENT);
        assertThat(EventFailureClassifier.classify(dollarField)).isEqualTo(EVENT);
    }

    @Test
    void aProjectionsOwnDataErrorIsTheEvents() {
        assertThat(EventFailureClassifier.classify(new ArithmeticException("overflow"))).isEqualTo(EVENT);
        assertThat(EventFailureClassifier.classify(new NumberFormatException("x"))).isEqualTo(EVENT);
        assertThat(EventFailureClassifier.classify(new IllegalArgumentException("no such region"))).isEqualTo(EVENT);
    }

    @Test
    void mongoUnavailableIsInfrastructure() {
        assertThat(EventFailureClassifier.classify(new MongoTimeoutException("no server"))).isEqualTo(INFRASTRUCTURE);
        assertThat(EventFailureClassifier.classify(new MongoSocketReadException("reset", SERVER)))
                .isEqualTo(INFRASTRUCTURE);
        assertThat(EventFailureClassifier.classify(new MongoWriteConcernException(
                new WriteConcernError(64, "WriteConcernFailed", "timeout", new BsonDocument()), null, SERVER)))
                .isEqualTo(INFRASTRUCTURE);
        assertThat(EventFailureClassifier.classify(new MongoCommandException(
                new BsonDocument("code", new org.bson.BsonInt32(10107)).append("errmsg",
                        new org.bson.BsonString("not primary")), SERVER))).isEqualTo(INFRASTRUCTURE);
    }

    @Test
    void kafkaUnavailableOrSlowIsInfrastructure() {
        assertThat(EventFailureClassifier.classify(new PublicationFailedException("not acknowledged",
                new NetworkException("down")))).isEqualTo(INFRASTRUCTURE);
        // Even a broker refusing a record by size: the broker's limit may be raised, the batch is retried.
        assertThat(EventFailureClassifier.classify(new PublicationFailedException("not acknowledged",
                new RecordTooLargeException("broker limit")))).isEqualTo(INFRASTRUCTURE);
        assertThat(EventFailureClassifier.classify(new NotLeaderOrFollowerException("election")))
                .isEqualTo(INFRASTRUCTURE);
        assertThat(EventFailureClassifier.classify(new org.apache.kafka.common.errors.TimeoutException("metadata")))
                .isEqualTo(INFRASTRUCTURE);
    }

    @Test
    void waitingInterruptedTimedOutOrClaimLostIsInfrastructure() {
        assertThat(EventFailureClassifier.classify(new InterruptedException())).isEqualTo(INFRASTRUCTURE);
        assertThat(EventFailureClassifier.classify(new UnableToClaimTokenException("claimed elsewhere")))
                .isEqualTo(INFRASTRUCTURE);
        assertThat(EventFailureClassifier.classify(new IOException(new SocketTimeoutException())))
                .isEqualTo(INFRASTRUCTURE);
    }

    @Test
    void wrappersAreSeenThrough() {
        assertThat(EventFailureClassifier.classify(new ExecutionException(new MongoTimeoutException("x"))))
                .isEqualTo(INFRASTRUCTURE);
        assertThat(EventFailureClassifier.classify(new RuntimeException("handler",
                new java.util.concurrent.CompletionException(new SerializationException("bad")))))
                .isEqualTo(EVENT);
    }
}
