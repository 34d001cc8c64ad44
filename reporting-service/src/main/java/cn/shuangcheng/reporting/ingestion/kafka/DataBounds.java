package cn.shuangcheng.reporting.ingestion.kafka;

import cn.shuangcheng.support.logging.LogSafe;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

import cn.shuangcheng.reporting.ingestion.kafka.UnreadableRecordException.Kind;
import tools.jackson.databind.JsonNode;

/**
 * The API's bound on money, applied to events too: every property named {@code …Yuan}, at any depth, is null or an
 * integer from 0 to 10^14. An event beyond it (a {@code Long.MAX_VALUE} investment, say) is a data error parked on
 * the dead-letter topic: applied, it would make the read models' sums meaningless. Within the bound, sums over
 * 92,233 amounts or fewer fit a long; the read models add with {@link Math#addExact} and the portfolio in
 * BigInteger, so nothing wraps.
 */
final class AmountBounds {

    static final long MAX_YUAN = 100_000_000_000_000L;
    private static final BigInteger MAX = BigInteger.valueOf(MAX_YUAN);

    private AmountBounds() {
    }

    static void check(JsonNode data) throws UnreadableRecordException {
        Deque<JsonNode> pending = new ArrayDeque<>();
        pending.push(data);
        while (!pending.isEmpty()) {
            JsonNode node = pending.pop();
            if (node.isObject()) {
                for (Map.Entry<String, JsonNode> property : node.properties()) {
                    if (property.getKey().endsWith("Yuan")) {
                        checkAmount(property.getKey(), property.getValue());
                    }
                    pending.push(property.getValue());
                }
            } else if (node.isArray()) {
                node.values().forEach(pending::push);
            }
        }
    }

    private static void checkAmount(String name, JsonNode value) throws UnreadableRecordException {
        if (value.isNull()) {
            return;
        }
        if (!value.isIntegralNumber()) {
            throw new UnreadableRecordException(Kind.OUT_OF_BOUNDS, name + " must be an integer number of yuan");
        }
        BigInteger amount = value.bigIntegerValue();
        if (amount.signum() < 0 || amount.compareTo(MAX) > 0) {
            throw new UnreadableRecordException(Kind.OUT_OF_BOUNDS,
                    name + " " + LogSafe.text(amount, 40) + " is outside 0 to 10^14 yuan");
        }
    }
}
