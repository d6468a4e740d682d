package dev.aiops.intent.cnf;

import dev.aiops.model.paging.PageQuery;
import dev.aiops.model.paging.PagedResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

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
    @Operation(summary = "List CNFs, newest first")
    PagedResponse<CnfDetails> list(PageQuery paging) {
        return cnfs.list(paging);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One CNF with its conditions and state history")
    CnfDetails get(@PathVariable UUID id) {
        return cnfs.get(id);
    }
}
