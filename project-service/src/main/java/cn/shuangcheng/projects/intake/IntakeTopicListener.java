package cn.shuangcheng.projects.intake;

import cn.shuangcheng.support.publication.KafkaConnectionProperties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The Kafka intake path: intake systems that publish instead of calling put one item per record on
 * {@code shuangcheng.intake.submissions.v1} (value: the item's JSON, key: its externalRef). Each record goes
 * through the same {@link IntakeProcessor} as a REST row; a rejected one is also published, with its reasons,
 * on {@code shuangcheng.intake.rejections.v1}. Offsets are committed after a poll's records were applied and
 * their rejections acknowledged; a record applied twice after a crash changes nothing.
 */
public class IntakeTopicListener implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(IntakeTopicListener.class);

    private final IntakeProperties properties;
    private final KafkaConnectionProperties connection;
    private final IntakeProcessor processor;
    private final IntakeRowBinder binder;
    private final JsonMapper json;
    private final IntakeMetrics metrics;
    private final KafkaConsumer<String, String> consumer;
    private final KafkaProducer<String, String> rejections;
    private final List<KafkaClientMetrics> clientMetrics;
    private final Thread thread;
    private volatile boolean running = true;

    IntakeTopicListener(IntakeProperties properties, KafkaConnectionProperties connection, IntakeProcessor processor,
                        IntakeRowBinder binder, JsonMapper json, IntakeMetrics metrics, MeterRegistry registry) {
        this.properties = properties;
        this.connection = connection;
        this.processor = processor;
        this.binder = binder;
        this.json = json;
        this.metrics = metrics;
        ensureTopics();
        this.consumer = new KafkaConsumer<>(consumerConfig(), new StringDeserializer(), new StringDeserializer());
        this.rejections = new KafkaProducer<>(producerConfig(), new StringSerializer(), new StringSerializer());
        this.clientMetrics = List.of(new KafkaClientMetrics(consumer), new KafkaClientMetrics(rejections));
        clientMetrics.forEach(client -> client.bindTo(registry));
        this.thread = new Thread(this::run, "intake-topic");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Started and still reading: the thread ends only when closed or when polling failed for good. */
    boolean isReading() {
        return running && thread.isAlive();
    }

    private void run() {
        try {
            consumer.subscribe(List.of(properties.submissionsTopic()));
            while (running) {
                var records = consumer.poll(Duration.ofMillis(500));
                for (ConsumerRecord<String, String> record : records) {
                    handle(record);
                }
                if (!records.isEmpty()) {
                    rejections.flush();
                    consumer.commitSync();
                }
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } catch (RuntimeException e) {
            log.error("the intake topic listener stopped; records after the last commit are read again at restart", e);
        } finally {
            consumer.close();
        }
    }

    private void handle(ConsumerRecord<String, String> record) {
        String origin = record.topic() + "/" + record.partition() + "/" + record.offset();
        IntakeRowBinder.Bound bound = record.value() == null
                ? new IntakeRowBinder.Bound(null, record.key(), List.of(new RowOutcome.FieldError("item", "is missing")))
                : binder.bind(record.value());
        RowOutcome outcome = bound.item() == null
                ? RowOutcome.rejected(0, bound.externalRef(), null, bound.errors())
                : processor.apply(0, bound.item(), principalOf(record), "kafka:" + origin);
        metrics.row(IntakeMetrics.Channel.KAFKA, outcome);
        if (outcome.outcome() == RowOutcome.Outcome.REJECTED) {
            Map<String, Object> rejection = new LinkedHashMap<>();
            rejection.put("externalRef", outcome.externalRef());
            rejection.put("projectId", outcome.projectId());
            rejection.put("errors", outcome.errors());
            rejection.put("origin", origin);
            rejections.send(new ProducerRecord<>(properties.rejectionsTopic(), record.key(),
                    json.writeValueAsString(rejection)));
        }
    }

    /** Who sent the record: its {@code principal} header, else the topic's configured intake principal. */
    private String principalOf(ConsumerRecord<String, String> record) {
        Header header = record.headers().lastHeader("principal");
        return header == null ? properties.kafkaPrincipal() : new String(header.value(), StandardCharsets.UTF_8);
    }

    private void ensureTopics() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                connection.bootstrapServers()))) {
            for (String topic : List.of(properties.submissionsTopic(), properties.rejectionsTopic())) {
                try {
                    admin.createTopics(List.of(new NewTopic(topic, properties.partitions(), (short) 1)))
                            .all().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create intake topic " + topic, e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Kafka at " + connection.bootstrapServers()
                    + " did not answer within 30 s while creating the intake topics", e);
        }
    }

    private Map<String, Object> consumerConfig() {
        Map<String, Object> config = new HashMap<>(connection.properties());
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, connection.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, properties.consumerGroup());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100);
        return config;
    }

    private Map<String, Object> producerConfig() {
        Map<String, Object> config = new HashMap<>(connection.properties());
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, connection.bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return config;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(TimeUnit.SECONDS.toMillis(30));
        clientMetrics.forEach(KafkaClientMetrics::close);
        rejections.close(Duration.ofSeconds(10));
    }
}
