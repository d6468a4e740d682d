package dev.aiops.platform;

import dev.aiops.model.cluster.ClusterCreateRequest;
import dev.aiops.model.cluster.ClusterType;
import dev.aiops.model.error.ErrorCode;
import dev.aiops.model.event.EventEnvelope;
import dev.aiops.model.event.EventType;
import dev.aiops.model.observability.AlertmanagerWebhook;
import dev.aiops.model.paging.PageQuery;
import dev.aiops.model.paging.PagedResponse;
import dev.aiops.platform.error.ApiException;
import dev.aiops.platform.outbox.Outbox;
import jakarta.validation.Valid;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** A minimal service built on platform-commons, the way every real service is. */
@SpringBootApplication
class TestApplication {

    @RestController
    static class WidgetController {

        private final WidgetService widgets;

        WidgetController(WidgetService widgets) {
            this.widgets = widgets;
        }

        @PostMapping("/api/v1/clusters-echo")
        @ResponseStatus(HttpStatus.CREATED)
        ClusterCreateRequest echo(@Valid @RequestBody ClusterCreateRequest request) {
            return request;
        }

        @PostMapping("/api/v1/alertmanager-echo")
        AlertmanagerWebhook alertmanagerEcho(@Valid @RequestBody AlertmanagerWebhook webhook) {
            return webhook;
        }

        @PostMapping("/api/v1/widgets/{name}")
        @PreAuthorize("hasRole('OPERATOR')")
        @ResponseStatus(HttpStatus.CREATED)
        Map<String, Object> create(@PathVariable String name) {
            return Map.of("id", widgets.create(name, false));
        }

        @PostMapping("/api/v1/widgets/{name}/fail-after-write")
        @PreAuthorize("hasRole('OPERATOR')")
        Map<String, Object> createThenFail(@PathVariable String name) {
            return Map.of("id", widgets.create(name, true));
        }

        @GetMapping("/api/v1/widgets")
        PagedResponse<String> list(
                PageQuery paging, @RequestParam(name = "cluster_type", required = false) ClusterType type) {
            return PagedResponse.of(java.util.List.of("w"), 1, paging);
        }

        @GetMapping("/api/v1/widgets/missing")
        Object missing() {
            throw new ApiException(ErrorCode.NOT_FOUND, "Widget not found");
        }

        @GetMapping("/api/v1/widgets/database-away")
        Object databaseAway() {
            // what DataSourceUtils throws when Hikari's bounded wait for a connection runs out
            throw new org.springframework.jdbc.CannotGetJdbcConnectionException(
                    "Failed to obtain JDBC Connection to jdbc:postgresql://db-secret-host:5432/aiops",
                    new java.sql.SQLTransientConnectionException(
                            "HikariPool-1 - Connection is not available, request timed out after 3000ms"));
        }

        @GetMapping("/api/v1/widgets/connection-lost")
        Object connectionLost() {
            // a query that lost its connection, then a rollback on the connection Hikari had closed
            throw new org.springframework.transaction.TransactionSystemException(
                    "Unable to rollback against JDBC Connection", new java.sql.SQLException("Connection is closed"));
        }

        @GetMapping("/api/v1/widgets/boom")
        Object boom() {
            throw new IllegalStateException("secret internal detail: password=hunter2");
        }

        @GetMapping("/internal/v1/ping")
        @PreAuthorize("hasRole('SERVICE')")
        Map<String, String> internal() {
            return Map.of("pong", "yes");
        }
    }

    @Service
    static class WidgetService {

        private final JdbcTemplate jdbc;
        private final Outbox outbox;

        WidgetService(JdbcTemplate jdbc, Outbox outbox) {
            this.jdbc = jdbc;
            this.outbox = outbox;
        }

        @Transactional
        UUID create(String name, boolean failAfterWrite) {
            UUID id = UUID.randomUUID();
            jdbc.update("insert into widget (id, name) values (?, ?)", id, name);
            outbox.add(EventEnvelope.of(EventType.CLUSTER_REGISTERED, "test", id, Map.of("name", name)));
            if (failAfterWrite) {
                throw new IllegalStateException("failure after the write");
            }
            return id;
        }
    }
}
