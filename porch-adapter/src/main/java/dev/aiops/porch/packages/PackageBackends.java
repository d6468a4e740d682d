package dev.aiops.porch.packages;

import dev.aiops.model.error.ErrorCode;
import dev.aiops.platform.error.ApiException;
import dev.aiops.porch.repositories.PackageStores;
import dev.aiops.porch.repositories.PorchClients;
import org.springframework.stereotype.Component;

/** The backend serving a repository: its git store, or the Porch API server it was registered with. */
@Component
class PackageBackends {

    private final PackageStores stores;
    private final PorchClients porch;
    private final PackageRevisionRepository revisions;

    PackageBackends(PackageStores stores, PorchClients porch, PackageRevisionRepository revisions) {
        this.stores = stores;
        this.porch = porch;
        this.revisions = revisions;
    }

    /** 404 REPOSITORY_NOT_FOUND naming the repository when nothing serves it. */
    PackageBackend of(String repository) {
        if (stores.serves(repository)) {
            return new GitBackend(stores.store(repository), revisions);
        }
        return porch.backend(repository)
                .<PackageBackend>map(PorchBackend::new)
                .orElseThrow(() -> new ApiException(
                        ErrorCode.REPOSITORY_NOT_FOUND, "No git or Porch repository named " + repository));
    }

    String defaultRepository() {
        return stores.defaultRepository();
    }
}
