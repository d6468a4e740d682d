package dev.aiops.intent.intent;

import dev.aiops.model.intent.IntentRequest;
import dev.aiops.model.intent.IntentView;
import dev.aiops.model.paging.PageQuery;
import dev.aiops.model.paging.PagedResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.security.Principal;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Validated
@RequestMapping("/api/v1/intents")
@PreAuthorize("hasAnyRole('VIEWER', 'SERVICE')")
@Tag(name = "Intents", description = "Intents stated in plain words")
class IntentController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final IntentService intents;

    IntentController(IntentService intents) {
        this.intents = intents;
    }

    @PostMapping
    @PreAuthorize("hasAnyRole('OPERATOR', 'SERVICE')")
    @Operation(
            summary = "State an intent in plain words; it is parsed and acknowledged",
            description = "The same Idempotency-Key from the same caller returns the intent the first request created.")
    ResponseEntity<IntentView> create(
            @Valid @RequestBody IntentRequest request,
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) @Size(min = 1, max = 255) String idempotencyKey,
            Principal user) {
        IntentEntity created = intents.create(
                new IntentService.CreateCommand(request.text(), null, null, null, idempotencyKey, user.getName()));
        return ResponseEntity.created(URI.create("/api/v1/intents/" + created.getId()))
                .body(intents.toView(created));
    }

    @GetMapping
    @Operation(summary = "List intents, newest first")
    PagedResponse<IntentView> list(PageQuery paging) {
        return intents.list(paging);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One intent")
    IntentView get(@PathVariable UUID id) {
        return intents.get(id);
    }

    @DeleteMapping("/{id}")
    @PreAuthorize("hasAnyRole('OPERATOR', 'SERVICE')")
    @Operation(summary = "Cancel an intent: its packages are proposed for deletion and its CNFs terminated")
    IntentView cancel(@PathVariable UUID id, Principal user) {
        return intents.toView(intents.cancel(id, "cancelled by " + user.getName()));
    }
}
