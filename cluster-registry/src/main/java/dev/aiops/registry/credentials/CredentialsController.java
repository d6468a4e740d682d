package dev.aiops.registry.credentials;

import dev.aiops.model.cluster.CredentialsRequest;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Write-only credentials: answers describe them (type, key id, expiry) but never contain them. */
@RestController
@RequestMapping("/api/v1/clusters/{id}/credentials")
@PreAuthorize("hasRole('OPERATOR')")
class CredentialsController {

    private final CredentialsService credentials;

    CredentialsController(CredentialsService credentials) {
        this.credentials = credentials;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    CredentialsView put(@PathVariable UUID id, @RequestBody CredentialsRequest request) {
        return credentials.put(id, request);
    }

    @GetMapping
    @PreAuthorize("hasRole('VIEWER')")
    CredentialsView get(@PathVariable UUID id) {
        return credentials.get(id);
    }

    @DeleteMapping
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable UUID id) {
        credentials.delete(id);
    }

    @PostMapping("/rotate")
    CredentialsView rotate(@PathVariable UUID id, @RequestBody(required = false) CredentialsRequest replacement) {
        return credentials.rotate(id, replacement);
    }

    @PostMapping("/validate")
    ValidationResult validate(@PathVariable UUID id) {
        return credentials.validateAgainstApiServer(id);
    }
}
