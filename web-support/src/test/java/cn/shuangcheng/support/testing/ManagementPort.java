package cn.shuangcheng.support.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What operators and Prometheus see of a running service: its management port, without a token. {@link #scrape()}
 * reads {@code /actuator/prometheus} as Prometheus does and parses the text exposition into series.
 */
public final class ManagementPort {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final int port;

    public ManagementPort(int port) {
        this.port = port;
    }

    /** One sample line of the exposition: {@code name{labels} value}. */
    public record Series(String name, Map<String, String> labels, double value) {

        public String label(String key) {
            return labels.get(key);
        }
    }

    /** The parsed exposition. */
    public record Exposition(List<Series> series, String text) {

        /** Every series of that exact name. */
        public List<Series> named(String name) {
            return series.stream().filter(s -> s.name().equals(name)).toList();
        }

        /** The one series of that name whose labels include all of {@code labels} (name, value pairs). */
        public Optional<Series> find(String name, String... labels) {
            return named(name).stream().filter(s -> {
                for (int i = 0; i < labels.length; i += 2) {
                    if (!labels[i + 1].equals(s.labels().get(labels[i]))) {
                        return false;
                    }
                }
                return true;
            }).findFirst();
        }

        /** The value of {@link #find}, or NaN when there is no such series. */
        public double value(String name, String... labels) {
            return find(name, labels).map(Series::value).orElse(Double.NaN);
        }

        public boolean hasFamily(String prefix) {
            return series.stream().anyMatch(s -> s.name().startsWith(prefix));
        }
    }

    public HttpResponse<String> get(String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).GET().build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Exposition scrape() {
        HttpResponse<String> response = get("/actuator/prometheus");
        if (response.statusCode() != 200) {
            throw new AssertionError("/actuator/prometheus answered " + response.statusCode() + ": " + response.body());
        }
        return parse(response.body());
    }

    static Exposition parse(String text) {
        List<Series> series = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int brace = line.indexOf('{');
            int space = brace < 0 ? line.indexOf(' ') : line.indexOf(' ', line.lastIndexOf('}'));
            String name = line.substring(0, brace < 0 ? space : brace);
            Map<String, String> labels = new LinkedHashMap<>();
            if (brace >= 0) {
                Matcher matcher = LABEL.matcher(line.substring(brace, line.lastIndexOf('}') + 1));
                while (matcher.find()) {
                    labels.put(matcher.group(1), matcher.group(2));
                }
            }
            String[] rest = line.substring(space + 1).trim().split(" ");
            series.add(new Series(name, labels, number(rest[0])));
        }
        return new Exposition(List.copyOf(series), text);
    }

    private static double number(String value) {
        return switch (value) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(value);
        };
    }
}
