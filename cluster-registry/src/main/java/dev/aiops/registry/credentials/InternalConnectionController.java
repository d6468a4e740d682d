package dev.aiops.registry.credentials;

import dev.aiops.registry.cluster.ClusterNotFoundException;
import java.util.UUID;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * How other platform services reach a cluster. Only the {@code service} identity may call it; no
 * user role implies it, so even an admin's token is refused.
 */
@RestController
@RequestMapping("/internal/v1/clusters")
@PreAuthorize("hasRole('SERVICE')")
class InternalConnectionController {

    private final CredentialsService credentials;

    InternalConnectionController(CredentialsService credentials) {
        this.credentials = credentials;
    }

    @GetMapping("/{id}/connection")
    ResponseEntity<ConnectionView> connection(@PathVariable UUID id) {
        ClusterConnection connection = credentials.connection(id).orElseThrow(() -> ClusterNotFoundException.of(id));
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(ConnectionView.of(connection));
    }
}
