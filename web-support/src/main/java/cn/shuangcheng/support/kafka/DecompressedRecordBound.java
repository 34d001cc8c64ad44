package cn.shuangcheng.support.kafka;

import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.TopicConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A topic's bound on a record decompressed ({@code max.decompressed.message.bytes}), which the services create their
 * topics with. The broker refuses a record past it, so a small compressed record that would inflate past a
 * consumer's heap (a decompression bomb) never reaches one. An existing topic is left as it is (altering it is the
 * operators' call), but one without the bound is said at start.
 */
public final class DecompressedRecordBound {

    private static final Logger log = LoggerFactory.getLogger(DecompressedRecordBound.class);

    private DecompressedRecordBound() {
    }

    /** @param config the topic's configuration as the broker describes it */
    public static void warnIfWeaker(String topic, Config config, long bound) {
        ConfigEntry entry = config.get(TopicConfig.MAX_DECOMPRESSED_MESSAGE_BYTES_CONFIG);
        String value = entry == null ? null : entry.value();
        if (value == null || Long.parseLong(value) > bound) {
            log.warn("Topic {} takes records that inflate to {} bytes (max.decompressed.message.bytes; null: a broker "
                    + "older than Kafka 4.2.2), more than the {} it is created with: a small compressed record could "
                    + "exhaust a reader's memory there. Set it to {} on the topic.", topic, value, bound, bound);
        }
    }
}
