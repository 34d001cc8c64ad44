package cn.shuangcheng.system.hostile;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Raw HTTP as a hostile caller sends it: the body exactly as given, any method. A connection the service drops or a
 * request it does not answer in time counts as a failure (status 599), like a 5xx.
 */
public final class Http {

    public static final int NO_ANSWER = 599;
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Http() {
    }

    /** @param contentType the answer's Content-Type, empty when it had none */
    public record Answer(int status, String body, String contentType) {

        Answer(int status, String body) {
            this(status, body, "");
        }

        /** A refusal as the API promises it: problem+json, whoever refused (Spring, a filter or the container). */
        public boolean isProblem() {
            return contentType.startsWith("application/problem+json");
        }
    }

    public static Answer send(String method, URI uri, String bearer, String contentType, byte[] body) {
        return send(method, uri, bearer, contentType, body, java.util.Map.of());
    }

    public static Answer send(String method, URI uri, String bearer, String contentType, byte[] body,
                              java.util.Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (bearer != null) {
            request.header("Authorization", bearer);
        }
        headers.forEach(request::header);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(),
                    response.headers().firstValue("Content-Type").orElse(""));
        } catch (IOException e) {
            return new Answer(NO_ANSWER, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(NO_ANSWER, e.toString());
        }
    }

    public static Answer json(String method, URI uri, String bearer, String json) {
        return send(method, uri, bearer, "application/json", json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    public static Answer get(URI uri, String bearer) {
        return send("GET", uri, bearer, null, null);
    }
}
