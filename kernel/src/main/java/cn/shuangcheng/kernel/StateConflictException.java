package cn.shuangcheng.kernel;

/**
 * The request conflicts with the current state of what it targets (HTTP 409): a cancelled project,
 * a month already recorded, a transition not allowed from this state.
 */
public class StateConflictException extends RuntimeException {

    public StateConflictException(String message) {
        super(message);
    }
}
