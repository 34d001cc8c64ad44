package cn.shuangcheng.servicesupport.publication;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import cn.shuangcheng.contracts.Topics;
import cn.shuangcheng.servicesupport.deadletter.ClassifiedFailure;
import cn.shuangcheng.servicesupport.deadletter.FailureKind;
import cn.shuangcheng.support.kafka.DecompressedRecordBound;
import cn.shuangcheng.support.kafka.KafkaConnectionProperties;
import cn.shuangcheng.support.outage.Causes;

/**
 * Creates the publication topic at start-up when it does not exist yet, so that a fresh cluster works without
 * broker-side auto-creation (which production clusters switch off). An existing topic is left as it is: its
 * partition count is the operators' decision once data is in it.
 *
 * <p>The topic is created with unlimited retention ({@link #KEEP_FOREVER}): it is the log every read model is rebuilt
 * from (docs/architecture.md, "Rebuilds": a read model can always be rebuilt from the topics), so the broker's default
 * of seven days would make a later rebuild silently partial. It takes no record that inflates past
 * {@link Topics#MAX_RECORD_BYTES} (a decompression bomb). An existing topic with a finite retention or without that
 * bound is logged as a warning.
 */
public final class PublicationTopicCreator {

    private static final Logger log = LoggerFactory.getLogger(PublicationTopicCreator.class);

    /** Topic configuration of an event log that is never deleted: no time and no size limit. */
    static final Map<String, String> KEEP_FOREVER = Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1",
            TopicConfig.RETENTION_BYTES_CONFIG, "-1");

    private final KafkaConnectionProperties connection;
    private final PublicationProperties publication;
    /** Set once the topic was found or created with its partitions led: checked before every batch. */
    private volatile boolean ready;
    /** Whether an attempt runs in the background now (at most one). */
    private final AtomicBoolean attempting = new AtomicBoolean();

    public PublicationTopicCreator(KafkaConnectionProperties connection, PublicationProperties publication) {
        this.connection = connection;
        this.publication = publication;
    }

    /**
     * Makes sure that the topic exists and is served, and remembers that it is (for {@link #requireReady()}).
     *
     * @throws KafkaUnavailableException when Kafka does not answer within the topic creation timeout or refuses
     */
    public void ensureReady() {
        ensureTopicExists();
        ready = true;
    }

    /**
     * Before anything is published: a record sent before the topic exists would have a broker with auto-creation
     * create it with its own defaults (seven days' retention), and the log every read model is rebuilt from would lose
     * its old events. Never waits: it runs inside a batch, whose segment claim (10 s by default) must outlast it, or
     * another instance takes the segment and publishes the batch as well. Until the topic is known to be ready it
     * starts one attempt in the background, if none runs, and fails at once; the processor retries the batch with its
     * backoff.
     *
     * @throws KafkaUnavailableException while the topic is not known to be ready
     */
    public void requireReady() {
        if (ready) {
            return;
        }
        if (attempting.compareAndSet(false, true)) {
            Thread attempt = new Thread(this::attempt, "publication-topic-" + publication.topic());
            attempt.setDaemon(true);
            try {
                attempt.start();
            } catch (RuntimeException | Error e) { // no thread to be had now: the next batch asks again
                attempting.set(false);
                throw e;
            }
        }
        throw new KafkaUnavailableException("Topic " + publication.topic() + " on Kafka "
                + connection.bootstrapServers() + " is not known to exist yet: publication waits for it", null);
    }

    private void attempt() {
        try {
            ensureReady();
            log.info("Topic {} is ready: publication goes on", publication.topic());
        } catch (RuntimeException e) {
            log.warn("{}", e.getMessage());
        } finally {
            attempting.set(false);
        }
    }

    /**
     * @throws KafkaUnavailableException when Kafka does not answer within the topic creation timeout or refuses
     */
    public void ensureTopicExists() {
        long timeoutMs = publication.topicCreationTimeout().toMillis();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        try (Admin admin = connection.admin(adminDefaults((int) timeoutMs), Map.of(AdminClientConfig.CLIENT_ID_CONFIG,
                "shuangcheng-publication-admin-" + publication.serviceName()))) {
            NewTopic topic = new NewTopic(publication.topic(), publication.partitions(),
                    publication.replicationFactor()).configs(topicConfig(publication));
            try {
                admin.createTopics(List.of(topic)).all().get(timeoutMs, TimeUnit.MILLISECONDS);
                log.info("Created topic {} with {} partitions, replication factor {}, min.insync.replicas {} "
                                + "(null: the broker's)",
                        publication.topic(), publication.partitions(), publication.replicationFactor(),
                        publication.minInsyncReplicas());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
                log.debug("Topic {} exists", publication.topic());
                warnIfWeakerThanCreated(admin, timeoutMs);
            }
            // Also for an existing topic: it may have been created a moment ago by another instance.
            awaitLeaders(admin, deadline);
        } catch (ExecutionException e) {
            throw unavailable(e.getCause());
        } catch (KafkaException e) {
            // making the client: e.g. no bootstrap address resolves (a broker's DNS name is gone while it is down)
            throw unavailable(e);
        } catch (TimeoutException e) {
            throw unavailable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(e);
        }
    }

    /** An existing topic is left as it is (altering it is the operators' call), but what it lacks is said. */
    private void warnIfWeakerThanCreated(Admin admin, long timeoutMs)
            throws ExecutionException, InterruptedException, TimeoutException {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, publication.topic());
        Config config = admin.describeConfigs(List.of(resource)).all().get(timeoutMs, TimeUnit.MILLISECONDS)
                .get(resource);
        ConfigEntry retention = config.get(TopicConfig.RETENTION_MS_CONFIG);
        if (retention != null && !"-1".equals(retention.value())) {
            log.warn("Topic {} keeps events for retention.ms={} only: read models rebuilt from it after that will "
                    + "miss the deleted events. Set retention.ms=-1 on it.", publication.topic(), retention.value());
        }
        DecompressedRecordBound.warnIfWeaker(publication.topic(), config, Topics.MAX_RECORD_BYTES);
    }

    /**
     * A topic exists before its partitions have leaders. Publishing into that window gets retriable errors which,
     * with an idempotent producer on a brand-new partition, can end in a failed batch that is then sent again:
     * duplicates on the very first publication. So wait until every partition has a leader that answers: an offset
     * query goes to the leader's log. Right after creation the broker answering may not know the topic yet
     * ({@code UnknownTopicOrPartitionException}, a retriable error that the admin client does not always retry
     * itself): such answers mean "not yet" until the deadline.
     */
    private void awaitLeaders(Admin admin, long deadline)
            throws ExecutionException, InterruptedException, TimeoutException {
        while (true) {
            long remainingMs = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (remainingMs <= 0) {
                throw new TimeoutException("partitions of " + publication.topic() + " have no leader yet");
            }
            try {
                TopicDescription description = admin.describeTopics(List.of(publication.topic())).allTopicNames()
                                                    .get(remainingMs, TimeUnit.MILLISECONDS).get(publication.topic());
                if (!description.partitions().isEmpty()
                        && description.partitions().stream().allMatch(partition -> partition.leader() != null
                        && !partition.leader().isEmpty())) {
                    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                    description.partitions().forEach(partition -> latest.put(
                            new TopicPartition(publication.topic(), partition.partition()), OffsetSpec.latest()));
                    admin.listOffsets(latest).all().get(Math.max(1, TimeUnit.NANOSECONDS.toMillis(
                            deadline - System.nanoTime())), TimeUnit.MILLISECONDS);
                    return;
                }
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof RetriableException)) {
                    throw e;
                }
                log.debug("Topic {} not served yet: {}", publication.topic(), e.getCause().toString());
            }
            Thread.sleep(50);
        }
    }

    /**
     * The topic's settings when created here: kept forever, and the configured min.insync.replicas if one is (else
     * the broker's own applies).
     */
    static Map<String, String> topicConfig(PublicationProperties publication) {
        Map<String, String> config = new HashMap<>(KEEP_FOREVER);
        config.put(TopicConfig.MAX_DECOMPRESSED_MESSAGE_BYTES_CONFIG, Integer.toString(Topics.MAX_RECORD_BYTES));
        if (publication.minInsyncReplicas() != null) {
            config.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(publication.minInsyncReplicas()));
        }
        return config;
    }

    /** The start-up's timeout bounds every call, unless shuangcheng.kafka.properties sets otherwise. */
    private static Map<String, Object> adminDefaults(int timeoutMs) {
        return Map.of(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(timeoutMs, 30_000));
    }

    private KafkaUnavailableException unavailable(Throwable cause) {
        return new KafkaUnavailableException("Could not check or create topic " + publication.topic() + " on Kafka "
                + connection.bootstrapServers() + " within " + publication.topicCreationTimeout().toMillis()
                + " ms: " + cause, cause);
    }

    /** Kafka could not be reached or refused to create the publication topic: retried, never parked. */
    public static final class KafkaUnavailableException extends RuntimeException implements ClassifiedFailure {
        KafkaUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }

        /**
         * Whether Kafka did not answer (a timeout, a retriable error, an interrupt), rather than answered no: a wrong
         * password, a missing ACL, a replication factor above the brokers' count or a policy do not pass by waiting.
         */
        public boolean kafkaDidNotAnswer() {
            Throwable cause = getCause();
            return cause == null || cause instanceof java.util.concurrent.TimeoutException
                    || cause instanceof RetriableException || cause instanceof InterruptedException
                    || Causes.anyMatch(cause, t -> t instanceof ConfigException
                            && String.valueOf(t.getMessage()).contains("No resolvable bootstrap"));
        }

        @Override
        public FailureKind failureKind() {
            return FailureKind.INFRASTRUCTURE;
        }
    }
}
