package cn.shuangcheng.reporting.ingestion.kafka;

import cn.shuangcheng.support.logging.LogSafe;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

import cn.shuangcheng.reporting.ingestion.kafka.UnreadableRecordException.Kind;
import tools.jackson.databind.JsonNode;

/**
 * What an event's data must keep to before it is applied, at any depth. An event beyond it is a data error parked on
 * the dead-letter topic.
 * <ul>
 * <li>The API's bound on money: every property named {@code …Yuan} is null or an integer from 0 to 10^14. Applied, a
 * {@code Long.MAX_VALUE} investment would make the read models' sums meaningless. Within the bound, sums over 92,233
 * amounts or fewer fit a long; the read models add with {@link Math#addExact} and the portfolio in BigInteger, so
 * nothing wraps.</li>
 * <li>Property names MongoDB stores as they are: none starts with {@code $} nor holds a NUL. The data is stored
 * through extended JSON, which reads {@code {"$maxKey":1}} as a BSON MaxKey: stored, it made every page of the
 * project's timeline a 500 (Jackson cannot write it), and {@code $date} or {@code $numberDecimal} would change the
 * data shown. No contract field starts with {@code $}.</li>
 * </ul>
 */
final class DataBounds {

    static final long MAX_YUAN = 100_000_000_000_000L;
    private static final BigInteger MAX = BigInteger.valueOf(MAX_YUAN);

    private DataBounds() {
    }

    static void check(JsonNode data) throws UnreadableRecordException {
        Deque<JsonNode> pending = new ArrayDeque<>();
        pending.push(data);
        while (!pending.isEmpty()) {
            JsonNode node = pending.pop();
            if (node.isObject()) {
                for (Map.Entry<String, JsonNode> property : node.properties()) {
                    checkName(property.getKey());
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

    private static void checkName(String name) throws UnreadableRecordException {
        if (name.startsWith("$") || name.indexOf('\0') >= 0) {
            throw new UnreadableRecordException(Kind.UNCONVERTIBLE, "property name " + LogSafe.text(name, 40)
                    + " cannot be stored as it is (a leading $ or a NUL)");
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
