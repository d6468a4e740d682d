package dev.aiops.registry.o2ims;

import dev.aiops.model.error.ErrorCode;
import dev.aiops.model.error.FieldViolation;
import dev.aiops.platform.error.ApiException;
import dev.aiops.platform.outbound.OutboundUrlGuard;
import dev.aiops.registry.config.Requests;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * O2 IMS subscriptions of both API versions: stored, listed, removed (their pending deliveries go with
 * them). Each version sees only the subscriptions created through it.
 */
@Component
class O2ImsSubscriptions {

    private static final RowMapper<O2ImsModels.Subscription> MAPPER = (rs, i) -> new O2ImsModels.Subscription(
            rs.getString("id"),
            rs.getString("callback"),
            rs.getString("consumer_subscription_id"),
            rs.getString("filter"));

    private final JdbcTemplate jdbc;
    private final OutboundUrlGuard urlGuard;

    O2ImsSubscriptions(JdbcTemplate jdbc, OutboundUrlGuard urlGuard) {
        this.jdbc = jdbc;
        this.urlGuard = urlGuard;
    }

    @Transactional
    O2ImsModels.Subscription create(O2ImsVersion version, O2ImsModels.SubscriptionRequest request) {
        if (request == null) {
            throw Requests.invalid("callback", "must not be null");
        }
        List<FieldViolation> violations = new ArrayList<>();
        if (request.callback() == null || request.callback().isBlank()) {
            violations.add(new FieldViolation("callback", "must not be blank"));
        } else if (request.callback().length() > 2048) {
            violations.add(new FieldViolation("callback", "size must be at most 2048"));
        } else {
            violations.addAll(urlGuard.checkForRegistration("callback", request.callback()));
        }
        if (request.consumerSubscriptionId() != null
                && request.consumerSubscriptionId().length() > 256) {
            violations.add(new FieldViolation("consumerSubscriptionId", "size must be at most 256"));
        } else if (version == O2ImsVersion.V2
                && request.consumerSubscriptionId() != null
                && !isUuid(request.consumerSubscriptionId())) {
            // v1 (pti-o2) takes any string; the v2 OpenAPI declares it format: uuid
            violations.add(new FieldViolation("consumerSubscriptionId", "must be a UUID"));
        }
        if (request.filter() != null && request.filter().length() > 1024) {
            violations.add(new FieldViolation("filter", "size must be at most 1024"));
        } else {
            try {
                NotificationFilter.parse(request.filter());
            } catch (IllegalArgumentException e) {
                violations.add(new FieldViolation("filter", e.getMessage()));
            }
        }
        if (!violations.isEmpty()) {
            throw Requests.invalid(violations);
        }
        UUID id = UUID.randomUUID();
        jdbc.update(
                "insert into o2ims_subscription (id, callback, consumer_subscription_id, filter, api_version)"
                        + " values (?, ?, ?, ?, ?)",
                id,
                request.callback().trim(),
                request.consumerSubscriptionId(),
                request.filter(),
                version.number);
        return new O2ImsModels.Subscription(
                id.toString(), request.callback().trim(), request.consumerSubscriptionId(), request.filter());
    }

    @Transactional(readOnly = true)
    List<O2ImsModels.Subscription> list(O2ImsVersion version) {
        return jdbc.query(
                "select id, callback, consumer_subscription_id, filter from o2ims_subscription where api_version = ?"
                        + " order by created_at, id",
                MAPPER,
                version.number);
    }

    @Transactional(readOnly = true)
    O2ImsModels.Subscription get(O2ImsVersion version, UUID id) {
        return find(version, id).orElseThrow(() -> notFound(id));
    }

    Optional<O2ImsModels.Subscription> find(O2ImsVersion version, UUID id) {
        return jdbc
                .query(
                        "select id, callback, consumer_subscription_id, filter from o2ims_subscription"
                                + " where id = ? and api_version = ?",
                        MAPPER,
                        id,
                        version.number)
                .stream()
                .findFirst();
    }

    @Transactional
    void delete(O2ImsVersion version, UUID id) {
        if (jdbc.update("delete from o2ims_subscription where id = ? and api_version = ?", id, version.number) == 0) {
            throw notFound(id);
        }
        if (version == O2ImsVersion.V2
                && jdbc.queryForObject(
                                "select count(*) from o2ims_subscription where api_version = ?",
                                Long.class,
                                version.number)
                        == 0) {
            // states are recorded only while someone subscribes to v2: once nobody does, they go stale, and
            // a later subscriber must not be told a stale state was the one before its first change
            jdbc.update("delete from o2ims_object_state");
        }
    }

    private static boolean isUuid(String value) {
        try {
            UUID.fromString(value);
            return value.length() == 36;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static ApiException notFound(UUID id) {
        return new ApiException(ErrorCode.SUBSCRIPTION_NOT_FOUND, "No subscription with id " + id);
    }
}
