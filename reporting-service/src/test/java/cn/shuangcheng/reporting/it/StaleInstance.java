package cn.shuangcheng.reporting.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import cn.shuangcheng.contracts.EventTypes;
import cn.shuangcheng.reporting.agenda.domain.AgendaProjection;
import cn.shuangcheng.reporting.cadres.domain.ExchangeBatchProjection;
import cn.shuangcheng.reporting.cadres.domain.SecondmentProjection;
import cn.shuangcheng.reporting.ingestion.kafka.CloudEventReader;
import cn.shuangcheng.reporting.ingestion.domain.IncomingEvent;
import cn.shuangcheng.reporting.ingestion.mongo.Projector;
import cn.shuangcheng.reporting.ingestion.kafka.UnreadableRecordException;
import cn.shuangcheng.reporting.projects.domain.ProjectProjection;
import cn.shuangcheng.servicesupport.testing.SharedKafka;

/**
 * Another instance's live consumer in the rig's group that has not noticed a switch: it applies what it polls to the
 * generation it is told and commits, as a consumer that is about to be killed or paused would.
 */
final class StaleInstance implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final CloudEventReader reader;
    private final Projector projector;
    private boolean closed;

    StaleInstance(ReportingRig rig, Generations generations) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, rig.groupId);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "reporting-stale");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(rig.projectTopic, rig.cadreTopic));
        reader = new CloudEventReader(Map.of(rig.projectTopic, EventTypes.PROJECT_CONTEXT,
                rig.cadreTopic, EventTypes.CADRE_CONTEXT));
        projector = new Projector(generations.store, reader, List.of(new ProjectProjection(), new AgendaProjection(),
                new ExchangeBatchProjection(), new SecondmentProjection()));
    }

    /** One poll: what it brings is applied to {@code generation} and committed. */
    void pollInto(int generation) {
        List<IncomingEvent> read = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
            try {
                read.add(reader.read(record));
            } catch (UnreadableRecordException e) {
                throw new AssertionError(e);
            }
        }
        if (!read.isEmpty()) {
            projector.apply(read, generation);
            consumer.commitSync();
        }
    }

    Set<TopicPartition> assignment() {
        return consumer.assignment();
    }

    long committed(TopicPartition partition) {
        var committed = consumer.committed(Set.of(partition)).get(partition);
        return committed == null ? 0 : committed.offset();
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            consumer.close();
        }
    }
}
