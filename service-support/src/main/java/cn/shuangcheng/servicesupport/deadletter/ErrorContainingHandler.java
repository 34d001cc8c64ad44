package cn.shuangcheng.servicesupport.deadletter;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;

/**
 * An event handler that turns an {@link Error} raised by the handler it wraps into an {@link EventHandlingError}, so
 * that the event is parked instead of the processor's worker thread dying. {@link VirtualMachineError}s other than
 * {@link OutOfMemoryError} and {@link StackOverflowError} (an {@link InternalError}) are not the event's doing and
 * are passed on.
 * <p>
 * Catching an {@code OutOfMemoryError} is safe here only because the memory was taken by this one event's handling
 * (a value expanded beyond any bound) and is garbage once its stack unwinds; a JVM started with
 * {@code -XX:+ExitOnOutOfMemoryError} exits before this runs, so the bounds at the edge and the handlers' own care
 * stay the first defence.
 */
public final class ErrorContainingHandler implements EventMessageHandler {

    private final EventMessageHandler delegate;

    public ErrorContainingHandler(EventMessageHandler delegate) {
        this.delegate = delegate;
    }

    @Override
    public Object handle(EventMessage<?> event) throws Exception {
        try {
            return delegate.handle(event);
        } catch (OutOfMemoryError | StackOverflowError e) {
            throw new EventHandlingError(e);
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Error e) {
            throw new EventHandlingError(e);
        }
    }

    @Override
    public boolean canHandle(EventMessage<?> event) {
        return delegate.canHandle(event);
    }

    @Override
    public boolean canHandleType(Class<?> payloadType) {
        return delegate.canHandleType(payloadType);
    }

    @Override
    public Class<?> getTargetType() {
        return delegate.getTargetType();
    }

    @Override
    public void prepareReset() {
        delegate.prepareReset();
    }

    @Override
    public <R> void prepareReset(R resetContext) {
        delegate.prepareReset(resetContext);
    }

    @Override
    public boolean supportsReset() {
        return delegate.supportsReset();
    }
}
