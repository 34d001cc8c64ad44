package cn.shuangcheng.servicesupport.eventstore;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Reads the tracking stream in rounds, as a tracking processor does, remembering everything it got and the token. */
final class TrackingReader {

    private final EventStorageEngine engine;
    private final List<DomainEventMessage<?>> received = new ArrayList<>();
    private TrackingToken token;
    private int mostOpenGaps;

    TrackingReader(EventStorageEngine engine) {
        this.engine = engine;
    }

    /** Reads everything available now from the current token; returns how many events have been received. */
    int readAvailable() {
        try (Stream<? extends TrackedEventMessage<?>> stream = engine.readEvents(token, false)) {
            stream.forEach(message -> {
                received.add((DomainEventMessage<?>) message);
                token = message.trackingToken();
                if (token instanceof GapAwareTrackingToken gapAware) {
                    mostOpenGaps = Math.max(mostOpenGaps, gapAware.getGaps().size());
                }
            });
        }
        return received.size();
    }

    List<DomainEventMessage<?>> received() {
        return received;
    }

    /** The most gaps (indexes reserved but not yet read) any token carried: shows the tracker met in-flight writes. */
    int mostOpenGaps() {
        return mostOpenGaps;
    }

    TrackingToken token() {
        return token;
    }
}
