package cn.shuangcheng.reporting.ingestion.domain;

import cn.shuangcheng.reporting.readmodel.domain.ReadModelCollection;

import java.util.List;

import org.bson.Document;

/**
 * One read model: how the document of an aggregate follows from its events. A pure function of the events in
 * sequence order, so that a late event that fills a gap is simply folded in at its place and the document comes
 * out as if every event had arrived in order.
 */
public interface Projection {

    EventCatalog.Kind kind();

    /** The read model its documents go to: the one of its kind. */
    default ReadModelCollection collection() {
        return kind().collection();
    }

    /** The document of the aggregate after {@code events} (ascending sequence, possibly with gaps). */
    Document fold(String aggregateId, List<StoredEvent> events);
}
