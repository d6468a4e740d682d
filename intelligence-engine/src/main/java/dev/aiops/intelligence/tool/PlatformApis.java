package dev.aiops.intelligence.tool;

import dev.aiops.platform.config.ServiceEndpointsProperties;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;
import org.springframework.web.util.UriBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The registry, collector and intent service as the tools call them: always with the caller's own bearer
 * token (never the service identity), so a viewer's tool call is refused exactly where the viewer would be.
 * Errors become {@link ToolFailedException} carrying the downstream problem's code and detail, which are
 * meant for users; timeouts become {@link ToolTimeoutException}.
 */
@Component
class PlatformApis {

    static final String REGISTRY = "cluster-registry";
    static final String COLLECTOR = "observability-collector";
    static final String INTENTS = "intent-service";

    private final RestClient.Builder builder;
    private final ServiceEndpointsProperties endpoints;
    private final HttpClientSettings settings;
    private final JsonMapper json;
    // One client per service for the life of the engine: building one per call cost a new JDK HttpClient
    // (no connection reuse, its own selector thread) and fresh message converters with their object mappers,
    // which the chat benchmark's profile showed as the biggest cost of a tool call. The token is per request.
    private final Map<String, RestClient> clients = new ConcurrentHashMap<>();

    PlatformApis(
            RestClient.Builder builder,
            ServiceEndpointsProperties endpoints,
            ToolProperties properties,
            JsonMapper json) {
        this.builder = builder;
        this.endpoints = endpoints;
        this.json = json;
        this.settings = HttpClientSettings.defaults()
                .withConnectTimeout(properties.connectTimeout())
                .withReadTimeout(properties.timeout());
    }

    JsonNode get(Caller caller, String service, Function<UriBuilder, URI> uri) {
        return exchange(
                service,
                () -> client(service)
                        .get()
                        .uri(uri)
                        .headers(h -> h.setBearerAuth(caller.bearerToken()))
                        .retrieve()
                        .body(JsonNode.class));
    }

    JsonNode post(Caller caller, String service, String path, Object body) {
        return exchange(
                service,
                () -> client(service)
                        .post()
                        .uri(path)
                        .headers(h -> h.setBearerAuth(caller.bearerToken()))
                        .body(body)
                        .retrieve()
                        .body(JsonNode.class));
    }

    private RestClient client(String service) {
        return clients.computeIfAbsent(
                service,
                name -> builder.clone()
                        .baseUrl(endpoints.url(name).toString())
                        .requestFactory(ClientHttpRequestFactoryBuilder.detect().build(settings))
                        .build());
    }

    private JsonNode exchange(String service, java.util.function.Supplier<JsonNode> call) {
        try {
            JsonNode body = call.get();
            return body == null ? json.nullNode() : body;
        } catch (RestClientResponseException e) {
            throw new ToolFailedException(service + " answered " + describe(e.getStatusCode(), e));
        } catch (ResourceAccessException e) {
            if (e.getCause() instanceof SocketTimeoutException) {
                throw new ToolTimeoutException(service + " did not answer in time");
            }
            throw new ToolFailedException(service + " is not reachable");
        }
    }

    /** "404 CLUSTER_NOT_FOUND: No cluster named edge-9" from a problem+json body, else the bare status. */
    private String describe(HttpStatusCode status, RestClientResponseException e) {
        try {
            JsonNode problem = json.readTree(e.getResponseBodyAsString());
            String code = problem.path("code").asString("");
            String detail = problem.path("detail").asString("");
            return status.value() + (code.isEmpty() ? "" : " " + code) + (detail.isEmpty() ? "" : ": " + detail);
        } catch (RuntimeException notJson) {
            return String.valueOf(status.value());
        }
    }
}
