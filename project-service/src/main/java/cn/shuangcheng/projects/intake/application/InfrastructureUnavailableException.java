package cn.shuangcheng.projects.intake.application;

/**
 * A row or record could not be applied because MongoDB or Kafka failed (or a concurrent writer won), not because
 * of what it says: nothing of it was stored, and the same input is tried again later.
 */
public class InfrastructureUnavailableException extends RuntimeException {

    public InfrastructureUnavailableException(Throwable cause) {
        super("the infrastructure failed: " + cause.getClass().getSimpleName(), cause);
    }

    /** The failure as this exception when the infrastructure caused it; otherwise the failure itself. */
    static RuntimeException orRethrow(RuntimeException failure) {
        return InfrastructureFailure.isCause(failure) ? new InfrastructureUnavailableException(failure) : failure;
    }
}
