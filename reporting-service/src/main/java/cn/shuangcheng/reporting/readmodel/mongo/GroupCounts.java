package cn.shuangcheng.reporting.readmodel.mongo;

import java.util.Arrays;

import org.bson.Document;

/** Accumulators of the reports' {@code $group} stages, written so that the MongoDB stand-in runs them too. */
public final class GroupCounts {

    private GroupCounts() {
    }

    /** A $group accumulator: how many of the group's documents have this {@code status}. */
    public static Document countOfStatus(String status) {
        return new Document("$sum", new Document("$cond",
                Arrays.asList(new Document("$eq", Arrays.asList("$status", status)), 1, 0)));
    }
}
