package cn.shuangcheng.servicesupport.eventstore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * <b>Test seam, never for production</b>: holds one append between the reservation of its global indexes and its
 * insert, so that a fault-injection test running the service as a process can land a pause exactly there (the window
 * {@link GapTombstones} closes). Installed only when
 * {@code shuangcheng.eventstore.fault-injection.hold-after-reservation} names a directory that exists and holds a file named {@value #ENABLED_MARKER}; otherwise the engine has no decorator
 * at all, so the seam costs nothing when off, and a stray property alone enables nothing.
 * <p>
 * The protocol, all by files in that directory: the test creates {@code hold}; the next append on this instance moves
 * it to {@code held-<first reserved index>} (an atomic rename, so exactly one append is held however many run) and
 * waits until the test creates {@code release-<that index>}, at most {@link #LONGEST_HOLD}; then it inserts as usual.
 */
final class HoldAfterReservation implements GlobalIndexReservation {

    static final String ENABLED_MARKER = "fault-injection-enabled";
    static final Duration LONGEST_HOLD = Duration.ofMinutes(10);
    private static final Logger log = LoggerFactory.getLogger(HoldAfterReservation.class);
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final GlobalIndexReservation reservation;
    private final Path directory;

    private HoldAfterReservation(GlobalIndexReservation reservation, Path directory) {
        this.reservation = reservation;
        this.directory = directory;
    }

    /** The decorator the property asks for, or none (the identity) when it is empty or the marker is missing. */
    static java.util.function.UnaryOperator<GlobalIndexReservation> fromProperty(String directory) {
        if (directory == null || directory.isBlank()) {
            return reservation -> reservation;
        }
        Path path = Path.of(directory);
        if (!Files.isRegularFile(path.resolve(ENABLED_MARKER))) {
            log.warn("shuangcheng.eventstore.fault-injection.hold-after-reservation is set but {} holds no {} file: "
                    + "the test seam stays off", path, ENABLED_MARKER);
            return reservation -> reservation;
        }
        log.warn("TEST SEAM ON: an append may be held after its index reservation (files in {}); never in production",
                path);
        return reservation -> new HoldAfterReservation(reservation, path);
    }

    @Override
    public long reserve(int count) {
        long first = reservation.reserve(count);
        Path held = directory.resolve("held-" + first);
        try {
            Files.move(directory.resolve("hold"), held, StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException e) {
            return first; // no hold asked for, or another append took it
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        log.warn("Test seam: append of global index {} held after its reservation until {} exists", first,
                directory.resolve("release-" + first));
        long deadline = System.nanoTime() + LONGEST_HOLD.toNanos();
        while (!Files.exists(directory.resolve("release-" + first)) && System.nanoTime() < deadline) {
            LockSupport.parkNanos(POLL_NANOS);
        }
        log.warn("Test seam: append of global index {} released", first);
        return first;
    }
}
