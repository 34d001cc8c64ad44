package cn.shuangcheng.cadres.erasure;

import cn.shuangcheng.support.concurrent.PeriodicSweep;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;

/**
 * Records the audit event of erasures whose process died after erasing the registry entry and before the event (see
 * {@link PersonalDataErasure}): every {@code shuangcheng.cadres.erasure-repair-every} (default 5 min), those erased
 * more than a minute ago. Every instance does it; the event is created once per person whoever gets there first.
 */
@Component
class UnrecordedErasures implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(UnrecordedErasures.class);
    /** An erasure being made now records its own event in well under this. */
    private static final Duration SETTLED = Duration.ofMinutes(1);

    private final PersonalDataErasure erasure;
    private final Clock clock;
    private final PeriodicSweep sweep;

    UnrecordedErasures(PersonalDataErasure erasure, Clock clock,
                       @Value("${shuangcheng.cadres.erasure-repair-every:PT5M}") Duration every) {
        this.erasure = erasure;
        this.clock = clock;
        this.sweep = new PeriodicSweep("unrecorded-erasures", "recording erasures without their audit event", every,
                this::repair);
    }

    private void repair() {
        int recorded = erasure.recordMissing(clock.instant().minus(SETTLED));
        if (recorded > 0) {
            log.warn("recorded the audit event of {} erasure(s) whose process died before recording it", recorded);
        }
    }

    @Override
    public void close() {
        sweep.close();
    }
}
