package dev.aiops.porch.packages;

import dev.aiops.model.packages.PackageRevisionSummary;
import dev.aiops.model.paging.PageQuery;
import dev.aiops.model.paging.PagedResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/packages")
@PreAuthorize("hasAnyRole('VIEWER', 'SERVICE')")
@Tag(name = "Packages", description = "kpt package revisions and their lifecycle")
class PackageController {

    private final PackageService packages;

    PackageController(PackageService packages) {
        this.packages = packages;
    }

    @GetMapping
    @Operation(summary = "List package revisions, grouped by package, newest revision first")
    PagedResponse<PackageRevisionSummary> list(PageQuery paging) {
        return packages.list(paging);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One package revision, by its PackageRevision name")
    PackageRevisionSummary get(@PathVariable String id) {
        return packages.get(id);
    }
}
