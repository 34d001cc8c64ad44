package cn.shuangcheng.reporting.ingestion.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.TimeoutException;
import org.bson.BsonDocument;
import org.bson.BsonMaximumSizeExceededException;
import org.bson.codecs.configuration.CodecConfigurationException;
import org.bson.json.JsonParseException;
import org.junit.jupiter.api.Test;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoSocketOpenException;
import com.mongodb.MongoSocketReadTimeoutException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.MongoWriteConcernException;
import com.mongodb.ServerAddress;
import com.mongodb.WriteConcernResult;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.bulk.WriteConcernError;

import cn.shuangcheng.reporting.ingestion.kafka.FailureClassifier.Cause;

/** Infrastructure is retried, a record's data is parked, a JVM error ends the worker. */
class FailureClassifierTest {

    private static final ServerAddress SERVER = new ServerAddress("mongo", 27017);

    @Test
    void mongoAndKafkaBeingUnavailableAreInfrastructure() {
        List<Throwable> infrastructure = List.of(
                new MongoTimeoutException("Timed out while waiting for a server"),
                new MongoSocketOpenException("connection refused", SERVER),
                new MongoSocketReadTimeoutException("read timed out", SERVER, new java.net.SocketTimeoutException()),
                new MongoNotPrimaryException(new BsonDocument(), SERVER),
                new MongoWriteConcernException(new WriteConcernError(64, "waiting for replication timed out", "",
                        new BsonDocument()), WriteConcernResult.unacknowledged(), SERVER),
                command(91, "ShutdownInProgress"),
                command(189, "PrimarySteppedDown"),
                bulk(List.of(writeError(11000, "E11000 duplicate key")), null),
                bulk(List.of(), new WriteConcernError(64, "timeout", "", new BsonDocument())),
                new TimeoutException("Timeout of 60000ms expired before the position could be determined"),
                new NotLeaderOrFollowerException("moving"),
                new CommitFailedException("rebalanced"),
                new KafkaException("dead letter not acknowledged", new java.util.concurrent.ExecutionException(
                        new TimeoutException("expired"))),
                new RuntimeException("wrapped", new MongoTimeoutException("deep down")));

        assertThat(infrastructure).allSatisfy(failure ->
                assertThat(FailureClassifier.classify(failure)).as(failure.toString()).isEqualTo(Cause.INFRASTRUCTURE));
    }

    /**
     * A find of the stored timeline fails like this while an operator rebuilds an index or kills cursors, or while the
     * server sheds load: each event of the batch would then be parked in turn, although MongoDB takes the probe write.
     */
    @Test
    void anOperationTheServerGaveUpForItsOwnStateIsInfrastructure() {
        List<Throwable> infrastructure = List.of(command(175, "QueryPlanKilled"), command(237, "CursorKilled"),
                command(43, "CursorNotFound"), command(112, "WriteConflict"), command(24, "LockTimeout"),
                command(365, "TemporarilyUnavailable"), command(462, "IngressRequestRateLimitExceeded"),
                bulk(List.of(writeError(112, "WriteConflict")), null));

        assertThat(infrastructure).allSatisfy(failure ->
                assertThat(FailureClassifier.classify(failure)).as(failure.toString()).isEqualTo(Cause.INFRASTRUCTURE));
    }

    @Test
    void whatARecordsDataCausesIsData() {
        List<Throwable> data = List.of(
                new JsonParseException("Invalid date format"),
                new BsonMaximumSizeExceededException("Payload document size is larger than maximum of 16793600."),
                new CodecConfigurationException("Can't find a codec for class Foo"),
                bulk(List.of(writeError(10334, "BSONObj size is invalid")), null),
                bulk(List.of(writeError(11000, "dup"), writeError(2, "BadValue: invalid field name $x")), null),
                command(2, "BadValue"),
                new ArithmeticException("long overflow"),
                new IllegalArgumentException("state should be a known state"),
                new NullPointerException(),
                new StackOverflowError());

        assertThat(data).allSatisfy(failure ->
                assertThat(FailureClassifier.classify(failure)).as(failure.toString()).isEqualTo(Cause.DATA));
    }

    @Test
    void otherErrorsAreFatalForTheWorker() {
        assertThat(FailureClassifier.classify(new OutOfMemoryError("Java heap space"))).isEqualTo(Cause.FATAL);
        assertThat(FailureClassifier.classify(new AssertionError("bug"))).isEqualTo(Cause.FATAL);
        assertThat(FailureClassifier.classify(new NoClassDefFoundError("x"))).isEqualTo(Cause.FATAL);
    }

    @Test
    void aCauseChainWithALoopEnds() {
        RuntimeException a = new RuntimeException("a");
        RuntimeException b = new RuntimeException("b", a);
        a.initCause(b);

        assertThat(FailureClassifier.classify(a)).isEqualTo(Cause.DATA);
    }

    private static MongoCommandException command(int code, String name) {
        return new MongoCommandException(BsonDocument.parse("{ok: 0, code: " + code + ", codeName: '" + name
                + "', errmsg: '" + name + "'}"), SERVER);
    }

    private static BulkWriteError writeError(int code, String message) {
        return new BulkWriteError(code, message, new BsonDocument(), 0);
    }

    private static MongoBulkWriteException bulk(List<BulkWriteError> errors, WriteConcernError concern) {
        return new MongoBulkWriteException(BulkWriteResult.unacknowledged(), errors, concern, SERVER, java.util.Set.of());
    }
}
