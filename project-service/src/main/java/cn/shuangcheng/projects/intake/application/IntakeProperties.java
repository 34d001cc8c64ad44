package cn.shuangcheng.projects.intake.application;

import cn.shuangcheng.contracts.Topics;
import cn.shuangcheng.projects.intake.api.IntakeBounds;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * {@code shuangcheng.intake.*}: the Kafka intake path. {@code kafka-enabled} turns the topic listener on
 * (default on); {@code kafka-principal} is recorded on events caused by records that name no principal;
 * {@code known-projects-weight} bounds the intake state kept between rows by its weight, in facts (a project
 * weighs 1 plus its list years, plans, months and milestones, a long milestone name more); the default, 32 per row
 * of the row limit, lets a whole batch's monthly resend find every project in memory.
 * <p>
 * When MongoDB or Kafka fails, the batch worker and the topic listener try again after {@code retry-backoff}
 * (default 500 ms), doubling up to {@code retry-max-backoff} (default 30 s). {@code kafka-timeout} (default 15 s)
 * bounds every request of the listener's Kafka clients (consumer, producer, admin); {@code shuangcheng.kafka.properties}
 * may set them otherwise. The listener is crash-looping (health {@code intakeTopic} DOWN, still started again every
 * {@code retry-max-backoff}) when its loop dies {@code max-consecutive-restarts} (default 5) times in a row without
 * handling a record.
 * <p>
 * The listener creates its two topics when they are missing, with {@code partitions} (default 3),
 * {@code replication-factor} (default 1, for a one-broker cluster; 3 in production) and {@code min-insync-replicas}
 * (2 in production; unset by default, so the broker's own setting applies, never weakened by a default of ours).
 * <p>
 * One client has at most {@code max-pending-batches} (default 5) REST batches not yet completed; a further one is
 * 429, so that one client's backlog cannot fill the store or hold every other client's batch behind it.
 * <p>
 * A REST batch is processed by one instance at a time, under a lease of {@code batch-lease} (default 30 s) that
 * its owner renews every {@code batch-lease-renewal} (default 10 s, at most half the lease, or the service refuses
 * to start); another instance takes the batch over once the lease has run out unrenewed, and looks for such batches
 * every {@code batch-lease-renewal} too. A shorter lease hands a dead owner's batch on sooner; it is never unsafe,
 * because each take-over raises the lease's epoch and the former owner's writes are refused from then on.
 */
@ConfigurationProperties("shuangcheng.intake")
public record IntakeProperties(Boolean kafkaEnabled, String submissionsTopic, String rejectionsTopic,
                               String consumerGroup, String kafkaPrincipal, Integer partitions,
                               Long knownProjectsWeight, Duration retryBackoff, Duration retryMaxBackoff,
                               Duration kafkaTimeout, Integer maxConsecutiveRestarts, Duration batchLease,
                               Duration batchLeaseRenewal, Short replicationFactor, Integer minInsyncReplicas,
                               Integer maxPendingBatches) {

    public IntakeProperties {
        kafkaEnabled = kafkaEnabled == null || kafkaEnabled;
        submissionsTopic = orDefault(submissionsTopic, Topics.INTAKE_SUBMISSIONS);
        rejectionsTopic = orDefault(rejectionsTopic, Topics.INTAKE_REJECTIONS);
        consumerGroup = orDefault(consumerGroup, "project-service-intake");
        kafkaPrincipal = orDefault(kafkaPrincipal, "intake-topic");
        partitions = partitions == null ? 3 : partitions;
        replicationFactor = replicationFactor == null ? 1 : replicationFactor;
        if (replicationFactor < 1
                || minInsyncReplicas != null && (minInsyncReplicas < 1 || minInsyncReplicas > replicationFactor)) {
            throw new IllegalArgumentException("shuangcheng.intake.replication-factor (" + replicationFactor
                    + ") and min-insync-replicas (" + minInsyncReplicas + ") must be at least 1, and "
                    + "min-insync-replicas at most replication-factor");
        }
        knownProjectsWeight = knownProjectsWeight == null ? IntakeBounds.MAX_ROWS * 32L : knownProjectsWeight;
        retryBackoff = retryBackoff == null ? Duration.ofMillis(500) : retryBackoff;
        retryMaxBackoff = retryMaxBackoff == null ? Duration.ofSeconds(30) : retryMaxBackoff;
        kafkaTimeout = kafkaTimeout == null ? Duration.ofSeconds(15) : kafkaTimeout;
        maxConsecutiveRestarts = maxConsecutiveRestarts == null ? 5 : maxConsecutiveRestarts;
        batchLease = batchLease == null ? Duration.ofSeconds(30) : batchLease;
        batchLeaseRenewal = batchLeaseRenewal == null ? Duration.ofSeconds(10) : batchLeaseRenewal;
        maxPendingBatches = maxPendingBatches == null ? 5 : maxPendingBatches;
        if (maxPendingBatches < 1) {
            throw new IllegalArgumentException("shuangcheng.intake.max-pending-batches must be at least 1");
        }
        if (batchLeaseRenewal.isNegative() || batchLeaseRenewal.isZero()
                || batchLeaseRenewal.multipliedBy(2).compareTo(batchLease) > 0) {
            throw new IllegalArgumentException("shuangcheng.intake.batch-lease-renewal (" + batchLeaseRenewal
                    + ") must be positive and at most half of shuangcheng.intake.batch-lease (" + batchLease
                    + "), so that a live owner renews its lease well before it runs out");
        }
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
