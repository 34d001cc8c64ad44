package cn.shuangcheng.servicesupport.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault-injection seam of the append path: off without its marker file whatever the property says, and when on it
 * holds exactly one append, after its reservation, until the test releases it.
 */
class HoldAfterReservationTest {

    private final AtomicLong counter = new AtomicLong();
    private final GlobalIndexReservation reservation = count -> counter.getAndAdd(count) + 1;

    @TempDir
    Path directory;

    @Test
    void withoutTheMarkerFileTheSeamIsNotInstalled() throws Exception {
        Files.createFile(directory.resolve("hold"));
        assertThat(HoldAfterReservation.fromProperty(directory.toString()).apply(reservation)).isSameAs(reservation);
        assertThat(HoldAfterReservation.fromProperty("").apply(reservation)).isSameAs(reservation);
        assertThat(HoldAfterReservation.fromProperty(null).apply(reservation)).isSameAs(reservation);
    }

    @Test
    void oneAppendIsHeldAfterItsReservationUntilReleasedOthersPass() throws Exception {
        Files.createFile(directory.resolve(HoldAfterReservation.ENABLED_MARKER));
        GlobalIndexReservation seam = HoldAfterReservation.fromProperty(directory.toString()).apply(reservation);
        assertThat(seam.reserve(1)).isEqualTo(1); // nothing asked to be held

        Files.createFile(directory.resolve("hold"));
        CompletableFuture<Long> held = CompletableFuture.supplyAsync(() -> seam.reserve(2));
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(directory.resolve("held-2")));
        assertThat(counter.get()).as("the indexes are reserved while the append is held").isEqualTo(3);
        assertThat(seam.reserve(1)).as("a second append is not held").isEqualTo(4);
        assertThat(held).isNotDone();

        Files.createFile(directory.resolve("release-2"));
        assertThat(held.get(10, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(2);
    }
}
