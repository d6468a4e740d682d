package dev.aiops.registry.cluster;

import dev.aiops.model.cluster.ClusterCreateRequest;
import dev.aiops.model.cluster.ClusterUpdateRequest;
import dev.aiops.model.cluster.ClusterView;
import dev.aiops.model.paging.PageQuery;
import dev.aiops.model.paging.PagedResponse;
import dev.aiops.registry.config.Requests;
import java.net.URI;
import java.util.UUID;
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
@RequestMapping("/api/v1/clusters")
@PreAuthorize("hasAnyRole('VIEWER', 'SERVICE')")
class ClusterController {

    private final ClusterService clusters;
    private final ClusterRegistration registration;

    ClusterController(ClusterService clusters, ClusterRegistration registration) {
        this.clusters = clusters;
        this.registration = registration;
    }

    @PostMapping
    @PreAuthorize("hasRole('OPERATOR')")
    ResponseEntity<ClusterView> create(@RequestBody ClusterCreateRequest request) {
        ClusterView view = registration.register(request);
        return ResponseEntity.created(URI.create("/api/v1/clusters/" + view.id()))
                .eTag(ETags.of(view.version()))
                .body(view);
    }

    @GetMapping
    PagedResponse<ClusterView> list(
            @RequestParam(required = false) String name,
            @RequestParam(name = "cluster_type", required = false) String clusterType,
            @RequestParam(required = false) String environment,
            @RequestParam(required = false) String region,
            @RequestParam(required = false) String state,
            @RequestParam(name = "has_gpu", required = false) String hasGpu,
            @RequestParam(name = "has_cnf", required = false) String hasCnf,
            @RequestParam(required = false) String sort,
            PageQuery paging,
            jakarta.servlet.http.HttpServletRequest http) {
        ClusterFilter filter = ClusterFilter.parse(
                name, clusterType, environment, region, state, hasGpu, hasCnf, http.getParameterValues("label"), sort);
        return clusters.list(filter, paging);
    }

    @GetMapping("/{id}")
    ResponseEntity<ClusterView> get(@PathVariable UUID id) {
        ClusterView view = clusters.get(id);
        return ResponseEntity.ok().eTag(ETags.of(view.version())).body(view);
    }

    @GetMapping("/by-name/{name}")
    ResponseEntity<ClusterView> getByName(@PathVariable String name) {
        ClusterView view = clusters.getByName(name);
        return ResponseEntity.ok().eTag(ETags.of(view.version())).body(view);
    }

    @PutMapping("/{id}")
    @PreAuthorize("hasRole('OPERATOR')")
    ResponseEntity<ClusterView> update(
            @PathVariable UUID id,
            @RequestBody ClusterUpdateRequest request,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        Long expected = ETags.parseIfMatch(ifMatch);
        if (expected != null && request.version() != null && !expected.equals(request.version())) {
            throw Requests.invalid("version", "differs from the If-Match header");
        }
        ClusterView view = clusters.update(id, request, expected != null ? expected : request.version());
        return ResponseEntity.ok().eTag(ETags.of(view.version())).body(view);
    }

    @DeleteMapping("/{id}")
    @PreAuthorize("hasRole('ADMIN')")
    ResponseEntity<Void> delete(
            @PathVariable UUID id, @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        clusters.delete(id, ETags.parseIfMatch(ifMatch));
        return ResponseEntity.noContent().build();
    }
}
