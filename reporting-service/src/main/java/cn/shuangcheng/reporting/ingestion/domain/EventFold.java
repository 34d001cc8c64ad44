package cn.shuangcheng.reporting.ingestion.domain;

import java.util.List;

import org.bson.Document;

/**
 * The one skeleton of every read model's fold: a state started for the aggregate, each stored event applied to it in
 * sequence order, the document made from the state at the end. A read model says only those three things and which
 * {@link EventCatalog.Kind} it folds; the projector adds the bookkeeping every document carries (sequences, gaps).
 *
 * @param <S> what the read model keeps while folding (the document itself where nothing else is needed)
 */
public abstract class EventFold<S> implements Projection {

    private final EventCatalog.Kind kind;

    protected EventFold(EventCatalog.Kind kind) {
        this.kind = kind;
    }

    @Override
    public final EventCatalog.Kind kind() {
        return kind;
    }

    @Override
    public final Document fold(String aggregateId, List<StoredEvent> events) {
        S state = start(aggregateId);
        for (StoredEvent event : events) {
            apply(state, event);
        }
        return finish(state);
    }

    /** The state before the aggregate's first event. */
    protected abstract S start(String aggregateId);

    /** Folds one event in; events the read model does not show are passed over. */
    protected abstract void apply(S state, StoredEvent event);

    /** The document of the aggregate after every event. */
    protected abstract Document finish(S state);
}
