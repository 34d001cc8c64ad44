package cn.shuangcheng.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;

/**
 * Stands in for an OpenTelemetry collector: receives what the services export over OTLP/HTTP
 * ({@code POST /v1/traces}, protobuf, uncompressed: the exporter's defaults) and keeps the spans. It reads only the
 * fields the tests look at, straight from the protobuf wire format of {@code ExportTraceServiceRequest}, rather than
 * bringing in the generated OTLP classes and protobuf for that.
 */
final class OtlpCollector implements AutoCloseable {

    /** One received span. {@code kind} as OTLP numbers it: 2 server, 3 client, 4 producer, 5 consumer. */
    record Span(String service, String traceId, String spanId, String parentSpanId, String name, int kind) {
        static final int SERVER = 2;
        static final int PRODUCER = 4;
        static final int CONSUMER = 5;
    }

    private final HttpServer server;
    private final List<Span> spans = new CopyOnWriteArrayList<>();

    OtlpCollector() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/v1/traces", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                spans.addAll(exportRequest(body.readAllBytes()));
                exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
                exchange.sendResponseHeaders(200, -1);
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    String tracesEndpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/traces";
    }

    List<Span> spans() {
        return List.copyOf(spans);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    // ExportTraceServiceRequest { repeated ResourceSpans resource_spans = 1; }
    private static List<Span> exportRequest(byte[] message) {
        List<Span> found = new ArrayList<>();
        for (Field field : fields(message)) {
            if (field.number == 1) {
                found.addAll(resourceSpans(field.bytes));
            }
        }
        return found;
    }

    // ResourceSpans { Resource resource = 1; repeated ScopeSpans scope_spans = 2; }
    // Resource { repeated KeyValue attributes = 1; }   ScopeSpans { repeated Span spans = 2; }
    private static List<Span> resourceSpans(byte[] message) {
        String service = null;
        List<byte[]> scopes = new ArrayList<>();
        for (Field field : fields(message)) {
            if (field.number == 1) {
                for (Field attribute : fields(field.bytes)) {
                    if (attribute.number == 1 && "service.name".equals(key(attribute.bytes))) {
                        service = stringValue(attribute.bytes);
                    }
                }
            } else if (field.number == 2) {
                scopes.add(field.bytes);
            }
        }
        List<Span> found = new ArrayList<>();
        for (byte[] scope : scopes) {
            for (Field field : fields(scope)) {
                if (field.number == 2) {
                    found.add(span(service, field.bytes));
                }
            }
        }
        return found;
    }

    // Span { bytes trace_id = 1; bytes span_id = 2; bytes parent_span_id = 4; string name = 5; SpanKind kind = 6; }
    private static Span span(String service, byte[] message) {
        String traceId = "";
        String spanId = "";
        String parentSpanId = "";
        String name = "";
        int kind = 0;
        for (Field field : fields(message)) {
            switch (field.number) {
                case 1 -> traceId = HexFormat.of().formatHex(field.bytes);
                case 2 -> spanId = HexFormat.of().formatHex(field.bytes);
                case 4 -> parentSpanId = HexFormat.of().formatHex(field.bytes);
                case 5 -> name = new String(field.bytes, StandardCharsets.UTF_8);
                case 6 -> kind = (int) field.varint;
                default -> { }
            }
        }
        return new Span(service, traceId, spanId, parentSpanId, name, kind);
    }

    // KeyValue { string key = 1; AnyValue value = 2; }   AnyValue { string string_value = 1; ... }
    private static String key(byte[] keyValue) {
        for (Field field : fields(keyValue)) {
            if (field.number == 1) {
                return new String(field.bytes, StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static String stringValue(byte[] keyValue) {
        for (Field field : fields(keyValue)) {
            if (field.number == 2) {
                for (Field value : fields(field.bytes)) {
                    if (value.number == 1) {
                        return new String(value.bytes, StandardCharsets.UTF_8);
                    }
                }
            }
        }
        return null;
    }

    /** One field of a protobuf message: a varint, or the bytes of a length-delimited field; fixed ones skipped. */
    private record Field(int number, long varint, byte[] bytes) {
    }

    private static List<Field> fields(byte[] message) {
        List<Field> fields = new ArrayList<>();
        int[] at = {0};
        while (at[0] < message.length) {
            long tag = varint(message, at);
            int number = (int) (tag >>> 3);
            switch ((int) (tag & 7)) {
                case 0 -> fields.add(new Field(number, varint(message, at), null));
                case 1 -> at[0] += 8;
                case 2 -> {
                    int length = (int) varint(message, at);
                    byte[] bytes = new byte[length];
                    System.arraycopy(message, at[0], bytes, 0, length);
                    at[0] += length;
                    fields.add(new Field(number, 0, bytes));
                }
                case 5 -> at[0] += 4;
                default -> throw new IllegalArgumentException("unsupported protobuf wire type in tag " + tag);
            }
        }
        return fields;
    }

    private static long varint(byte[] message, int[] at) {
        long value = 0;
        for (int shift = 0; ; shift += 7) {
            byte b = message[at[0]++];
            value |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
    }
}
