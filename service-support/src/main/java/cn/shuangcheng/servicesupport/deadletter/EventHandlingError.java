package cn.shuangcheng.servicesupport.deadletter;

/**
 * An {@link Error} (an {@link OutOfMemoryError} or {@link StackOverflowError}, say) that a handler raised while
 * handling one event, carried as an exception. Axon's dead-lettering invoker and its processors catch exceptions
 * only: an {@code Error} thrown through them stops the tracking processor's worker for good. As an exception it is
 * parked with the event like any other failure caused by the event.
 */
public final class EventHandlingError extends RuntimeException {

    public EventHandlingError(Error error) {
        super(error.getClass().getName() + " while handling the event: " + error.getMessage(), error);
    }
}
