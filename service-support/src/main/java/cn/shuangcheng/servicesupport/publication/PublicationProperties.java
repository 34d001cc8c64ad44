package cn.shuangcheng.servicesupport.publication;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code shuangcheng.publication.*}: what a write service publishes, where, and how patiently.
 * <p>
 * Publication is on when {@code topic} is set, unless {@code shuangcheng.publication.enabled=false}.
 *
 * @param topic                the Kafka topic, e.g. {@code shuangcheng.project.events.v1}
 * @param context              the bounded context in the CloudEvents type, {@code project} or {@code cadre}
 * @param serviceName          names the CloudEvents source, {@code urn:shuangcheng:<serviceName>}; in Spring Boot it
 *                             defaults to {@code shuangcheng.service-name}, then {@code spring.application.name}
 * @param partitions           partitions of the topic when this service creates it (default 6)
 * @param replicationFactor    replication factor of the topic when this service creates it (default 1, for one broker;
 *                             3 in production)
 * @param minInsyncReplicas    the topic's {@code min.insync.replicas} when this service creates it: with {@code acks=all}
 *                             a write is acknowledged only once this many replicas have it (2 in production with 3
 *                             replicas). Unset (the default), the topic gets no setting of its own and the broker's
 *                             {@code min.insync.replicas} applies: never weakened by a default of ours
 * @param processingGroup      the Axon processing group and tracking processor name; its token is the position of
 *                             publication, so renaming it republishes everything (default {@code kafka-publication})
 * @param batchSize            events per batch of the tracking processor; the token advances once per batch, after
 *                             Kafka acknowledged all of its events (default 100)
 * @param sendTimeout          how long Kafka may take to acknowledge one batch, from its first send (also the producer's
 *                             delivery timeout unless overridden) before the batch fails and is retried from the last
 *                             token (default 5 s). With the producer's {@code max.block.ms} it must stay below the
 *                             token claim timeout: see {@link #requireBatchWithinClaim}
 * @param topicCreationTimeout how long start-up waits for Kafka to check or create the topic (default 30 s)
 */
@ConfigurationProperties("shuangcheng.publication")
public record PublicationProperties(
        String topic,
        String context,
        String serviceName,
        Integer partitions,
        Short replicationFactor,
        Integer minInsyncReplicas,
        String processingGroup,
        Integer batchSize,
        Duration sendTimeout,
        Duration topicCreationTimeout) {

    public static final Duration DEFAULT_SEND_TIMEOUT = Duration.ofSeconds(5);
    /** Time to write the token after the batch, with room for a slow MongoDB answer. */
    public static final Duration TOKEN_STORE_MARGIN = Duration.ofSeconds(2);

    public PublicationProperties {
        requireText(topic, "topic");
        requireText(context, "context");
        partitions = partitions == null ? 6 : partitions;
        replicationFactor = replicationFactor == null ? 1 : replicationFactor;
        processingGroup = processingGroup == null || processingGroup.isBlank() ? "kafka-publication" : processingGroup;
        batchSize = batchSize == null ? 100 : batchSize;
        sendTimeout = sendTimeout == null ? DEFAULT_SEND_TIMEOUT : sendTimeout;
        topicCreationTimeout = topicCreationTimeout == null ? Duration.ofSeconds(30) : topicCreationTimeout;
        if (partitions < 1 || replicationFactor < 1 || batchSize < 1
                || minInsyncReplicas != null && minInsyncReplicas < 1) {
            throw new IllegalArgumentException("shuangcheng.publication: partitions, replication-factor, "
                    + "min-insync-replicas and batch-size must be at least 1");
        }
        if (minInsyncReplicas != null && minInsyncReplicas > replicationFactor) {
            throw new IllegalArgumentException("shuangcheng.publication.min-insync-replicas (" + minInsyncReplicas
                    + ") must not exceed replication-factor (" + replicationFactor + "): no write could succeed");
        }
        if (sendTimeout.toMillis() < 1000) {
            throw new IllegalArgumentException("shuangcheng.publication.send-timeout must be at least 1s");
        }
    }

    /**
     * Fails unless a batch surely ends before the processor's token claim expires: the handler holds a batch for at
     * most the send timeout plus one blocking {@code send()} ({@code maxBlock}), and storing the token needs a
     * {@link #TOKEN_STORE_MARGIN}. A batch that outlived its claim would let another instance claim the segment and
     * publish the same events alongside (duplicates, and a token fight).
     */
    public void requireBatchWithinClaim(Duration maxBlock, Duration claimTimeout) {
        Duration longestBatch = sendTimeout.plus(maxBlock).plus(TOKEN_STORE_MARGIN);
        if (longestBatch.compareTo(claimTimeout) >= 0) {
            throw new IllegalStateException("shuangcheng.publication.send-timeout (" + sendTimeout.toMillis()
                    + " ms) + the producer's max.block.ms (" + maxBlock.toMillis() + " ms) + "
                    + TOKEN_STORE_MARGIN.toMillis() + " ms to store the token must be shorter than the token claim "
                    + "timeout shuangcheng.eventstore.token-claim-timeout (" + claimTimeout.toMillis() + " ms): "
                    + "lower the send timeout or max.block.ms, or raise the claim timeout");
        }
    }

    /** These properties with the service name filled in where none was set. */
    public PublicationProperties withDefaultServiceName(String defaultServiceName) {
        String name = serviceName == null || serviceName.isBlank() ? defaultServiceName : serviceName;
        requireText(name, "service-name (or shuangcheng.service-name, or spring.application.name)");
        return new PublicationProperties(topic, context, name, partitions, replicationFactor, minInsyncReplicas,
                processingGroup, batchSize, sendTimeout, topicCreationTimeout);
    }

    /** Properties with every optional value at its default. */
    public static PublicationProperties of(String topic, String context, String serviceName) {
        return new PublicationProperties(topic, context, serviceName, null, null, null, null, null, null, null)
                .withDefaultServiceName(null);
    }

    public PublicationProperties withPartitions(int newPartitions) {
        return new PublicationProperties(topic, context, serviceName, newPartitions, replicationFactor,
                minInsyncReplicas, processingGroup, batchSize, sendTimeout, topicCreationTimeout);
    }

    public PublicationProperties withBatchSize(int newBatchSize) {
        return new PublicationProperties(topic, context, serviceName, partitions, replicationFactor,
                minInsyncReplicas, processingGroup, newBatchSize, sendTimeout, topicCreationTimeout);
    }

    public PublicationProperties withTimeouts(Duration newSendTimeout, Duration newTopicCreationTimeout) {
        return new PublicationProperties(topic, context, serviceName, partitions, replicationFactor,
                minInsyncReplicas, processingGroup, batchSize, newSendTimeout, newTopicCreationTimeout);
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("shuangcheng.publication." + name + " is required");
        }
    }
}
