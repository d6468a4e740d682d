package dev.aiops.porch.packages;

import dev.aiops.model.paging.PageQuery;
import dev.aiops.model.paging.PagedResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/packages/variants")
@PreAuthorize("hasAnyRole('VIEWER', 'SERVICE')")
@Tag(name = "Package variants", description = "One upstream package fanned out to sites (PackageVariant semantics)")
class VariantController {

    private final VariantService variants;

    VariantController(VariantService variants) {
        this.variants = variants;
    }

    @PostMapping
    @PreAuthorize("hasAnyRole('OPERATOR', 'SERVICE')")
    @Operation(
            summary = "Apply a variant set: per site, a downstream package cloned from the upstream revision with the"
                    + " site's values injected, created (or upgraded) and published in one operation",
            description = "Each site is applied on its own: a site that fails is left as it was and reported, the"
                    + " others stand. adoption_policy adoptNone|adoptExisting decides about a downstream package"
                    + " the set does not own; applying the set again with a newer upstream revision upgrades its"
                    + " packages by three-way merge.")
    @ApiResponse(responseCode = "200", description = "Every site succeeded")
    @ApiResponse(responseCode = "207", description = "At least one site failed; see sites[].error")
    ResponseEntity<VariantSetResult> apply(@RequestBody VariantSetRequest request) {
        VariantSetResult result = variants.apply(request);
        return ResponseEntity.status(result.failed() == 0 ? HttpStatus.OK : HttpStatus.MULTI_STATUS)
                .body(result);
    }

    @GetMapping
    @Operation(
            summary = "List variant sets by name: upstream package, repository, number of sites",
            description = "`upstream_package` keeps the sets fanned out from one upstream package.")
    PagedResponse<VariantSetSummary> list(
            PageQuery paging, @RequestParam(name = "upstream_package", required = false) String upstreamPackage) {
        return variants.list(upstreamPackage, paging);
    }

    @GetMapping("/{name}")
    @Operation(summary = "The downstream packages a variant set owns, with their revisions")
    VariantSetView get(@PathVariable String name) {
        return variants.get(name);
    }

    @DeleteMapping("/{name}")
    @PreAuthorize("hasAnyRole('OPERATOR', 'SERVICE')")
    @Operation(
            summary = "Delete a variant set: per its deletion_policy, its downstream packages are deleted (published"
                    + " revisions leave main) or orphaned")
    @ApiResponse(responseCode = "200", description = "Every site succeeded")
    @ApiResponse(responseCode = "207", description = "At least one site failed and stays owned; delete again to retry")
    ResponseEntity<VariantSetResult> delete(
            @PathVariable String name,
            @RequestHeader(name = PackageController.CORRELATION_HEADER, required = false) String correlation) {
        VariantSetResult result = variants.delete(name, correlation);
        return ResponseEntity.status(result.failed() == 0 ? HttpStatus.OK : HttpStatus.MULTI_STATUS)
                .body(result);
    }
}
