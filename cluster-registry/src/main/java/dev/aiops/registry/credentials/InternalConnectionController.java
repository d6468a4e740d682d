package dev.aiops.registry.credentials;

import dev.aiops.model.error.ErrorCode;
import dev.aiops.platform.error.ApiException;
import dev.aiops.platform.security.ServiceIdentity;
import dev.aiops.registry.cluster.ClusterNotFoundException;
import dev.aiops.registry.config.RegistryProperties;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * How other platform services reach a cluster. Only the {@code service} identity may call it (no user
 * role implies it, so even an admin's token is refused), and of the services only those named in {@code
 * aiops.registry.internal-api.connection-readers}: the ones that talk to clusters themselves. Every
 * request is audited, granted or not.
 */
@RestController
@RequestMapping("/internal/v1/clusters")
@PreAuthorize("hasRole('SERVICE')")
class InternalConnectionController {

    private final CredentialsService credentials;
    private final ConnectionReadAudit audit;
    private final Set<String> readers;

    InternalConnectionController(
            CredentialsService credentials, ConnectionReadAudit audit, RegistryProperties properties) {
        this.credentials = credentials;
        this.audit = audit;
        this.readers = Set.copyOf(properties.internalApi().connectionReaders());
    }

    @GetMapping("/{id}/connection")
    ResponseEntity<ConnectionView> connection(@PathVariable UUID id, Authentication caller) {
        Optional<String> service = ServiceIdentity.callingService(caller);
        if (service.isEmpty() || !readers.contains(service.get())) {
            audit.record(service.orElse(null), id, ConnectionReadAudit.Outcome.DENIED);
            throw new ApiException(ErrorCode.FORBIDDEN, "This service may not read the connection details of clusters");
        }
        Optional<ClusterConnection> connection = credentials.connection(id);
        if (connection.isEmpty()) {
            audit.record(service.get(), id, ConnectionReadAudit.Outcome.NOT_FOUND);
            throw ClusterNotFoundException.of(id);
        }
        audit.record(service.get(), id, ConnectionReadAudit.Outcome.GRANTED);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(ConnectionView.of(connection.get()));
    }
}
