package cn.shuangcheng.projects.intake.application;

import cn.shuangcheng.servicesupport.eventstore.LateAppendRefusedException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InfrastructureFailureTest {

    @Test
    void an_append_refused_as_late_is_retried_like_an_outage_not_the_rows_rejection() {
        LateAppendRefusedException late = new LateAppendRefusedException("global index [7] closed", null);

        assertThat(InfrastructureFailure.isCause(late)).isTrue();
        assertThat(InfrastructureFailure.isCause(new CommandExecutionException("wrapped", late))).isTrue();
        assertThat(InfrastructureFailure.isCause(new IllegalArgumentException("bad row"))).isFalse();
    }

    @Test
    void a_project_held_by_other_requests_for_the_whole_lock_wait_is_retried_not_the_rows_rejection() {
        var busy = new org.axonframework.common.lock.LockAcquisitionFailedException(
                "Failed to acquire lock for aggregate identifier(P-1), maximum attempts exceeded (2000)");
        assertThat(InfrastructureFailure.isCause(busy)).isTrue();
        assertThat(InfrastructureFailure.isCause(new CommandExecutionException("wrapped", busy))).isTrue();
    }
}
