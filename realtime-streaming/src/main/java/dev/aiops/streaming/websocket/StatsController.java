package dev.aiops.streaming.websocket;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/streaming")
@PreAuthorize("hasAnyRole('VIEWER', 'SERVICE')")
@Tag(name = "Streaming", description = "The WebSocket hub at /ws")
class StatsController {

    private final Clients clients;

    StatsController(Clients clients) {
        this.clients = clients;
    }

    @GetMapping("/stats")
    @Operation(summary = "Clients, subscriptions and events forwarded by this replica")
    StreamingStats stats() {
        return clients.stats();
    }
}
