package dev.aiops.intent.closedloop;

import dev.aiops.model.cnf.Rule;
import dev.aiops.model.cnf.RuleDecisionView;
import dev.aiops.model.cnf.RuleView;
import dev.aiops.model.paging.PageQuery;
import dev.aiops.model.paging.PagedResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
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
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Reads are viewer operations; every write is an admin's, as GatewayAccessRules has it. */
@RestController
@Validated
@RequestMapping("/api/v1/rules")
@PreAuthorize("hasAnyRole('VIEWER', 'SERVICE')")
@Tag(
        name = "Rules",
        description = "Closed-loop rules (CEL conditions over FCAPS events and KPM reports) and their decisions")
class RuleController {

    private final RuleService rules;

    RuleController(RuleService rules) {
        this.rules = rules;
    }

    @PostMapping
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(
            summary = "Create a rule",
            description =
                    "The condition is compiled and type-checked for the rule's source; min_replicas < max_replicas.")
    ResponseEntity<RuleView> create(@Valid @RequestBody Rule rule, Principal user) {
        RuleView created = rules.create(rule, user.getName());
        return ResponseEntity.created(URI.create("/api/v1/rules/" + created.id()))
                .body(created);
    }

    @GetMapping
    @Operation(summary = "List rules, highest priority first")
    PagedResponse<RuleView> list(PageQuery paging) {
        return rules.list(paging);
    }

    @GetMapping("/decisions")
    @Operation(
            summary = "What the closed loop decided, newest first",
            description = "Per event and rule: the intent created, or why nothing was done (no_match, hysteresis,"
                    + " cooldown, deduplicated, correlated, stale, missing_data, at_max_replicas, at_min_replicas,"
                    + " condition_error).")
    PagedResponse<RuleDecisionView> decisions(
            @Parameter(description = "only decisions about this event")
                    @RequestParam(name = "event_id", required = false)
                    UUID eventId,
            @Parameter(description = "only decisions of this rule") @RequestParam(name = "rule_id", required = false)
                    UUID ruleId,
            @Parameter(description = "only this outcome") @RequestParam(name = "outcome", required = false)
                    String outcome,
            PageQuery paging) {
        return rules.decisions(new DecisionLog.Filter(eventId, ruleId, outcome), paging);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One rule, current version")
    RuleView get(@PathVariable UUID id) {
        return rules.get(id);
    }

    @GetMapping("/{id}/history")
    @Operation(summary = "Every version of a rule, oldest first, deletion included")
    List<RuleStore.RuleVersion> history(@PathVariable UUID id) {
        return rules.history(id);
    }

    @PutMapping("/{id}")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Replace a rule; its version goes up by one")
    RuleView update(@PathVariable UUID id, @Valid @RequestBody Rule rule, Principal user) {
        return rules.update(id, rule, user.getName());
    }

    @DeleteMapping("/{id}")
    @PreAuthorize("hasRole('ADMIN')")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a rule; its history and decisions stay readable")
    void delete(@PathVariable UUID id, Principal user) {
        rules.delete(id, user.getName());
    }
}
