package dev.aiops.porch.repositories;

import dev.aiops.model.paging.PageQuery;
import dev.aiops.model.paging.PagedResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/repositories")
@PreAuthorize("hasAnyRole('VIEWER', 'SERVICE')")
@Tag(name = "Repositories", description = "Where packages are stored")
class RepositoryController {

    private final PorchProperties properties;
    private final PackageStores stores;

    RepositoryController(PorchProperties properties, PackageStores stores) {
        this.properties = properties;
        this.stores = stores;
    }

    @GetMapping
    @Operation(summary = "List the configured package repositories with the health of each")
    PagedResponse<RepositoryView> list(PageQuery paging) {
        List<RepositoryView> repositories = properties.repositories().stream()
                .map(r -> RepositoryView.of(r, status(r)))
                .toList();
        int from = (int) Math.min(paging.offset(), repositories.size());
        int to = Math.min(from + paging.pageSize(), repositories.size());
        return PagedResponse.of(repositories.subList(from, to), repositories.size(), paging);
    }

    private RepositoryView.Status status(PorchProperties.Repository repository) {
        if (!stores.serves(repository.name())) {
            return RepositoryView.Status.UNSUPPORTED;
        }
        return stores.store(repository.name()).healthy()
                ? RepositoryView.Status.READY
                : RepositoryView.Status.UNAVAILABLE;
    }
}
