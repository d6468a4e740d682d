package dev.aiops.porch.packages;

import dev.aiops.model.error.ErrorCode;
import dev.aiops.model.packages.PackageRevisionSummary;
import dev.aiops.model.paging.PageQuery;
import dev.aiops.model.paging.PagedResponse;
import dev.aiops.platform.error.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/packages")
@PreAuthorize("hasAnyRole('VIEWER', 'SERVICE')")
@Tag(name = "Packages", description = "kpt package revisions and their lifecycle")
class PackageController {

    static final String CORRELATION_HEADER = "X-Correlation-Id";

    private final PackageService packages;

    PackageController(PackageService packages) {
        this.packages = packages;
    }

    @GetMapping
    @Operation(
            summary = "List package revisions, grouped by package, newest revision first",
            description = "Without `repository`: every indexed revision of every repository. With `repository`: that"
                    + " repository's revisions; for a registered Porch repository they are listed from the Porch"
                    + " API server (revisions created there by others included). `package_name` and `intent_id`"
                    + " narrow the list to one package's revisions, or to those created for one intent.")
    PagedResponse<PackageRevisionSummary> list(
            PageQuery paging,
            @RequestParam(name = "repository", required = false) String repository,
            @RequestParam(name = "package_name", required = false) String packageName,
            @RequestParam(name = "intent_id", required = false) String intentId) {
        return packages.list(new PackageFilter(repository, packageName, intentId), paging);
    }

    @PostMapping
    @PreAuthorize("hasAnyRole('OPERATOR', 'SERVICE')")
    @Operation(summary = "Create a Draft revision from a CNF specification or by cloning a published revision")
    ResponseEntity<PackageRevisionSummary> create(@RequestBody CreatePackageRequest request) {
        PackageRevisionSummary summary = packages.create(request);
        return ResponseEntity.created(URI.create("/api/v1/packages/" + summary.name()))
                .body(summary);
    }

    @GetMapping("/{name}")
    @Operation(summary = "One package revision, by its PackageRevision name")
    ResponseEntity<PackageRevisionSummary> get(@PathVariable String name) {
        return ResponseEntity.ok(packages.get(name));
    }

    @GetMapping("/{name}/resources")
    @Operation(summary = "The revision's files (PackageRevisionResources) and render status")
    ResponseEntity<PackageResources> resources(@PathVariable String name) {
        PackageResources resources = packages.resources(name);
        return ResponseEntity.ok().eTag(etag(resources.resourceVersion())).body(resources);
    }

    @PutMapping("/{name}/resources")
    @PreAuthorize("hasAnyRole('OPERATOR', 'SERVICE')")
    @Operation(summary = "Replace a Draft's files; rendered again; If-Match or resource_version guards the edit")
    ResponseEntity<PackageResources> updateResources(
            @PathVariable String name,
            @RequestBody UpdateResourcesRequest request,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestHeader(name = CORRELATION_HEADER, required = false) String correlation) {
        PackageResources resources = packages.updateResources(name, request, parseIfMatch(ifMatch), correlation);
        return ResponseEntity.ok().eTag(etag(resources.resourceVersion())).body(resources);
    }

    @PostMapping("/{name}/propose")
    @PreAuthorize("hasAnyRole('OPERATOR', 'SERVICE')")
    @Operation(summary = "Draft → Proposed")
    PackageRevisionSummary propose(
            @PathVariable String name, @RequestHeader(name = CORRELATION_HEADER, required = false) String correlation) {
        return packages.propose(name, correlation);
    }

    @PostMapping("/{name}/reject")
    @PreAuthorize("hasAnyRole('OPERATOR', 'SERVICE')")
    @Operation(summary = "Proposed → Draft, or DeletionProposed → Published")
    PackageRevisionSummary reject(
            @PathVariable String name, @RequestHeader(name = CORRELATION_HEADER, required = false) String correlation) {
        return packages.reject(name, correlation);
    }

    @PostMapping("/{name}/approve")
    @PreAuthorize("hasAnyRole('OPERATOR', 'SERVICE')")
    @Operation(summary = "Proposed → Published: merged to main and tagged {package}/v{revision}")
    PackageRevisionSummary approve(
            @PathVariable String name, @RequestHeader(name = CORRELATION_HEADER, required = false) String correlation) {
        return packages.approve(name, correlation);
    }

    @PostMapping("/{name}/upgrade")
    @PreAuthorize("hasAnyRole('OPERATOR', 'SERVICE')")
    @Operation(
            summary = "New Draft of a cloned package, three-way merged up to a newer upstream revision",
            description = "base = the upstream revision it was cloned from, ours = this revision's files (local"
                    + " edits), theirs = the new upstream revision (body `revision`, default its newest published"
                    + " one). Resources are matched by kind/name, fields by path, named list items (containers,"
                    + " env, ports) by name. A field changed differently on both sides answers 409 with"
                    + " `conflicts[]` {file, path, base, ours, theirs} and nothing is written.")
    ResponseEntity<PackageRevisionSummary> upgrade(
            @PathVariable String name,
            @RequestBody(required = false) UpgradeRequest request,
            @RequestHeader(name = CORRELATION_HEADER, required = false) String correlation) {
        PackageRevisionSummary summary = packages.upgrade(name, request, correlation, files -> files);
        return ResponseEntity.created(URI.create("/api/v1/packages/" + summary.name()))
                .body(summary);
    }

    @PostMapping("/{name}/propose-delete")
    @PreAuthorize("hasAnyRole('OPERATOR', 'SERVICE')")
    @Operation(summary = "Published → DeletionProposed")
    PackageRevisionSummary proposeDelete(
            @PathVariable String name, @RequestHeader(name = CORRELATION_HEADER, required = false) String correlation) {
        return packages.proposeDelete(name, correlation);
    }

    @DeleteMapping("/{name}")
    @PreAuthorize("hasAnyRole('OPERATOR', 'SERVICE')")
    @Operation(summary = "Delete a Draft, Proposed or DeletionProposed revision")
    ResponseEntity<Void> delete(
            @PathVariable String name, @RequestHeader(name = CORRELATION_HEADER, required = false) String correlation) {
        packages.delete(name, correlation);
        return ResponseEntity.noContent().build();
    }

    private static String etag(long version) {
        return "\"" + version + "\"";
    }

    static Long parseIfMatch(String header) {
        if (header == null || header.isBlank() || header.trim().equals("*")) {
            return null;
        }
        String tag = header.trim();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        try {
            return Long.parseLong(tag.replace("\"", ""));
        } catch (NumberFormatException e) {
            throw new ApiException(
                    ErrorCode.PRECONDITION_FAILED, "If-Match does not match the revision's resource version");
        }
    }
}
