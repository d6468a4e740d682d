package dev.aiops.intent.intent;

import dev.aiops.intent.intent.TmfIntents.Dialect;
import dev.aiops.model.error.ErrorCode;
import dev.aiops.model.intent.IntentLifecycleStatus;
import dev.aiops.model.intent.tmf.Intent;
import dev.aiops.platform.error.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * TMF921 Intent Management over the same intents as {@code /api/v1/intents}: v5 (ours) and v4.0.1 (for
 * tools built on the TMF921 reference implementation). Both dialects share every handler; only the
 * mapping differs.
 */
@RestController
@Validated
@PreAuthorize("hasAnyRole('VIEWER', 'SERVICE')")
@Tag(name = "TMF921 Intent Management", description = "TMF921 v5 and v4.0.1 views of the intents")
class TmfIntentController {

    private final IntentService intents;
    private final TmfIntents tmf;

    TmfIntentController(IntentService intents, TmfIntents tmf) {
        this.intents = intents;
        this.tmf = tmf;
    }

    @GetMapping({TmfIntents.V5 + "/intent", TmfIntents.V4 + "/intent"})
    @Operation(summary = "List intents (fields, offset, limit; X-Total-Count and X-Result-Count)")
    ResponseEntity<List<JsonNode>> list(
            @RequestParam(required = false) String fields,
            @RequestParam(defaultValue = "0") @Min(0) int offset,
            @RequestParam(defaultValue = "20") @Min(1) @Max(1000) int limit,
            jakarta.servlet.http.HttpServletRequest request) {
        Dialect dialect = dialect(request);
        List<JsonNode> items = intents.slice(offset, limit).stream()
                .map(entity -> tmf.select(tmf.toTmf(entity, dialect), fields))
                .toList();
        return ResponseEntity.ok()
                .header("X-Total-Count", Long.toString(intents.count()))
                .header("X-Result-Count", Integer.toString(items.size()))
                .body(items);
    }

    @PostMapping({TmfIntents.V5 + "/intent", TmfIntents.V4 + "/intent"})
    @PreAuthorize("hasAnyRole('OPERATOR', 'SERVICE')")
    @Operation(summary = "Create an intent from a structured expression value or a sentence")
    ResponseEntity<Intent> create(
            @Valid @RequestBody Intent intent,
            @RequestHeader(name = IntentController.IDEMPOTENCY_KEY, required = false) String idempotencyKey,
            Principal user,
            jakarta.servlet.http.HttpServletRequest request) {
        Dialect dialect = dialect(request);
        if (!Intent.TYPE.equals(intent.type())) {
            throw ApiException.invalidField(ErrorCode.VALIDATION_FAILED, "@type", "must be 'Intent'");
        }
        IntentEntity created = intents.create(tmf.toCommand(intent, idempotencyKey, user.getName()));
        Intent body = tmf.toTmf(created, dialect);
        return ResponseEntity.created(URI.create(body.href())).body(body);
    }

    @GetMapping({TmfIntents.V5 + "/intent/{id}", TmfIntents.V4 + "/intent/{id}"})
    @Operation(summary = "One intent")
    JsonNode get(
            @PathVariable String id,
            @RequestParam(required = false) String fields,
            jakarta.servlet.http.HttpServletRequest request) {
        return tmf.select(tmf.toTmf(intents.entity(TmfIntents.id(id)), dialect(request)), fields);
    }

    @PatchMapping(
            value = {TmfIntents.V5 + "/intent/{id}", TmfIntents.V4 + "/intent/{id}"},
            consumes = {"application/json", "application/merge-patch+json"})
    @PreAuthorize("hasAnyRole('OPERATOR', 'SERVICE')")
    @Operation(summary = "Rename an intent, or cancel it with lifecycleStatus 'cancelled'")
    Intent patch(
            @PathVariable String id,
            @RequestBody Intent patch,
            Principal user,
            jakarta.servlet.http.HttpServletRequest request) {
        UUID intentId = TmfIntents.id(id);
        IntentLifecycleStatus status = TmfIntents.requestedStatus(patch);
        if (patch.expression() != null) {
            throw ApiException.invalidField(
                    ErrorCode.VALIDATION_FAILED, "expression", "cannot change; cancel and state a new intent");
        }
        IntentEntity entity = intents.rename(intentId, patch.name(), patch.description());
        if (status == IntentLifecycleStatus.CANCELLED) {
            entity = intents.cancel(intentId, "cancelled by " + user.getName());
        }
        return tmf.toTmf(entity, dialect(request));
    }

    @DeleteMapping({TmfIntents.V5 + "/intent/{id}", TmfIntents.V4 + "/intent/{id}"})
    @PreAuthorize("hasAnyRole('OPERATOR', 'SERVICE')")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Cancel an intent (it stays readable as 'cancelled')")
    void delete(@PathVariable String id, Principal user) {
        intents.delete(TmfIntents.id(id), "deleted by " + user.getName());
    }

    @GetMapping({TmfIntents.V5 + "/intent/{intentId}/intentReport", TmfIntents.V4 + "/intent/{intentId}/intentReport"})
    @Operation(summary = "The intent's reports, one per stage it reached")
    ResponseEntity<List<JsonNode>> reports(
            @PathVariable String intentId,
            @RequestParam(required = false) String fields,
            jakarta.servlet.http.HttpServletRequest request) {
        Dialect dialect = dialect(request);
        IntentEntity intent = intents.entity(TmfIntents.id(intentId));
        List<JsonNode> items = intents.reports(intent.getId()).stream()
                .map(report -> tmf.select(tmf.toTmf(report, intent, dialect), fields))
                .toList();
        return ResponseEntity.ok()
                .header("X-Total-Count", Integer.toString(items.size()))
                .header("X-Result-Count", Integer.toString(items.size()))
                .body(items);
    }

    @GetMapping({
        TmfIntents.V5 + "/intent/{intentId}/intentReport/{id}",
        TmfIntents.V4 + "/intent/{intentId}/intentReport/{id}"
    })
    @Operation(summary = "One report")
    JsonNode report(
            @PathVariable String intentId,
            @PathVariable String id,
            @RequestParam(required = false) String fields,
            jakarta.servlet.http.HttpServletRequest request) {
        IntentEntity intent = intents.entity(TmfIntents.id(intentId));
        return intents.reports(intent.getId()).stream()
                .filter(report -> report.getId().toString().equals(id))
                .findFirst()
                .map(report -> tmf.select(tmf.toTmf(report, intent, dialect(request)), fields))
                .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "No intent report with id " + id));
    }

    private static Dialect dialect(jakarta.servlet.http.HttpServletRequest request) {
        return request.getRequestURI().contains(TmfIntents.V4) ? Dialect.V4 : Dialect.V5;
    }
}
