package dev.aiops.registry.fleet;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/fleet")
@PreAuthorize("hasAnyRole('VIEWER', 'SERVICE')")
class FleetController {

    private final FleetQueries fleet;

    FleetController(FleetQueries fleet) {
        this.fleet = fleet;
    }

    @GetMapping("/summary")
    FleetSummary summary() {
        return fleet.summary();
    }

    @GetMapping("/health")
    FleetHealth health(@RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
        return fleet.health(limit);
    }

    @GetMapping("/capabilities")
    FleetCapabilities capabilities() {
        return fleet.capabilities();
    }
}
