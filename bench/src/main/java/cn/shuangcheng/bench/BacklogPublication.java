package cn.shuangcheng.bench;

import cn.shuangcheng.localstack.Stack;
import cn.shuangcheng.localstack.services.ServiceProcess;

import java.time.Duration;

/**
 * M2: publication of a standing backlog. project-service is paused (SIGSTOP) while the backlog is seeded straight into
 * the event store ({@link StoreSeeder}), so the whole backlog stands when it resumes: unpaused, the publication kept
 * pace with the seeding and only a few thousand of a 30k backlog stood (2026-12-04). The rate is that backlog over
 * the time from the resume until the topic holds every stored event. The pause also keeps REST writes off the store's
 * index counter while the seeder reserves indexes on it. Reporting-service consumes the same events meanwhile, as it
 * would in production.
 */
final class BacklogPublication {

    /** One backlog: events seeded, at what rate, what stood when seeding ended, how fast it drained. */
    record Outcome(long seeded, double seededPerSecond, long standing, double drainSeconds, long storeSize) {
        double perSecond() {
            return standing / drainSeconds;
        }
    }

    private static final Duration DEADLINE = Duration.ofMinutes(30);

    private final StoreSeeder seeder;
    private final Topics topics;
    private final MongoLimits mongo;
    private final ServiceProcess publisher;

    BacklogPublication(StoreSeeder seeder, Topics topics, MongoLimits mongo, ServiceProcess publisher) {
        this.seeder = seeder;
        this.topics = topics;
        this.mongo = mongo;
        this.publisher = publisher;
    }

    Outcome publish(long events) {
        long start = System.nanoTime();
        long seeded;
        publisher.pause();
        try {
            seeded = seeder.seed(events);
        } finally {
            publisher.resume();
        }
        double seedSeconds = (System.nanoTime() - start) / 1e9;
        long stored = mongo.count(Stack.PROJECT_DATABASE, StoreSeeder.EVENTS);
        long drainStart = System.nanoTime();
        long standing = stored - topics.records(Stack.PROJECT_TOPIC);
        Waiting.until("publication of a backlog of " + standing + " events", DEADLINE, Duration.ofMillis(20),
                () -> topics.records(Stack.PROJECT_TOPIC) >= stored);
        double drain = (System.nanoTime() - drainStart) / 1e9;
        return new Outcome(seeded, seeded / seedSeconds, Math.max(1, standing), drain, stored);
    }
}
