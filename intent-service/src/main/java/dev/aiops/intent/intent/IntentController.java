package dev.aiops.intent.intent;

import dev.aiops.model.intent.IntentRequest;
import dev.aiops.model.intent.IntentView;
import dev.aiops.model.paging.PageQuery;
import dev.aiops.model.paging.PagedResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.security.Principal;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/intents")
@PreAuthorize("hasAnyRole('VIEWER', 'SERVICE')")
@Tag(name = "Intents", description = "Intents stated in plain words")
class IntentController {

    private final IntentService intents;

    IntentController(IntentService intents) {
        this.intents = intents;
    }

    @PostMapping
    @PreAuthorize("hasAnyRole('OPERATOR', 'SERVICE')")
    @Operation(summary = "State an intent in plain words; it is parsed and acknowledged")
    ResponseEntity<IntentView> create(@Valid @RequestBody IntentRequest request, Principal user) {
        IntentView intent = intents.create(request.text(), user.getName());
        return ResponseEntity.created(URI.create("/api/v1/intents/" + intent.id()))
                .body(intent);
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
}
