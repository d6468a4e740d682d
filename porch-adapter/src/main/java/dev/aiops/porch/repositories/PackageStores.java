package dev.aiops.porch.repositories;

import dev.aiops.model.error.ErrorCode;
import dev.aiops.platform.error.ApiException;
import dev.aiops.porch.git.GitPackageStore;
import dev.aiops.porch.git.RemoteGit;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The git repositories packages are written to, opened (or created, on first start) once: local ones, and the
 * local mirrors of remote repositories, registered through the API or configured in {@code aiops.porch.repositories}
 * (both opened by {@link RepositoryService}, through the URL guard).
 */
@Component
public class PackageStores implements DisposableBean {

    // written at start-up and when a repository is registered or removed through the API, read by every request
    private final Map<String, GitPackageStore> stores = java.util.Collections.synchronizedMap(new LinkedHashMap<>());
    // the configured git repositories, local or remote, in their configured order
    private final List<String> configured = new ArrayList<>();

    PackageStores(PorchProperties properties) {
        for (PorchProperties.Repository repository : properties.repositories()) {
            if (repository.type() != PorchProperties.Type.GIT || repository.git() == null) {
                continue;
            }
            configured.add(repository.name());
            if (!isRemote(repository.git().repo())) {
                stores.put(
                        repository.name(),
                        GitPackageStore.openOrCreate(Path.of(repository.git().repo())));
            }
        }
    }

    static boolean isRemote(String repo) {
        return repo.contains("://") && !repo.startsWith("file://") || repo.matches("^[^/]+@[^:]+:.*");
    }

    /** The store of a repository, or 404 REPOSITORY_NOT_FOUND naming it. */
    public GitPackageStore store(String repository) {
        GitPackageStore store = stores.get(repository);
        if (store == null) {
            throw new ApiException(ErrorCode.REPOSITORY_NOT_FOUND, "No local git repository named " + repository);
        }
        return store;
    }

    public boolean serves(String repository) {
        return stores.containsKey(repository);
    }

    public Map<String, GitPackageStore> all() {
        synchronized (stores) {
            return Map.copyOf(stores);
        }
    }

    /** Opens (creating on first use) a local repository registered through the API. */
    void open(String name, Path directory) {
        stores.computeIfAbsent(name, n -> GitPackageStore.openOrCreate(directory));
    }

    /** Opens the local mirror of a registered remote repository, fetching it (throws when it cannot). */
    void openMirror(String name, Path directory, RemoteGit remote) {
        stores.computeIfAbsent(name, n -> GitPackageStore.openMirror(directory, remote));
    }

    void close(String name) {
        GitPackageStore store = stores.remove(name);
        if (store != null) {
            store.close();
        }
    }

    /**
     * The repository used when a request names none: the first configured git repository being served (the
     * embedded one unless the configuration says otherwise; a remote one whose mirror could not be fetched at start
     * is skipped).
     */
    public String defaultRepository() {
        return configured.stream()
                .filter(stores::containsKey)
                .findFirst()
                .orElseThrow(() ->
                        new ApiException(ErrorCode.REPOSITORY_NOT_FOUND, "No configured git repository is served"));
    }

    @Override
    public void destroy() {
        all().values().forEach(GitPackageStore::close);
    }
}
