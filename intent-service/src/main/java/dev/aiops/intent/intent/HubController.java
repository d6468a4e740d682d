package dev.aiops.intent.intent;

import dev.aiops.intent.intent.TmfIntents.Dialect;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.security.Principal;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * TMF921 event subscription ({@code /hub}) for both views: a listener registered here is POSTed the TMF
 * notifications of intent changes, with the intent in the shape of the view it registered through.
 */
@RestController
@PreAuthorize("hasAnyRole('OPERATOR', 'SERVICE')")
@Tag(name = "TMF921 Intent Management", description = "TMF921 v5 and v4.0.1 views of the intents")
class HubController {

    /** {@code EventSubscriptionInput}. */
    record EventSubscriptionInput(String callback, String query) {}

    private final Hub hub;

    HubController(Hub hub) {
        this.hub = hub;
    }

    @PostMapping({TmfIntents.V5 + "/hub", TmfIntents.V4 + "/hub"})
    @Operation(
            summary = "Register a listener",
            description = "query filters: eventType=<the event names of the view registered through: v5"
                    + " IntentStatusChangeEvent, IntentAttributeValueChangeEvent, ...; v4 IntentChangeEvent, ...> and"
                    + " event.intent.id=<id>, joined with &")
    ResponseEntity<Hub.Subscription> register(
            @RequestBody EventSubscriptionInput input, Principal user, HttpServletRequest request) {
        Dialect dialect = request.getRequestURI().contains(TmfIntents.V4) ? Dialect.V4 : Dialect.V5;
        Hub.Subscription subscription = hub.register(input.callback(), input.query(), dialect, user.getName());
        URI location = ServletUriComponentsBuilder.fromCurrentRequest()
                .path("/{id}")
                .buildAndExpand(subscription.id())
                .toUri();
        return ResponseEntity.created(location).body(subscription);
    }

    @GetMapping({TmfIntents.V5 + "/hub/{id}", TmfIntents.V4 + "/hub/{id}"})
    // operator like the rest of the hub (the class's rule): a subscription shows its listener's callback URL,
    // which is operator data; the gateway's table says the same for GET /hub/**
    @Operation(summary = "A registered listener (404 SUBSCRIPTION_NOT_FOUND when there is none)")
    Hub.Subscription get(@PathVariable String id) {
        return hub.get(id);
    }

    @DeleteMapping({TmfIntents.V5 + "/hub/{id}", TmfIntents.V4 + "/hub/{id}"})
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Unregister a listener")
    void unregister(@PathVariable String id) {
        hub.unregister(id);
    }
}
