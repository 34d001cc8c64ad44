/**
 * Axon's event store on MongoDB, without Axon Server.
 * <p>
 * {@link cn.shuangcheng.servicesupport.eventstore.SequencedMongoEventStorageEngine} stores one document per event in
 * {@code domainevents} under a global index ({@code _id}) handed out by the counter in {@code sequences}, and tracks
 * with Axon's {@code GapAwareTrackingToken}; snapshots go to {@code snapshotevents} (latest per aggregate), processor
 * tokens to {@code trackingtokens} (axon-mongo's {@code MongoTokenStore}). Payload and metadata are stored as BSON
 * documents, readable in the mongo shell.
 * <p>
 * A global index that trackers give up (reserved, but not written within the gap timeout) is closed with a tombstone
 * document under that {@code _id} ({@code GapTombstones}), so that an insert arriving later is refused
 * ({@link cn.shuangcheng.servicesupport.eventstore.LateAppendRefusedException}, answered 503) instead of being stored where no
 * tracker reads it. A tombstone has the field {@code tombstone: true}: whatever counts or lists the events in
 * {@code domainevents} by hand filters on {@code {tombstone: {$exists: false}}}.
 * <p>
 * Services set {@code spring.mongodb.uri} and {@code shuangcheng.mongodb.database}; tuning (defaults in brackets):
 * {@code shuangcheng.eventstore.batch-size} [500], {@code shuangcheng.eventstore.gap-timeout} [1m],
 * {@code shuangcheng.eventstore.max-gap-offset} [10000], {@code shuangcheng.eventstore.aggregate-cache-events} [100000
 * per aggregate type registered through {@link cn.shuangcheng.servicesupport.eventstore.CachedAggregates}; 0 = no cache],
 * {@code shuangcheng.eventstore.aggregate-lock-wait} [20s: then 503].
 * Test seam only, never in production: {@code shuangcheng.eventstore.fault-injection.hold-after-reservation} [unset]
 * names a directory through which a fault-injection test holds one append between its reservation and its insert; it
 * is installed only if that directory holds a file {@code fault-injection-enabled} ({@code HoldAfterReservation}).
 * {@code axon.serializer.*} is not used: the serializers are the JSON ones of
 * {@link cn.shuangcheng.servicesupport.eventstore.AxonJsonSerializers}.
 * <p>
 * Every frequent query names documents by exact values of a unique index ({@code _id}, or aggregate and sequence):
 * MongoDB serves any shape from its indexes, but the in-JVM stand-in serves only those and scans the whole collection
 * for a range or a sort. Range queries remain where they are rare (replaying an aggregate that is not cached, a
 * tracker crossing a long run of failed appends, start-up).
 * <p>
 * Burst benchmark (test sources), from the repository root:
 * {@code ./mvnw -q -pl service-support test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=cn.shuangcheng.servicesupport.eventstore.TrackingBurstBenchmark}
 */
package cn.shuangcheng.servicesupport.eventstore;
