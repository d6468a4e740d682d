package dev.aiops.registry.cluster;

import dev.aiops.model.cluster.ClusterCreateRequest;
import dev.aiops.model.cluster.ClusterEndpoints;
import dev.aiops.model.cluster.ClusterNames;
import dev.aiops.model.cluster.ClusterUpdateRequest;
import dev.aiops.model.cluster.ClusterView;
import dev.aiops.model.error.ErrorCode;
import dev.aiops.model.error.FieldViolation;
import dev.aiops.model.event.EventType;
import dev.aiops.model.paging.PageQuery;
import dev.aiops.model.paging.PagedResponse;
import dev.aiops.platform.error.ApiException;
import dev.aiops.platform.error.RequestValidation;
import dev.aiops.platform.outbound.OutboundUrlGuard;
import dev.aiops.registry.config.Requests;
import jakarta.persistence.EntityManager;
import jakarta.validation.Validator;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The clusters themselves: registration, lookup, list, optimistic update, deletion. */
@Service
public class ClusterService {

    private static final Pattern NAME = Pattern.compile(ClusterNames.PATTERN);

    private final ClusterRepository repository;
    private final ClusterSearch search;
    private final ClusterEvents events;
    private final OutboundUrlGuard urlGuard;
    private final RequestValidation validation;
    private final EntityManager entityManager;
    private final Clock clock;

    ClusterService(
            ClusterRepository repository,
            ClusterSearch search,
            ClusterEvents events,
            OutboundUrlGuard urlGuard,
            Validator validator,
            EntityManager entityManager,
            Clock clock) {
        this.repository = repository;
        this.search = search;
        this.events = events;
        this.urlGuard = urlGuard;
        this.validation = new RequestValidation(validator);
        this.entityManager = entityManager;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public ClusterView get(UUID id) {
        return ClusterMapper.toView(load(id));
    }

    @Transactional(readOnly = true)
    public Optional<ClusterView> find(UUID id) {
        return repository.findById(id).map(ClusterMapper::toView);
    }

    @Transactional(readOnly = true)
    public ClusterView getByName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw ApiException.invalidField(ErrorCode.INVALID_CLUSTER_NAME, "name", ClusterNames.MESSAGE);
        }
        return repository
                .findByName(name)
                .map(ClusterMapper::toView)
                .orElseThrow(() -> ClusterNotFoundException.named(name));
    }

    @Transactional(readOnly = true)
    public PagedResponse<ClusterView> list(ClusterFilter filter, PageQuery page) {
        ClusterSearch.Page result = search.search(filter, page);
        return PagedResponse.of(
                result.items().stream().map(ClusterMapper::toView).toList(), result.total(), page);
    }

    /** Throws CLUSTER_NOT_FOUND unless the cluster exists; locks its row until the transaction ends. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void lock(UUID id) {
        ClusterEntity entity =
                entityManager.find(ClusterEntity.class, id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (entity == null) {
            throw ClusterNotFoundException.of(id);
        }
    }

    /**
     * The cluster as stored right now, re-read so that columns other features just wrote in this
     * transaction (status, capabilities, credentials summary) are included; for event payloads.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public ClusterView current(UUID id) {
        ClusterEntity entity = load(id);
        entityManager.flush();
        entityManager.refresh(entity);
        return ClusterMapper.toView(entity);
    }

    @Transactional
    ClusterView create(ClusterCreateRequest request) {
        validateCreate(request);
        if (repository.existsByName(request.name())) {
            throw alreadyExists(request.name());
        }
        ClusterEntity entity = new ClusterEntity(UUID.randomUUID(), request.name(), clock.instant());
        apply(
                entity,
                request.displayName(),
                request.apiServerUrl(),
                request.clusterType(),
                request.platform(),
                request.platformVersion(),
                request.region(),
                request.environment(),
                request.endpoints(),
                request.labels());
        try {
            repository.saveAndFlush(entity);
        } catch (DataIntegrityViolationException e) {
            // a concurrent registration of the same name won the race; the unique constraint decided
            throw alreadyExists(request.name());
        }
        entityManager.refresh(entity);
        return ClusterMapper.toView(entity);
    }

    /** Emits CLUSTER_REGISTERED once the registration (credentials included) is complete. */
    @Transactional(propagation = Propagation.MANDATORY)
    void registered(UUID id) {
        events.changed(EventType.CLUSTER_REGISTERED, current(id));
    }

    /**
     * Replaces the editable fields if {@code expectedVersion} is still the stored version. The row is
     * updated with {@code where version = ?}, so two updates racing from the same version cannot both
     * succeed: one of them gets 412.
     */
    @Transactional
    ClusterView update(UUID id, ClusterUpdateRequest request, Long expectedVersion) {
        validate(request, false);
        List<FieldViolation> urlViolations = checkUrls(request.apiServerUrl(), request.endpoints());
        if (!urlViolations.isEmpty()) {
            throw Requests.invalid(urlViolations);
        }
        if (expectedVersion == null) {
            throw new ApiException(
                    ErrorCode.PRECONDITION_REQUIRED,
                    "Send If-Match with the cluster's ETag or the version field, so that no update is lost");
        }
        ClusterEntity entity = load(id);
        if (entity.version() != expectedVersion) {
            throw versionMismatch(entity.version());
        }
        apply(
                entity,
                request.displayName(),
                request.apiServerUrl(),
                request.clusterType(),
                request.platform(),
                request.platformVersion(),
                request.region(),
                request.environment(),
                request.endpoints(),
                request.labels());
        entity.touch(clock.instant());
        try {
            repository.saveAndFlush(entity);
        } catch (ObjectOptimisticLockingFailureException e) {
            throw versionMismatch(null);
        }
        ClusterView view = ClusterMapper.toView(entity);
        events.changed(EventType.CLUSTER_UPDATED, view);
        return view;
    }

    @Transactional
    void delete(UUID id, Long expectedVersion) {
        ClusterEntity entity = load(id);
        if (expectedVersion != null && entity.version() != expectedVersion) {
            throw versionMismatch(entity.version());
        }
        ClusterView view = ClusterMapper.toView(entity);
        repository.delete(entity);
        try {
            repository.flush();
        } catch (ObjectOptimisticLockingFailureException e) {
            throw versionMismatch(null);
        }
        events.changed(EventType.CLUSTER_DELETED, view);
    }

    private ClusterEntity load(UUID id) {
        return repository.findById(id).orElseThrow(() -> ClusterNotFoundException.of(id));
    }

    private void validateCreate(ClusterCreateRequest request) {
        validate(request, true);
        List<FieldViolation> violations = checkUrls(request.apiServerUrl(), request.endpoints());
        if (!violations.isEmpty()) {
            throw Requests.invalid(violations);
        }
    }

    /** Bean Validation with field names as sent; a bad name answers INVALID_CLUSTER_NAME (CONTRACTS.md). */
    private void validate(Object request, boolean hasName) {
        validation.check(request, hasName ? Map.of("name", ErrorCode.INVALID_CLUSTER_NAME) : Map.of());
    }

    private List<FieldViolation> checkUrls(String apiServerUrl, ClusterEndpoints endpoints) {
        Map<String, String> urls = new LinkedHashMap<>();
        urls.put("api_server_url", apiServerUrl);
        if (endpoints != null) {
            urls.put("endpoints.prometheus_url", endpoints.prometheusUrl());
            urls.put("endpoints.tempo_url", endpoints.tempoUrl());
            urls.put("endpoints.loki_url", endpoints.lokiUrl());
            urls.put("endpoints.alertmanager_url", endpoints.alertmanagerUrl());
        }
        return urlGuard.checkAll(urls);
    }

    private static void apply(
            ClusterEntity entity,
            String displayName,
            String apiServerUrl,
            dev.aiops.model.cluster.ClusterType clusterType,
            dev.aiops.model.cluster.Platform platform,
            String platformVersion,
            String region,
            dev.aiops.model.cluster.Environment environment,
            ClusterEndpoints endpoints,
            Map<String, String> labels) {
        ClusterEndpoints e = endpoints == null ? ClusterEndpoints.none() : endpoints;
        entity.describe(
                displayName,
                trimTrailingSlash(apiServerUrl),
                clusterType,
                platform,
                platformVersion,
                region,
                environment,
                new ClusterEndpoints(
                        trimTrailingSlash(e.prometheusUrl()),
                        trimTrailingSlash(e.tempoUrl()),
                        trimTrailingSlash(e.lokiUrl()),
                        trimTrailingSlash(e.alertmanagerUrl())),
                labels == null ? Map.of() : labels);
    }

    private static String trimTrailingSlash(String url) {
        if (url == null) {
            return null;
        }
        String trimmed = url.trim();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed;
    }

    private static ApiException alreadyExists(String name) {
        return new ApiException(
                ErrorCode.CLUSTER_ALREADY_EXISTS,
                "A cluster named " + name + " already exists",
                List.of(new FieldViolation("name", "already taken")));
    }

    private static ApiException versionMismatch(Long currentVersion) {
        Map<String, Object> properties = currentVersion == null ? Map.of() : Map.of("current_version", currentVersion);
        return new ApiException(
                ErrorCode.PRECONDITION_FAILED,
                "The cluster was changed by someone else; fetch it again and retry",
                List.of(),
                properties);
    }
}
