package cn.shuangcheng.system.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The line printed per fault, also appended to {@code system-tests/target/faults.txt}: commands the stream sent and
 * had acknowledged (2xx), those that took effect unanswered, events of its projects published and applied, the same
 * for its cadre commands, lost and duplicated over both (both must be 0), and the recovery times.
 */
final class FaultLine {

    private FaultLine() {
    }

    static String of(StreamLedger ledger, AuditCounts counts, long settleMillis) {
        return String.format("fault %-34s sent=%d acknowledged=%d unanswered-but-present=%d stored=%d published=%d "
                        + "redelivered=%d applied=%d cadre_sent=%d cadre_acknowledged=%d "
                        + "cadre_unanswered-but-present=%d cadre_stored=%d cadre_published=%d cadre_applied=%d "
                        + "lost=%d duplicated=%d recover_ms=%d settle_ms=%d",
                ledger.scenario, ledger.sent.get(), ledger.acknowledged.get(), ledger.presentUnanswered.get(),
                counts.stored, counts.published, counts.redelivered, counts.applied, ledger.cadres.sent.get(),
                ledger.cadres.acknowledged.get(), ledger.cadres.presentUnanswered.get(), counts.cadreStored,
                counts.cadrePublished, counts.cadreApplied, counts.lost, counts.duplicated,
                ledger.longestWaitMillis(), settleMillis);
    }

    static void write(Path file, String line) {
        System.out.println(line);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, line + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
