package dev.aiops.intent.intent;

import dev.aiops.model.error.ErrorCode;
import dev.aiops.model.intent.IntentLifecycleStatus;
import dev.aiops.model.intent.StructuredIntent;
import dev.aiops.model.intent.tmf.EntityRef;
import dev.aiops.model.intent.tmf.Intent;
import dev.aiops.model.intent.tmf.IntentExpression;
import dev.aiops.model.intent.tmf.IntentReport;
import dev.aiops.platform.error.ApiException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Maps intents to TMF921 resources and back, for both dialects served: v5 carries the structured intent
 * as a JSON-LD expression object, v4.0.1 (whose {@code Expression.expressionValue} is a string) as that
 * object serialised. On the way in, an expression value that is a JSON object is taken as the structured
 * intent itself; a string that is not JSON is taken as the operator's sentence and parsed.
 */
@Component
class TmfIntents {

    static final String V5 = "/tmf-api/intentManagement/v5";
    static final String V4 = "/tmf-api/intent/v4";
    static final String EXPRESSION_LANGUAGE = "JSON";

    private final JsonMapper json;
    private final Validator validator;
    private final String publicUrl;

    TmfIntents(JsonMapper json, Validator validator, @Value("${aiops.intent.public-url:}") String publicUrl) {
        this.json = json;
        this.validator = validator;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    enum Dialect {
        V5(TmfIntents.V5),
        V4(TmfIntents.V4);

        final String base;

        Dialect(String base) {
            this.base = base;
        }
    }

    Intent toTmf(IntentEntity entity, Dialect dialect) {
        Object value = dialect == Dialect.V5 ? entity.getPayload() : json.writeValueAsString(entity.getPayload());
        IntentExpression expression =
                new IntentExpression(IntentExpression.JSON_LD, value, EXPRESSION_LANGUAGE, null, null, null);
        return new Intent(
                entity.getId().toString(),
                root() + dialect.base + "/intent/" + entity.getId(),
                entity.getName(),
                entity.getDescription(),
                Long.toString(entity.getVersion() == null ? 1 : entity.getVersion() + 1),
                entity.getCreatedAt(),
                entity.getUpdatedAt(),
                entity.getStatusChangedAt(),
                entity.getStatus(),
                null,
                dialect == Dialect.V5 ? Boolean.FALSE : null,
                dialect == Dialect.V5 ? priority(entity) : null,
                null,
                expression,
                null,
                null,
                null,
                Intent.TYPE,
                null,
                null);
    }

    IntentReport toTmf(IntentReportEntity report, IntentEntity intent, Dialect dialect) {
        Object value = dialect == Dialect.V5 ? report.getExpression() : json.writeValueAsString(report.getExpression());
        String intentHref = root() + dialect.base + "/intent/" + intent.getId();
        return new IntentReport(
                report.getId().toString(),
                intentHref + "/intentReport/" + report.getId(),
                report.getStage(),
                report.getDescription(),
                report.getCreatedAt(),
                new IntentExpression(IntentExpression.JSON_LD, value, EXPRESSION_LANGUAGE, null, null, null),
                new EntityRef(intent.getId().toString(), intentHref, intent.getName(), null, null, "Intent"),
                IntentReport.TYPE);
    }

    /**
     * The scheme, host and port the caller used, so hrefs are absolute URIs as TMF921 declares them
     * ({@code format: uri}); outside a request (hub notifications of the pipeline's changes) {@code
     * aiops.intent.public-url}, relative when that is not set.
     */
    private String root() {
        if (RequestContextHolder.getRequestAttributes() == null) {
            return publicUrl;
        }
        return ServletUriComponentsBuilder.fromCurrentContextPath().toUriString();
    }

    /** The resource as JSON, cut down to {@code fields} (plus id, href and @type) when asked. */
    JsonNode select(Object resource, String fields) {
        ObjectNode node = (ObjectNode) json.valueToTree(resource);
        if (fields == null || fields.isBlank()) {
            return node;
        }
        Set<String> keep = Arrays.stream(fields.split(","))
                .map(String::trim)
                .filter(field -> !field.isEmpty())
                .collect(Collectors.toSet());
        keep.addAll(List.of("id", "href", "@type"));
        node.retain(keep);
        return node;
    }

    /** The command a TMF POST asks for: a structured intent from the expression, or its text to parse. */
    IntentService.CreateCommand toCommand(Intent intent, String idempotencyKey, String createdBy) {
        if (intent.expression() == null || intent.expression().expressionValue() == null) {
            throw ApiException.invalidField(
                    ErrorCode.VALIDATION_FAILED,
                    "expression.expressionValue",
                    "must hold the intent: a structured intent object or the sentence stating it");
        }
        Object value = intent.expression().expressionValue();
        if (value instanceof String text) {
            String trimmed = text.trim();
            if (trimmed.startsWith("{")) {
                value = readObject(trimmed);
            } else {
                if (trimmed.isEmpty() || trimmed.length() > 2000) {
                    throw ApiException.invalidField(
                            ErrorCode.VALIDATION_FAILED, "expression.expressionValue", "must be 1 to 2000 characters");
                }
                return new IntentService.CreateCommand(
                        trimmed, null, intent.name(), intent.description(), idempotencyKey, createdBy);
            }
        }
        if (!(value instanceof Map<?, ?>)) {
            throw ApiException.invalidField(
                    ErrorCode.VALIDATION_FAILED,
                    "expression.expressionValue",
                    "must be a structured intent object or a sentence");
        }
        StructuredIntent structured;
        try {
            structured = json.convertValue(value, StructuredIntent.class);
        } catch (JacksonException invalid) {
            throw ApiException.invalidField(
                    ErrorCode.VALIDATION_FAILED,
                    "expression.expressionValue",
                    "is not a structured intent (intent_type, service_type, target_sites, ...)");
        }
        Set<ConstraintViolation<StructuredIntent>> violations = validator.validate(structured);
        if (structured.intentType() == null || !violations.isEmpty()) {
            String message = violations.isEmpty()
                    ? "intent_type: must not be null"
                    : violations.iterator().next().getPropertyPath() + ": "
                            + violations.iterator().next().getMessage();
            throw ApiException.invalidField(ErrorCode.VALIDATION_FAILED, "expression.expressionValue", message);
        }
        return new IntentService.CreateCommand(
                null, structured, intent.name(), intent.description(), idempotencyKey, createdBy);
    }

    private Object readObject(String text) {
        try {
            return json.readValue(text, Map.class);
        } catch (JacksonException invalid) {
            throw ApiException.invalidField(
                    ErrorCode.VALIDATION_FAILED, "expression.expressionValue", "is not valid JSON");
        }
    }

    /** PATCH may rename, and may cancel through {@code lifecycleStatus}; nothing else is the client's to set. */
    static IntentLifecycleStatus requestedStatus(Intent patch) {
        IntentLifecycleStatus status = patch.lifecycleStatus();
        if (status != null && status != IntentLifecycleStatus.CANCELLED) {
            throw ApiException.invalidField(
                    ErrorCode.VALIDATION_FAILED, "lifecycleStatus", "only 'cancelled' may be set by a client");
        }
        return status;
    }

    static UUID id(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException notAUuid) {
            throw new ApiException(ErrorCode.INTENT_NOT_FOUND, "No intent with id " + id);
        }
    }

    private static String priority(IntentEntity entity) {
        Object priority = entity.getPayload().get("priority");
        return priority == null ? null : priority.toString();
    }
}
