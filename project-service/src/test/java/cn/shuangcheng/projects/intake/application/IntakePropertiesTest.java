package cn.shuangcheng.projects.intake.application;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The batch lease's settings: a live owner must renew well before its lease runs out, or the service refuses. */
class IntakePropertiesTest {

    private static IntakeProperties lease(Duration lease, Duration renewal) {
        return new IntakeProperties(null, null, null, null, null, null, null, null, null, null, null, lease, renewal,
                null, null, null);
    }

    @Test
    void the_lease_defaults_to_30_seconds_renewed_every_10() {
        IntakeProperties defaults = lease(null, null);
        assertThat(defaults.batchLease()).isEqualTo(Duration.ofSeconds(30));
        assertThat(defaults.batchLeaseRenewal()).isEqualTo(Duration.ofSeconds(10));
        assertThat(lease(Duration.ofSeconds(3), Duration.ofMillis(1500)).batchLeaseRenewal())
                .isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void a_renewal_longer_than_half_the_lease_or_not_positive_is_refused() {
        assertThatThrownBy(() -> lease(Duration.ofSeconds(30), Duration.ofSeconds(16)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("batch-lease-renewal");
        assertThatThrownBy(() -> lease(null, Duration.ofSeconds(20))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> lease(null, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
