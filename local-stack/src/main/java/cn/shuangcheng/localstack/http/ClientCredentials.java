package cn.shuangcheng.localstack.http;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * Access tokens of one client from the authorization server's token endpoint (client-credentials grant, HTTP Basic
 * client authentication), fetched again a minute before they expire.
 */
public final class ClientCredentials {

    private final HttpClient http;
    private final JsonMapper json;
    private final URI tokenEndpoint;
    private final String clientId;
    private final String secret;
    private final String scope;
    private String token;
    private Instant renewAt = Instant.MIN;

    public ClientCredentials(HttpClient http, JsonMapper json, String tokenEndpoint, String clientId, String secret,
                             String scope) {
        this.http = http;
        this.json = json;
        this.tokenEndpoint = URI.create(tokenEndpoint);
        this.clientId = clientId;
        this.secret = secret;
        this.scope = scope;
    }

    public synchronized String accessToken() {
        if (token == null || Instant.now().isAfter(renewAt)) {
            fetch();
        }
        return token;
    }

    private void fetch() {
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(tokenEndpoint)
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope="
                        + URLEncoder.encode(scope, StandardCharsets.UTF_8)))
                .build();
        try {
            HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("the token endpoint refused " + clientId + ": " + answer.statusCode()
                        + " " + answer.body());
            }
            JsonNode body = json.readTree(answer.body());
            token = body.path("access_token").asString();
            long expiresIn = body.path("expires_in").asLong(300);
            renewAt = Instant.now().plusSeconds(Math.max(0, expiresIn - 60));
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach the token endpoint " + tokenEndpoint, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while fetching a token", e);
        }
    }
}
