package cn.shuangcheng.reporting.ingestion.mongo;

import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

import org.bson.Document;

import cn.shuangcheng.reporting.ingestion.domain.Projection;
import cn.shuangcheng.reporting.ingestion.domain.StoredEvent;

/**
 * The read-model document of one aggregate: its projection's fold of the stored events, with the bookkeeping every
 * read model carries ({@link Projector} says why): {@code lastSequence} (the end of the unbroken run from 0),
 * {@code maxSequence}, {@code eventCount}, {@code gaps} (how many sequences below the highest are missing, and the
 * first {@value #MAX_LISTED_MISSING} of them) and {@code updatedAt}.
 */
final class AggregateDocument {

    private static final int MAX_LISTED_MISSING = 100;

    private AggregateDocument() {
    }

    static Document folded(Projection projection, String aggregateId, TreeMap<Long, StoredEvent> timeline,
                           TreeSet<Long> missing) {
        Document document = projection.fold(aggregateId, List.copyOf(timeline.values()));
        document.put("_id", aggregateId);
        document.put("lastSequence", lastContiguous(timeline));
        document.put("maxSequence", timeline.lastKey());
        document.put("eventCount", timeline.size());
        document.put("gaps", new Document("count", missing.size())
                .append("missingSequences", missing.stream().limit(MAX_LISTED_MISSING).toList()));
        document.put("updatedAt", timeline.lastEntry().getValue().time().toString());
        return document;
    }

    /** The events a stored document was folded from; -1 when it says nothing. */
    static long eventCountOf(Document document) {
        Number count = document.get("eventCount", Number.class);
        return count == null ? -1 : count.longValue();
    }

    /** Sequences below the highest stored one that are not stored (sequences start at 0). */
    static TreeSet<Long> missing(TreeMap<Long, StoredEvent> timeline) {
        TreeSet<Long> missing = new TreeSet<>();
        if (timeline.isEmpty()) {
            return missing;
        }
        // bounded: a sequence far beyond what was seen lists its first missing ones, counted all the same below
        for (long s = 0; s < timeline.lastKey() && missing.size() < 100_000; s++) {
            if (!timeline.containsKey(s)) {
                missing.add(s);
            }
        }
        return missing;
    }

    static long lastContiguous(TreeMap<Long, StoredEvent> timeline) {
        long last = -1;
        while (timeline.containsKey(last + 1)) {
            last++;
        }
        return last;
    }
}
