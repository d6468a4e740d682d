package dev.aiops.streaming.websocket;

import dev.aiops.model.event.EventEnvelope;
import dev.aiops.model.event.EventType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/** What this replica serves on {@code /ws}, and an admin's broadcast to every replica's clients. */
@RestController
@RequestMapping("/api/v1/streaming")
@PreAuthorize("hasAnyRole('VIEWER', 'SERVICE')")
@Tag(name = "Streaming", description = "The WebSocket hub at /ws")
class StatsController {

    @JsonNaming(SnakeCaseStrategy.class)
    record ClientView(
            String clientId,
            String user,
            Instant connectedAt,
            boolean authenticated,
            ServerMessage.SubscriptionView subscription,
            int queued,
            long dropped,
            boolean slow) {}

    @JsonNaming(SnakeCaseStrategy.class)
    record SubscriptionEntry(String clientId, ServerMessage.SubscriptionView subscription) {}

    /** An event of any type, sent to every subscriber of that type on every replica. */
    @JsonNaming(SnakeCaseStrategy.class)
    record BroadcastRequest(@NotNull EventType eventType, UUID clusterId, JsonNode payload) {}

    @JsonNaming(SnakeCaseStrategy.class)
    record BroadcastResponse(UUID eventId) {}

    private final Clients clients;

    StatsController(Clients clients) {
        this.clients = clients;
    }

    @GetMapping({"/status", "/stats"})
    @Operation(summary = "Connections, subscriptions, events, drops and recoveries of this replica")
    StreamingStats status() {
        return clients.stats();
    }

    @GetMapping("/clients")
    @Operation(summary = "The sockets open on this replica")
    List<ClientView> clients() {
        return clients.all().stream()
                .sorted(Comparator.comparing(Client::connectedAt))
                .map(client -> new ClientView(
                        client.id(),
                        client.user(),
                        client.connectedAt(),
                        client.isAuthenticated(),
                        client.subscription().view(),
                        client.queued(),
                        client.dropped(),
                        client.slowSinceNanos() != 0))
                .toList();
    }

    @GetMapping("/subscriptions")
    @Operation(summary = "The subscriptions of this replica's sockets (subscribed ones only)")
    List<SubscriptionEntry> subscriptions() {
        return clients.all().stream()
                .filter(client -> client.subscription().isActive())
                .map(client ->
                        new SubscriptionEntry(client.id(), client.subscription().view()))
                .toList();
    }

    @PostMapping("/broadcast")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Send an event to every subscriber of its type on every replica (admin)")
    BroadcastResponse broadcast(@Valid @RequestBody BroadcastRequest request) {
        EventEnvelope<JsonNode> event =
                EventEnvelope.of(request.eventType(), "realtime-streaming", request.clusterId(), request.payload());
        clients.broadcast(event);
        return new BroadcastResponse(event.eventId());
    }
}
