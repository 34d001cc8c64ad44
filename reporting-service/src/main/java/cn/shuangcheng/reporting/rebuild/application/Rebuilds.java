package cn.shuangcheng.reporting.rebuild.application;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Rebuilds of the read models as operators drive them (the admin API): start one, read one, list the latest. One
 * rebuild runs at a time across all instances; the claim, the replay from Kafka and the switch are the Kafka
 * adapter's (rebuild.kafka.RebuildService).
 */
public interface Rebuilds {

    enum State { RUNNING, COMPLETED, FAILED }

    /**
     * @param lag     records left to read from the topics; -1 before the first poll, and while Kafka does not answer
     *                (the rebuild reads on)
     * @param skipped records the rebuild could not apply, by dead-letter reason (the live consumer parked them when it
     *                first met them; one it applied would be missing from this generation): compare before trusting
     */
    record Status(int id, State state, int generation, int previousGeneration, Instant startedAt,
                  Instant completedAt, long lag, String error, Map<String, Long> skipped) {
    }

    /** Starts a rebuild into a fresh generation; a StateConflictException (409) while one runs on any instance. */
    Status start();

    /** A rebuild of any instance. */
    Optional<Status> status(int id);

    /** The latest rebuilds of all instances, newest first. */
    List<Status> all();
}
