package cn.shuangcheng.projects.it;

import cn.shuangcheng.projects.cooperation.api.InvestmentRecorded;
import cn.shuangcheng.projects.cooperation.api.Platform;
import cn.shuangcheng.projects.cooperation.api.ProjectListed;
import cn.shuangcheng.projects.cooperation.api.ProjectProposed;
import cn.shuangcheng.projects.cooperation.api.Sector;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;

import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Writes a burst straight into the event store, as a month's intake does through many commands at once:
 * every project proposed, listed and given its monthly investment records, from several threads together.
 * Going past the command layer makes the burst fit within about a second on a 2-core machine, which is
 * what the publisher must cope with.
 */
final class EventBurst {

    private static final int PROJECTS_PER_APPEND = 10;

    private final EventStore eventStore;
    private final int projects;
    private final int eventsPerProject;
    private final int threads;

    EventBurst(ProjectServiceRig service, int projects, int eventsPerProject, int threads) {
        this.eventStore = service.bean(EventStore.class);
        this.projects = projects;
        this.eventsPerProject = eventsPerProject;
        this.threads = threads;
    }

    /**
     * Writes the burst and answers how long the writing took. Each append carries the events of
     * {@code PROJECTS_PER_APPEND} projects, as one intake unit of work does.
     */
    Duration write() throws Exception {
        List<List<DomainEventMessage<?>>> streams = new ArrayList<>();
        List<DomainEventMessage<?>> append = new ArrayList<>();
        for (int p = 0; p < projects; p++) {
            append.addAll(eventsOfOneProject(UUID.randomUUID().toString()));
            if ((p + 1) % PROJECTS_PER_APPEND == 0 || p == projects - 1) {
                streams.add(append);
                append = new ArrayList<>();
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        try {
            List<Future<?>> writes = new ArrayList<>();
            for (List<DomainEventMessage<?>> stream : streams) {
                writes.add(pool.submit(() -> eventStore.publish(stream)));
            }
            for (Future<?> w : writes) {
                w.get();
            }
        } finally {
            pool.shutdown();
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private List<DomainEventMessage<?>> eventsOfOneProject(String id) {
        List<Object> payloads = new ArrayList<>();
        payloads.add(new ProjectProposed(id, "BURST-" + id, "突发测试项目", Sector.MODERN_INDUSTRY, Platform.SUITONG,
                List.of("510900", "500152"), List.of("遂宁市发展改革委"), 1_000_000_000L, null, null, null));
        payloads.add(new ProjectListed(id, 2023));
        for (int month = 1; payloads.size() < eventsPerProject; month++) {
            payloads.add(new InvestmentRecorded(id, YearMonth.of(2023, month), 10_000_000L + month));
        }
        MetaData metaData = MetaData.from(Map.of("principal", "burst-test", "correlationId", id));
        List<DomainEventMessage<?>> events = new ArrayList<>();
        for (int seq = 0; seq < payloads.size(); seq++) {
            events.add(new GenericDomainEventMessage<>("CooperationProject", id, seq, payloads.get(seq), metaData));
        }
        return events;
    }
}
