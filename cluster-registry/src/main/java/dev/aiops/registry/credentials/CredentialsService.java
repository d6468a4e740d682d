package dev.aiops.registry.credentials;

import dev.aiops.model.cluster.ClusterCreateRequest;
import dev.aiops.model.cluster.ClusterEndpoints;
import dev.aiops.model.cluster.ClusterView;
import dev.aiops.model.cluster.CredentialsExpiringEvent;
import dev.aiops.model.cluster.CredentialsRequest;
import dev.aiops.model.error.ErrorCode;
import dev.aiops.model.event.EventType;
import dev.aiops.platform.error.ApiException;
import dev.aiops.platform.error.RequestValidation;
import dev.aiops.platform.outbound.OutboundUrlGuard;
import dev.aiops.registry.cluster.ClusterEvents;
import dev.aiops.registry.cluster.ClusterService;
import dev.aiops.registry.cluster.RegistrationStep;
import dev.aiops.registry.config.RegistryProperties;
import dev.aiops.registry.config.Requests;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import jakarta.validation.Validator;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;
import tools.jackson.databind.json.JsonMapper;

/**
 * Cluster credentials: sealed with AES-256-GCM before they touch the database, opened only in memory
 * for the calls that need them, never returned to users and never logged.
 */
@Service
public class CredentialsService implements RegistrationStep {

    private static final Logger log = LoggerFactory.getLogger(CredentialsService.class);

    private final CredentialsStore store;
    private final CredentialCipher cipher;
    private final ClusterService clusters;
    private final ClusterEvents events;
    private final KubernetesClients kubernetes;
    private final RequestValidation validation;
    private final JsonMapper json;
    private final Clock clock;
    private final RegistryProperties properties;

    CredentialsService(
            CredentialsStore store,
            CredentialCipher cipher,
            ClusterService clusters,
            ClusterEvents events,
            KubernetesClients kubernetes,
            Validator validator,
            JsonMapper json,
            Clock clock,
            RegistryProperties properties) {
        this.store = store;
        this.cipher = cipher;
        this.clusters = clusters;
        this.events = events;
        this.kubernetes = kubernetes;
        this.validation = new RequestValidation(validator);
        this.json = json;
        this.clock = clock;
        this.properties = properties;
    }

    /** The secrets as sealed: one JSON document per cluster. */
    @JsonNaming(SnakeCaseStrategy.class)
    record Secrets(String kubeconfig, String token, String prometheusToken) {
        @Override
        public String toString() {
            return "Secrets[<redacted>]";
        }
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void afterCreate(UUID clusterId, ClusterCreateRequest request) {
        if (request.credentials() != null) {
            write(clusterId, request.credentials(), "credentials.");
        }
    }

    @Transactional
    public CredentialsView put(UUID clusterId, CredentialsRequest request) {
        if (request == null) {
            throw Requests.invalid("auth_type", "must not be null");
        }
        validation.check(request);
        clusters.lock(clusterId);
        write(clusterId, request, "");
        credentialsChanged(clusterId);
        return view(clusterId);
    }

    @Transactional(readOnly = true)
    public CredentialsView get(UUID clusterId) {
        clusters.get(clusterId);
        return view(clusterId);
    }

    @Transactional
    public void delete(UUID clusterId) {
        clusters.lock(clusterId);
        if (!store.delete(clusterId)) {
            throw notFound(clusterId);
        }
        kubernetes.evict(clusterId);
        credentialsChanged(clusterId);
    }

    /**
     * With new credentials, replaces the stored ones (which must exist); without, re-seals the stored
     * ones under the active key, which is how a key rotation reaches existing secrets at once.
     */
    @Transactional
    public CredentialsView rotate(UUID clusterId, CredentialsRequest replacement) {
        clusters.lock(clusterId);
        CredentialsStore.Row row = store.find(clusterId).orElseThrow(() -> notFound(clusterId));
        if (replacement != null) {
            validation.check(replacement);
            write(clusterId, replacement, "");
        } else {
            reseal(row);
        }
        credentialsChanged(clusterId);
        return view(clusterId);
    }

    /**
     * Authenticates against the API server with the stored credentials: a SelfSubjectReview (Kubernetes
     * 1.28+) says who we are; older servers get a SelfSubjectAccessReview, which every authenticated
     * identity may create. 401/403 mean the credentials are not accepted.
     */
    public ValidationResult validateAgainstApiServer(UUID clusterId) {
        ClusterConnection connection = connection(clusterId).orElseThrow(() -> notFound(clusterId));
        if (!connection.hasCredentials()) {
            throw notFound(clusterId);
        }
        KubernetesClient client;
        try {
            client = kubernetes.client(connection);
        } catch (OutboundUrlGuard.BlockedUrlException e) {
            throw new ApiException(ErrorCode.CLUSTER_UNREACHABLE, e.getMessage());
        }
        HttpClient http = client.getHttpClient();
        String base = connection.apiServerUrl();
        HttpResponse<String> review = post(
                http,
                base + "/apis/authentication.k8s.io/v1/selfsubjectreviews",
                "{\"apiVersion\":\"authentication.k8s.io/v1\",\"kind\":\"SelfSubjectReview\"}");
        String method = "SelfSubjectReview";
        if (review.code() == 404) {
            method = "SelfSubjectAccessReview";
            review = post(
                    http,
                    base + "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews",
                    "{\"apiVersion\":\"authorization.k8s.io/v1\",\"kind\":\"SelfSubjectAccessReview\","
                            + "\"spec\":{\"resourceAttributes\":{\"verb\":\"list\",\"resource\":\"namespaces\"}}}");
        }
        if (review.code() == 401 || review.code() == 403) {
            throw new ApiException(
                    ErrorCode.CREDENTIALS_INVALID,
                    "The API server rejected the stored credentials (HTTP " + review.code() + ")");
        }
        if (!review.isSuccessful()) {
            throw new ApiException(
                    ErrorCode.CLUSTER_UNREACHABLE,
                    "The API server answered HTTP " + review.code() + " to the credentials check");
        }
        String username = null;
        List<String> groups = List.of();
        if (method.equals("SelfSubjectReview")) {
            try {
                JsonNode user = json.readTree(review.body()).path("status").path("userInfo");
                username = user.path("username").isMissingNode()
                        ? null
                        : user.path("username").asString();
                List<String> found = new ArrayList<>();
                user.path("groups").forEach(g -> found.add(g.asString()));
                groups = found;
            } catch (RuntimeException e) {
                log.debug("SelfSubjectReview of cluster {} had an unexpected body", clusterId);
            }
        }
        Instant now = clock.instant();
        store.markValidated(clusterId, now);
        return new ValidationResult(clusterId, true, username, groups, method, now);
    }

    private HttpResponse<String> post(HttpClient http, String url, String body) {
        HttpRequest request = http.newHttpRequestBuilder()
                .uri(url)
                .post("application/json", body)
                .timeout(properties.discovery().requestTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .build();
        try {
            return http.sendAsync(request, String.class)
                    .get(properties.discovery().requestTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new ApiException(ErrorCode.CLUSTER_UNREACHABLE, "The API server could not be reached");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(ErrorCode.CLUSTER_UNREACHABLE, "Interrupted while reaching the API server");
        }
    }

    /** Decrypted connection details of a cluster, for the registry's own calls and the internal endpoint. */
    @Transactional(readOnly = true)
    public Optional<ClusterConnection> connection(UUID clusterId) {
        Optional<ClusterView> cluster = clusters.find(clusterId);
        if (cluster.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(connection(cluster.get(), store.find(clusterId).orElse(null)));
    }

    /**
     * For callers that already hold the cluster's addresses (the health checker, discovery): one query,
     * for the secrets.
     */
    public ClusterConnection connection(UUID id, String name, String apiServerUrl, ClusterEndpoints endpoints) {
        return connection(id, name, apiServerUrl, endpoints, store.find(id).orElse(null));
    }

    private ClusterConnection connection(ClusterView cluster, CredentialsStore.Row row) {
        return connection(cluster.id(), cluster.name(), cluster.apiServerUrl(), cluster.endpoints(), row);
    }

    private ClusterConnection connection(
            UUID id, String name, String apiServerUrl, ClusterEndpoints endpoints, CredentialsStore.Row row) {
        if (row == null) {
            return new ClusterConnection(id, name, apiServerUrl, null, null, null, null, endpoints, null, "none");
        }
        Secrets secrets = open(row);
        return new ClusterConnection(
                id,
                name,
                apiServerUrl,
                row.authType(),
                secrets.kubeconfig(),
                secrets.token(),
                secrets.prometheusToken(),
                endpoints,
                row.expiresAt(),
                HexFormat.of().formatHex(row.sealed().nonce()));
    }

    /** Warns once about credentials that expire within the warning window (or already did). */
    @Transactional
    public int warnAboutExpiringCredentials(int limit) {
        Instant now = clock.instant();
        List<CredentialsStore.Row> rows =
                store.claimExpiring(properties.credentials().expiryWarning(), now, limit);
        for (CredentialsStore.Row row : rows) {
            Optional<ClusterView> cluster = clusters.find(row.clusterId());
            store.markWarned(row.clusterId(), now);
            if (cluster.isEmpty()) {
                continue;
            }
            ClusterView view = cluster.get();
            events.credentialsExpiring(new CredentialsExpiringEvent(
                    view.id(), view.name(), row.expiresAt(), !row.expiresAt().isAfter(now)));
        }
        return rows.size();
    }

    /** Re-seals under the active key whatever was sealed under another one. */
    @Transactional
    public int resealUnderActiveKey(int limit) {
        List<CredentialsStore.Row> rows = store.claimNotUnder(cipher.activeKeyId(), limit);
        rows.forEach(this::reseal);
        return rows.size();
    }

    private void reseal(CredentialsStore.Row row) {
        if (row.sealed().keyId().equals(cipher.activeKeyId())) {
            return;
        }
        byte[] plaintext = cipher.open(row.clusterId(), row.sealed());
        try {
            store.reseal(row.clusterId(), cipher.seal(row.clusterId(), plaintext), clock.instant());
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    private void write(UUID clusterId, CredentialsRequest request, String fieldPrefix) {
        if (request.kubeconfig() != null && !request.kubeconfig().isBlank()) {
            try {
                Kubeconfigs.parse(request.kubeconfig());
            } catch (Kubeconfigs.InvalidKubeconfigException e) {
                throw ApiException.invalidField(
                        ErrorCode.CREDENTIALS_INVALID, fieldPrefix + "kubeconfig", e.getMessage());
            }
        }
        Secrets secrets = new Secrets(
                blankToNull(request.kubeconfig()),
                blankToNull(request.token()),
                blankToNull(request.prometheusToken()));
        byte[] plaintext = json.writeValueAsString(secrets).getBytes(StandardCharsets.UTF_8);
        try {
            store.upsert(
                    clusterId,
                    request.authType(),
                    cipher.seal(clusterId, plaintext),
                    request.expiresAt(),
                    clock.instant());
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
        kubernetes.evict(clusterId);
    }

    private Secrets open(CredentialsStore.Row row) {
        byte[] plaintext = cipher.open(row.clusterId(), row.sealed());
        try {
            return json.readValue(plaintext, Secrets.class);
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    private void credentialsChanged(UUID clusterId) {
        events.changed(EventType.CLUSTER_CREDENTIALS_UPDATED, clusters.current(clusterId));
    }

    private CredentialsView view(UUID clusterId) {
        CredentialsStore.Row row = store.find(clusterId).orElseThrow(() -> notFound(clusterId));
        Instant now = clock.instant();
        boolean expiring = row.expiresAt() != null
                && !row.expiresAt().isAfter(now.plus(properties.credentials().expiryWarning()));
        return new CredentialsView(
                clusterId,
                row.authType(),
                row.sealed().keyId(),
                row.expiresAt(),
                expiring,
                row.validatedAt(),
                row.createdAt(),
                row.updatedAt());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static ApiException notFound(UUID clusterId) {
        return new ApiException(ErrorCode.CREDENTIALS_NOT_FOUND, "Cluster " + clusterId + " has no stored credentials");
    }
}
