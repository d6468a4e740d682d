package dev.aiops.registry.support;

import dev.aiops.platform.security.DevTokenIssuer;
import dev.aiops.platform.security.ServiceTokenProvider;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.core.env.Environment;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Real HTTP against the running registry, with dev tokens for any role. */
@TestComponent
public class Api {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Environment environment;
    private final DevTokenIssuer tokens;
    private final JsonMapper json;

    Api(Environment environment, DevTokenIssuer tokens, JsonMapper json) {
        this.environment = environment;
        this.tokens = tokens;
        this.json = json;
    }

    /** The service whose token {@code as("service")} presents: one allowed to read connection details. */
    public static final String DEFAULT_SERVICE = "observability-collector";

    public String token(String... roles) {
        if (roles.length == 1 && roles[0].equals("service")) {
            return serviceToken(DEFAULT_SERVICE);
        }
        return tokens.issue(roles.length == 0 ? "nobody" : "user-" + roles[0], Set.of(roles))
                .accessToken();
    }

    /** The token the platform service {@code serviceName} presents when it calls as itself. */
    public String serviceToken(String serviceName) {
        return new ServiceTokenProvider(tokens, null, serviceName).token();
    }

    public Call as(String... roles) {
        return new Call(token(roles));
    }

    public Call asService(String serviceName) {
        return new Call(serviceToken(serviceName));
    }

    public Call anonymous() {
        return new Call(null);
    }

    public Call withToken(String token) {
        return new Call(token);
    }

    public JsonMapper json() {
        return json;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + environment.getProperty("local.server.port");
    }

    public final class Call {
        private final String token;
        private final Map<String, String> headers = new LinkedHashMap<>();

        private Call(String token) {
            this.token = token;
        }

        public Call header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        public Response get(String path) {
            return send("GET", path, null);
        }

        public Response delete(String path) {
            return send("DELETE", path, null);
        }

        public Response post(String path, Object body) {
            return send("POST", path, body);
        }

        public Response put(String path, Object body) {
            return send("PUT", path, body);
        }

        public Response send(String method, String path, Object body) {
            HttpRequest.Builder request =
                    HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(30));
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            headers.forEach(request::header);
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                String text = body instanceof String s ? s : json.writeValueAsString(body);
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(text));
            }
            try {
                HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
                return new Response(response.statusCode(), response.headers(), response.body(), json);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    public record Response(int status, java.net.http.HttpHeaders headers, String text, JsonMapper json) {

        public JsonNode body() {
            return text == null || text.isBlank() ? json.createObjectNode() : json.readTree(text);
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        public <T> T as(Class<T> type) {
            return json.readValue(text, type);
        }

        @Override
        public String toString() {
            return status + " " + text;
        }
    }
}
