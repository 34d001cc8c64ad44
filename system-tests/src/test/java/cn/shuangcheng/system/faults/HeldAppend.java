package cn.shuangcheng.system.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;

import org.bson.Document;
import org.awaitility.core.ConditionTimeoutException;

import com.mongodb.client.MongoClient;
import com.mongodb.client.model.Filters;

import cn.shuangcheng.system.ServiceProcess;

/**
 * The pause scenario, landed where it hurts: project-service's append seam holds one append of instance a between
 * its global index reservation and its insert; then the instance is stopped (SIGSTOP) for longer than the gap timeout
 * while instance b goes on writing, so b's trackers give the held index up. Resumed and released, the late insert
 * must be refused (the trackers' tombstone holds the index: 503, the writer sends the command again) or, had it won,
 * be read by the trackers; never stored where no tracker reads it - which the scenario's reconciliation would count
 * as lost (stored, not on the topic). The index's final document is printed and checked.
 */
final class HeldAppend {

    private static final Duration TOMBSTONE_WAIT = Duration.ofSeconds(30);

    private final FaultStack stack;
    private final MongoClient mongo;

    HeldAppend(FaultStack stack, MongoClient mongo) {
        this.stack = stack;
        this.mongo = mongo;
    }

    void inject(Running s) {
        s.awaitProgress(0.5);
        Path seam = stack.seam(0);
        touch(seam.resolve("hold"));
        s.awaitUntil("an append of project-service-a held after its reservation", () -> held(seam).isPresent());
        long index = held(seam).orElseThrow();
        ServiceProcess paused = stack.projectServices.get(0);
        long pausedAt = System.nanoTime();
        paused.pause();
        try {
            Duration pause = Faults.gapTimeout().plusSeconds(5);
            s.awaitUntil("the pause outlasting the gap timeout", () -> System.nanoTime() - pausedAt > pause.toNanos());
        } finally {
            paused.resume();
        }
        boolean closed = awaitDocument(index, TOMBSTONE_WAIT).map(HeldAppend::isTombstone).orElse(false);
        touch(seam.resolve("release-" + index));
        // the released append either meets the tombstone (refused) or, with no tombstone, inserts its event
        Document after = awaitDocument(index, Duration.ofSeconds(60)).orElse(null);
        System.out.println("fault suite: append of global index " + index + " held on project-service-a, paused "
                + (System.nanoTime() - pausedAt) / 1_000_000 + " ms; closed by the trackers before the release: "
                + closed + "; the index now holds " + (after == null ? "nothing"
                : isTombstone(after) ? "a tombstone (the late append was refused)"
                : "the event of " + after.getString("aggregateIdentifier") + "#" + after.get("sequenceNumber")));
        assertThat(after).as("the held index " + index + " is closed or written").isNotNull();
    }

    private Optional<Document> awaitDocument(long index, Duration atMost) {
        Document[] found = {null};
        try {
            await("global index " + index + " written").atMost(atMost).pollInterval(Duration.ofMillis(250))
                    .ignoreExceptions().until(() -> (found[0] = mongo.getDatabase(FaultStack.PROJECT_DATABASE)
                            .getCollection("domainevents").find(Filters.eq("_id", index)).first()) != null);
        } catch (ConditionTimeoutException e) {
            return Optional.empty();
        }
        return Optional.of(found[0]);
    }

    private static boolean isTombstone(Document document) {
        return document.containsKey("tombstone");
    }

    private static Optional<Long> held(Path seam) {
        try (Stream<Path> files = Files.list(seam)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith("held-"))
                    .map(n -> Long.parseLong(n.substring("held-".length()))).findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void touch(Path file) {
        try {
            Files.createFile(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
