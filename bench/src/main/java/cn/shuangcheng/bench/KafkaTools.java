package cn.shuangcheng.bench;

import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.tools.ConsumerPerformance;
import org.apache.kafka.tools.EndToEndLatency;
import org.apache.kafka.tools.ProducerPerformance;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kafka's own performance tools (kafka-tools, the classes behind kafka-producer-perf-test.sh,
 * kafka-consumer-perf-test.sh and kafka-e2e-latency.sh), run in this JVM against the same broker. Their figures are
 * read from what they print; their calls of {@link Exit} are turned into exceptions, so that they cannot end the
 * suite's JVM.
 */
final class KafkaTools {

    private final String bootstrapServers;

    KafkaTools(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** records/s of ProducerPerformance: acks=all and idempotence as the publication sends. */
    double producerRecordsPerSecond(String topic, int records, int recordBytes) {
        String out = run(() -> ProducerPerformance.main(new String[]{"--topic", topic, "--num-records",
                String.valueOf(records), "--record-size", String.valueOf(recordBytes), "--throughput", "-1",
                "--producer-props", "bootstrap.servers=" + bootstrapServers, "acks=all", "enable.idempotence=true"}));
        return number(out, "([0-9.]+) records/sec");
    }

    /** messages/s of ConsumerPerformance's fetch (rebalance time left out) reading {@code messages} from a topic. */
    double consumerMessagesPerSecond(String topic, long messages, String group) {
        String out = run(() -> ConsumerPerformance.main(new String[]{"--bootstrap-server", bootstrapServers,
                "--topic", topic, "--messages", String.valueOf(messages), "--group", group, "--timeout", "60000"}));
        String[] lines = out.strip().split("\\R");
        String[] fields = lines[lines.length - 1].split(",\\s*");
        return Double.parseDouble(fields[fields.length - 1]);
    }

    /** p99 in ms of EndToEndLatency: one record at a time, produced with acks=all, until consumed. */
    double endToEndP99Ms(String topic, int records, int recordBytes) {
        String out = run(() -> EndToEndLatency.main(new String[]{bootstrapServers, topic, String.valueOf(records),
                "all", String.valueOf(recordBytes)}));
        return number(out, "99th = ([0-9.]+)");
    }

    private static double number(String out, String regex) {
        Matcher m = Pattern.compile(regex).matcher(out);
        double last = Double.NaN;
        while (m.find()) {
            last = Double.parseDouble(m.group(1));
        }
        if (Double.isNaN(last)) {
            throw new IllegalStateException("no figure (" + regex + ") in the tool's output:\n" + out);
        }
        return last;
    }

    /** Runs a tool, answering what it printed on standard output (still shown on the console). */
    private static synchronized String run(Tool tool) {
        PrintStream console = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream both = new PrintStream(new java.io.OutputStream() {
            @Override
            public void write(int b) {
                captured.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                captured.write(b, off, len);
            }
        }, true, StandardCharsets.UTF_8);
        Exit.setExitProcedure((code, message) -> {
            if (code != 0) {
                throw new IllegalStateException("a Kafka tool exited with " + code + ": " + message);
            }
        });
        System.setOut(both);
        try {
            tool.run();
        } catch (Exception e) {
            throw new IllegalStateException("a Kafka tool failed", e);
        } finally {
            System.out.flush();
            System.setOut(console);
            Exit.resetExitProcedure();
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    /** A tool's main. */
    private interface Tool {
        void run() throws Exception;
    }
}
