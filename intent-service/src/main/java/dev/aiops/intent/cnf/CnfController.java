package dev.aiops.intent.cnf;

import dev.aiops.intent.planning.Plan;
import dev.aiops.model.cnf.CnfState;
import dev.aiops.model.paging.PageQuery;
import dev.aiops.model.paging.PagedResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * CNFs and their day-2 operations. Scale, update, heal and delete answer 202: the change is a new package
 * revision made in the background, and the CNF is Active again only when its cluster runs it. A move the
 * lifecycle does not allow (scaling a Configuring CNF, healing an Active one) is 409 ILLEGAL_STATE_TRANSITION.
 */
@RestController
@RequestMapping("/api/v1/cnfs")
@PreAuthorize("hasAnyRole('VIEWER', 'SERVICE')")
@Tag(name = "CNFs", description = "Network functions deployed for intents, with their lifecycle")
class CnfController {

    private final CnfService cnfs;

    CnfController(CnfService cnfs) {
        this.cnfs = cnfs;
    }

    @GetMapping
    @Operation(summary = "List CNFs, newest first; filters combine (and)")
    PagedResponse<CnfDetails> list(
            @Parameter(description = "only the CNFs deployed for this intent")
                    @RequestParam(name = "intent_id", required = false)
                    UUID intentId,
            @Parameter(description = "only CNFs in this lifecycle state") @RequestParam(required = false)
                    CnfState state,
            @Parameter(description = "only this network function (AMF, UPF, O-DU, ...), any case")
                    @RequestParam(required = false)
                    String function,
            @Parameter(description = "only CNFs on this cluster") @RequestParam(name = "cluster_id", required = false)
                    UUID clusterId,
            PageQuery paging) {
        return cnfs.list(new CnfService.Filter(intentId, state, function, clusterId), paging);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One CNF with its conditions and state history")
    CnfDetails get(@PathVariable UUID id) {
        return cnfs.get(id);
    }

    @PostMapping("/{id}/scale")
    @PreAuthorize("hasAnyRole('OPERATOR', 'SERVICE')")
    @Operation(summary = "Active → Scaling → Active: a new package revision with the replicas")
    ResponseEntity<CnfDetails> scale(@PathVariable UUID id, @RequestBody ScaleRequest request) {
        return ResponseEntity.accepted().body(cnfs.scale(id, request == null ? null : request.replicas(), null));
    }

    @PatchMapping("/{id}")
    @PreAuthorize("hasAnyRole('OPERATOR', 'SERVICE')")
    @Operation(summary = "Active → Updating → Active: a new package revision with the container resources")
    ResponseEntity<CnfDetails> update(@PathVariable UUID id, @RequestBody UpdateRequest request) {
        return ResponseEntity.accepted().body(cnfs.update(id, request == null ? null : request.resources()));
    }

    @PostMapping("/{id}/heal")
    @PreAuthorize("hasAnyRole('OPERATOR', 'SERVICE')")
    @Operation(summary = "Degraded → Healing → Active: a new package revision restarting the pods")
    ResponseEntity<CnfDetails> heal(@PathVariable UUID id) {
        return ResponseEntity.accepted().body(cnfs.heal(id, null));
    }

    @DeleteMapping("/{id}")
    @PreAuthorize("hasAnyRole('OPERATOR', 'SERVICE')")
    @Operation(summary = "Active or Failed → Terminating → Deleted: the package is proposed for deletion")
    ResponseEntity<CnfDetails> delete(@PathVariable UUID id) {
        return ResponseEntity.accepted().body(cnfs.delete(id));
    }

    @JsonNaming(SnakeCaseStrategy.class)
    record ScaleRequest(Integer replicas) {}

    @JsonNaming(SnakeCaseStrategy.class)
    record UpdateRequest(Plan.Resources resources) {}
}
