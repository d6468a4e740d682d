package dev.aiops.registry.health;

import dev.aiops.model.paging.PageQuery;
import dev.aiops.model.paging.PagedResponse;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/clusters/{id}")
@PreAuthorize("hasAnyRole('VIEWER', 'SERVICE')")
class HealthController {

    private final HealthService health;

    HealthController(HealthService health) {
        this.health = health;
    }

    @GetMapping("/status")
    HealthView status(@PathVariable UUID id) {
        return health.status(id);
    }

    @GetMapping("/status/history")
    PagedResponse<HealthCheckView> history(@PathVariable UUID id, PageQuery paging) {
        return health.history(id, paging);
    }

    @PostMapping("/refresh")
    @PreAuthorize("hasRole('OPERATOR')")
    HealthView refresh(@PathVariable UUID id) {
        return health.refresh(id);
    }
}
