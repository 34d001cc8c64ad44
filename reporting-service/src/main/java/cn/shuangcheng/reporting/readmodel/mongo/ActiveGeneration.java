package cn.shuangcheng.reporting.readmodel.mongo;

import java.util.Map;

/**
 * The generation queries read and live consumers write, as MongoDB says now.
 *
 * @param generation   the active generation
 * @param base         the generation a partition without a marker in {@code read_model_partitions} has been applied
 *                     to: the one that was active before the first rebuild recorded in {@code read_model_rebuilds}
 * @param startOffsets where the rebuild that made {@code generation} stopped ("topic:partition" to offset): every
 *                     partition is read into it from there by the live consumers (empty for the base generation)
 */
public record ActiveGeneration(int generation, int base, Map<String, Long> startOffsets) {

    public ActiveGeneration {
        startOffsets = Map.copyOf(startOffsets);
    }

    /** A partition the rebuild did not read (created after it) is read from its beginning. */
    public long startOffset(String topic, int partition) {
        return startOffsets.getOrDefault(key(topic, partition), 0L);
    }

    public static String key(String topic, int partition) {
        return topic + ":" + partition;
    }
}
