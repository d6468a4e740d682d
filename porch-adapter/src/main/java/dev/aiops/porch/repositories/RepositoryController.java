package dev.aiops.porch.repositories;

import dev.aiops.model.paging.PageQuery;
import dev.aiops.model.paging.PagedResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/repositories")
@PreAuthorize("hasAnyRole('VIEWER', 'SERVICE')")
@Tag(name = "Repositories", description = "Where packages are stored")
class RepositoryController {

    private final RepositoryService repositories;

    RepositoryController(RepositoryService repositories) {
        this.repositories = repositories;
    }

    @GetMapping
    @Operation(summary = "List the configured and registered package repositories with the health of each")
    PagedResponse<RepositoryView> list(PageQuery paging) {
        List<RepositoryView> all = repositories.list();
        int from = (int) Math.min(paging.offset(), all.size());
        int to = Math.min(from + paging.pageSize(), all.size());
        return PagedResponse.of(all.subList(from, to), all.size(), paging);
    }

    @GetMapping("/{name}")
    @Operation(summary = "One repository with its health")
    RepositoryView get(@PathVariable String name) {
        return repositories.get(name);
    }

    @PostMapping
    @PreAuthorize("hasAnyRole('OPERATOR', 'SERVICE')")
    @Operation(
            summary = "Register a repository: type git (a local repository created in the data folder, or with"
                    + " git.repo the local mirror of an http(s) or SSH remote, cloned now and pushed to on every change) or"
                    + " porch (a Porch API server: packages with this repository go through its PackageRevision API)",
            description = "Every URL passes the outbound URL guard (http(s) only, no loopback unless configured, no"
                    + " link-local or metadata addresses). A remote's credentials are a reference, git.secret_ref,"
                    + " to aiops.porch.remote-git.credentials; credentials the remote refuses answer 400"
                    + " CREDENTIALS_INVALID naming git.secret_ref and nothing is kept. An SSH remote (ssh://user@host/path or"
                    + " user@host:path) needs git.secret_ref naming a private key and known_hosts lines; a server"
                    + " host key those lines do not hold answers 400 CREDENTIALS_INVALID (host key verification).")
    ResponseEntity<RepositoryView> register(@RequestBody RegisterRepositoryRequest request) {
        RepositoryView view = repositories.register(request);
        return ResponseEntity.created(URI.create("/api/v1/repositories/" + view.name()))
                .body(view);
    }

    @DeleteMapping("/{name}")
    @PreAuthorize("hasAnyRole('OPERATOR', 'SERVICE')")
    @Operation(summary = "Unregister a registered repository that holds no package (its git directory is kept)")
    ResponseEntity<Void> unregister(@PathVariable String name) {
        repositories.unregister(name);
        return ResponseEntity.noContent().build();
    }
}
