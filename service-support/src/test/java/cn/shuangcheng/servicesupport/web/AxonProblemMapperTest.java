package cn.shuangcheng.servicesupport.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.common.lock.LockAcquisitionFailedException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

import cn.shuangcheng.support.web.ProblemExceptionHandler;
import cn.shuangcheng.support.web.ProblemKind;

/** How the write services answer Axon's exceptions that no handler of theirs catches. */
class AxonProblemMapperTest {

    private final ProblemExceptionHandler handler = new ProblemExceptionHandler(List.of(new AxonProblemMapper()));

    @Test
    void aRequestThatWaitedOutTheAggregatesLockIs503WithRetryAfterNot500() {
        // Axon gives up after 6,000 tries 10 ms apart while the requests before it hold the aggregate
        LockAcquisitionFailedException waitedOut = new LockAcquisitionFailedException(
                "Failed to acquire lock for aggregate identifier(P-1), maximum attempts exceeded (6000)");

        for (Exception thrown : List.of(waitedOut, new CommandExecutionException("wrapped", waitedOut))) {
            ResponseEntity<Object> answer = handler.unexpected(thrown);

            assertThat(answer.getStatusCode().value()).as("answer to %s", thrown).isEqualTo(503);
            assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
            ProblemDetail problem = (ProblemDetail) answer.getBody();
            assertThat(problem.getType()).isEqualTo(ProblemKind.UNAVAILABLE.type());
            assertThat(problem.getDetail()).contains("nothing was changed").doesNotContain("P-1");
        }
    }
}
