package dev.aiops.intelligence.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Clusters registered in the real registry through its API, as an admin would. Their API servers refuse
 * connections (port 1), so the registry's health checks turn them OFFLINE within seconds.
 */
public final class Fleet {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");

    private Fleet() {}

    public static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 6);
    }

    /** Registers a cluster and returns its id. */
    public static UUID register(String adminToken, String name, String type) {
        return create(adminToken, """
                {"name": "%s", "api_server_url": "http://127.0.0.1:1", "cluster_type": "%s", "platform": "KUBERNETES", "region": "eu-west"}
                """.formatted(name, type));
    }

    /** Registers a cluster whose metrics the given (real) Prometheus serves, and returns its id. */
    public static UUID registerWithPrometheus(String adminToken, String name, String prometheusUrl) {
        return create(adminToken, """
                {"name": "%s", "api_server_url": "http://127.0.0.1:1", "cluster_type": "EDGE", "platform": "KUBERNETES",
                 "region": "eu-west", "endpoints": {"prometheus_url": "%s"}}
                """.formatted(name, prometheusUrl));
    }

    private static UUID create(String adminToken, String body) {
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(RegistryProcess.url() + "/api/v1/clusters"))
                            .header("Authorization", "Bearer " + adminToken)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201) {
                throw new IllegalStateException("registry answered " + response.statusCode() + ": " + response.body());
            }
            Matcher m = ID.matcher(response.body());
            if (!m.find()) {
                throw new IllegalStateException("no id in " + response.body());
            }
            return UUID.fromString(m.group(1));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The cluster's state as the registry reports it. */
    public static String state(String token, UUID id) {
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(RegistryProcess.url() + "/api/v1/clusters/" + id + "/status"))
                            .header("Authorization", "Bearer " + token)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher m = Pattern.compile("\"state\"\\s*:\\s*\"([A-Z_]+)\"").matcher(response.body());
            return m.find() ? m.group(1) : response.body();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
