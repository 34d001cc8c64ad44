package cn.shuangcheng.reporting.projects.mongo;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;

import cn.shuangcheng.reporting.readmodel.domain.ReadModelCollection;
import cn.shuangcheng.reporting.readmodel.mongo.ReadModelStore;
import cn.shuangcheng.support.concurrent.DaemonThreads;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code shuangcheng.reporting.projects{status}}: the projects of the active read model by status. Counted by MongoDB
 * in the background every {@code refresh}, not at scrape time, so that a slow or unreachable MongoDB cannot make a
 * scrape time out; between two counts the gauges show the last one.
 */
public final class ProjectStatusGauges implements AutoCloseable {

    public static final String NAME = "shuangcheng.reporting.projects";
    static final List<String> STATUSES = List.of("PROPOSED", "APPROVED", "STARTED", "SUSPENDED", "COMPLETED",
            "CANCELLED");

    private static final Logger log = LoggerFactory.getLogger(ProjectStatusGauges.class);

    private final ReadModelStore store;
    private final Map<String, Long> counts = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler = DaemonThreads.scheduler("reporting-project-counts");

    public ProjectStatusGauges(ReadModelStore store, MeterRegistry registry, Duration refresh) {
        this.store = store;
        for (String status : STATUSES) {
            counts.put(status, 0L);
            Gauge.builder(NAME, counts, c -> c.getOrDefault(status, 0L)).tag("status", status)
                 .description("projects in the read model by status").register(registry);
        }
        scheduler.scheduleWithFixedDelay(this::count, 0, refresh.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void count() {
        try {
            Map<String, Long> now = new ConcurrentHashMap<>();
            STATUSES.forEach(status -> now.put(status, 0L));
            store.collection(store.activeGeneration(), ReadModelCollection.PROJECTS)
                 .aggregate(List.of(Aggregates.group("$status", Accumulators.sum("n", 1))))
                 .forEach((Document group) -> {
                     Object status = group.get("_id");
                     if (status != null && now.containsKey(status.toString())) {
                         now.put(status.toString(), ((Number) group.get("n")).longValue());
                     }
                 });
            counts.putAll(now);
        } catch (RuntimeException e) {
            log.debug("projects by status not counted: {}", e.toString());
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
