package dev.aiops.porch.repositories;

import dev.aiops.model.error.ErrorCode;
import dev.aiops.model.error.FieldViolation;
import dev.aiops.platform.error.ApiException;
import dev.aiops.platform.outbound.GuardedHttpClients;
import dev.aiops.platform.outbound.OutboundUrlGuard;
import dev.aiops.porch.generation.Names;
import dev.aiops.porch.git.GitPackageStore;
import dev.aiops.porch.git.RemoteGit;
import dev.aiops.porch.git.RemoteGitException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.eclipse.jgit.lib.Constants;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The package repositories: the configured ones ({@code aiops.porch.repositories}, the embedded git repository
 * among them) and the ones registered through the API, with the health of each.
 *
 * <p>A configured git repository at an http(s) or SSH URL is mirrored at start exactly as a registered remote is (the
 * same guard, credentials and mirror); it is not served (UNAVAILABLE) when any of that fails.
 *
 * <p>A registered git repository is kept under the data folder by its name: the API never takes a file system
 * path (it would let a caller open any directory). Without {@code git.repo} it is a local repository; with an
 * http(s) or SSH {@code git.repo} it is the local mirror of that remote, cloned at registration (which fails, nothing
 * kept, when the remote cannot be fetched), pushed to on every change ({@link RemoteGit}). The remote URL passes
 * the platform's {@link OutboundUrlGuard} at registration and before every fetch and push; its credentials are a
 * reference ({@code git.secret_ref}) to {@code aiops.porch.remote-git.credentials}, never stored. A
 * registered Porch API server is only ever called after the platform's {@link OutboundUrlGuard} passed its URL,
 * at registration and again before each probe ({@link PorchProbe}: DNS answer pinned, no redirects, timeouts).
 */
@Service
class RepositoryService {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(RepositoryService.class);

    static final String PORCH_API_PATH = "/apis/porch.kpt.dev/v1alpha1";

    private final PorchProperties properties;
    private final PackageStores stores;
    private final RegisteredRepositoryRepository registered;
    private final OutboundUrlGuard guard;
    private final PorchProbe probe;
    private final PorchClients porchClients;
    private final RemoteGitProperties remoteGit;
    private final PorchCredentials porchCredentials;
    private final GuardedHttpClients httpClients;
    private final ApplicationEventPublisher publisher;

    RepositoryService(
            PorchProperties properties,
            PackageStores stores,
            RegisteredRepositoryRepository registered,
            OutboundUrlGuard guard,
            PorchProbe probe,
            PorchClients porchClients,
            RemoteGitProperties remoteGit,
            PorchCredentials porchCredentials,
            GuardedHttpClients httpClients,
            ApplicationEventPublisher publisher) {
        this.properties = properties;
        this.stores = stores;
        this.registered = registered;
        this.guard = guard;
        this.probe = probe;
        this.porchClients = porchClients;
        this.remoteGit = remoteGit;
        this.porchCredentials = porchCredentials;
        this.httpClients = httpClients;
        this.publisher = publisher;
        // configured remote git repositories are mirrored like registered ones, before the index is reconciled
        for (PorchProperties.Repository repository : properties.repositories()) {
            if (!isConfiguredRemote(repository)) {
                continue;
            }
            String problem = configuredRemoteProblem(repository);
            if (problem != null) {
                log.warn("Configured remote git repository {} not served: {}", repository.name(), problem);
                continue;
            }
            try {
                stores.openMirror(
                        repository.name(),
                        directoryOf(repository.name()),
                        remote(repository.git().repo().trim(), repository.git().secretRef()));
            } catch (RemoteGitException | IllegalArgumentException e) {
                // listed UNAVAILABLE and not served until the next start; never served from a stale mirror
                log.warn("Configured remote git repository {} not served: {}", repository.name(), e.getMessage());
            }
        }
        // registered git repositories are served again after a restart, before the index is reconciled
        for (RegisteredRepositoryEntity repository : registered.findAll()) {
            if (repository.type() != PorchProperties.Type.GIT) {
                continue;
            }
            if (repository.gitUrl() == null) {
                stores.open(repository.name(), directoryOf(repository.name()));
                continue;
            }
            try {
                stores.openMirror(repository.name(), directoryOf(repository.name()), remote(repository));
            } catch (RemoteGitException | IllegalArgumentException e) {
                // listed UNAVAILABLE and not served until the next start; never served from a stale mirror
                log.warn("Remote git repository {} not served: {}", repository.name(), e.getMessage());
            }
        }
    }

    @Transactional(readOnly = true)
    List<RepositoryView> list() {
        List<RepositoryView> views = new ArrayList<>();
        for (PorchProperties.Repository repository : properties.repositories()) {
            views.add(RepositoryView.of(repository, stores.serves(repository.name()), configuredStatus(repository)));
        }
        registered.findAll().stream()
                .sorted(Comparator.comparing(RegisteredRepositoryEntity::name))
                .map(this::view)
                .forEach(views::add);
        return views;
    }

    @Transactional(readOnly = true)
    RepositoryView get(String name) {
        return properties.repositories().stream()
                .filter(r -> r.name().equals(name))
                .findFirst()
                .map(r -> RepositoryView.of(r, stores.serves(name), configuredStatus(r)))
                .or(() -> registered.findById(name).map(this::view))
                .orElseThrow(() -> notFound(name));
    }

    @Transactional
    RepositoryView register(RegisterRepositoryRequest request) {
        if (request == null) {
            throw ApiException.validation(List.of(new FieldViolation("body", "must not be null")));
        }
        List<FieldViolation> violations = new ArrayList<>();
        if (!Names.isDnsLabel(request.name())) {
            violations.add(new FieldViolation("name", "must be a DNS-1123 label"));
        }
        PorchProperties.Type type = "git".equals(request.type())
                ? PorchProperties.Type.GIT
                : "porch".equals(request.type()) ? PorchProperties.Type.PORCH : null;
        if (type == null) {
            violations.add(new FieldViolation("type", "must be git or porch"));
        }
        if (request.description() != null && request.description().length() > 1024) {
            violations.add(new FieldViolation("description", "at most 1024 characters"));
        }
        String url = null;
        String namespace = null;
        String gitUrl = null;
        String secretRef = null;
        String porchSecretRef = null;
        PorchCredentials.Resolved porchAuth = null;
        if (type == PorchProperties.Type.GIT) {
            RegisterRepositoryRequest.GitSpec git = request.git();
            if (git != null && git.repo() != null) {
                gitUrl = git.repo().trim();
                if (gitUrl.length() > 2048) {
                    violations.add(new FieldViolation("git.repo", "at most 2048 characters"));
                } else if (isSsh(gitUrl)) {
                    violations.addAll(sshAddressProblems(gitUrl));
                } else if (!gitUrl.startsWith("http://") && !gitUrl.startsWith("https://")) {
                    violations.add(new FieldViolation(
                            "git.repo", "must be an http(s) URL or an SSH URL (ssh://user@host/path, user@host:path)"));
                } else {
                    violations.addAll(guard.checkForRegistration("git.repo", gitUrl));
                }
            }
            if (git != null && git.secretRef() != null) {
                secretRef = git.secretRef();
                if (gitUrl == null) {
                    violations.add(new FieldViolation("git.secret_ref", "only for a remote git.repo"));
                } else if (!remoteGit.credentials().containsKey(secretRef)) {
                    violations.add(new FieldViolation(
                            "git.secret_ref", "names no entry of aiops.porch.remote-git.credentials"));
                }
            }
            if (gitUrl != null && secretRef == null && isSsh(gitUrl)) {
                violations.add(new FieldViolation(
                        "git.secret_ref", "an SSH remote needs credentials with private-key and known-hosts"));
            }
            if (git != null && git.branch() != null && !git.branch().equals(GitPackageStore.MAIN)) {
                violations.add(new FieldViolation("git.branch", "must be main"));
            }
            if (git != null && git.directory() != null && !git.directory().equals("/")) {
                violations.add(new FieldViolation("git.directory", "must be /"));
            }
            if (request.porch() != null) {
                violations.add(new FieldViolation("porch", "only for type porch"));
            }
        } else if (type == PorchProperties.Type.PORCH) {
            if (request.porch() == null || request.porch().url() == null) {
                violations.add(new FieldViolation("porch.url", "must not be null"));
            } else {
                url = request.porch().url().trim().replaceAll("/+$", "");
                if (url.length() > 2048) {
                    violations.add(new FieldViolation("porch.url", "at most 2048 characters"));
                } else {
                    violations.addAll(guard.checkForRegistration("porch.url", url));
                }
            }
            namespace = request.porch() == null || request.porch().namespace() == null
                    ? "default"
                    : request.porch().namespace();
            if (!Names.isDnsLabel(namespace)) {
                violations.add(new FieldViolation("porch.namespace", "must be a DNS-1123 label"));
            }
            porchSecretRef = request.porch() == null ? null : request.porch().secretRef();
            if (porchSecretRef != null && !porchCredentials.knows(porchSecretRef)) {
                violations.add(new FieldViolation(
                        "porch.secret_ref", "names no entry of aiops.porch.porch-api.credentials (nor in-cluster)"));
            } else if (porchSecretRef != null) {
                try {
                    porchAuth = porchCredentials.resolve(porchSecretRef).orElseThrow();
                } catch (IllegalArgumentException e) {
                    // what is missing or unreadable, never the token
                    violations.add(new FieldViolation("porch.secret_ref", e.getMessage()));
                }
            }
            if (request.git() != null) {
                violations.add(new FieldViolation("git", "only for type git"));
            }
        }
        if (!violations.isEmpty()) {
            throw ApiException.validation(violations);
        }
        RemoteGit remote = null;
        if (type == PorchProperties.Type.GIT && gitUrl != null) {
            try {
                remote = remote(gitUrl, secretRef);
            } catch (IllegalArgumentException e) {
                // the SSH key or known_hosts of the named credentials cannot be used; the message names which
                throw ApiException.invalidField(ErrorCode.VALIDATION_FAILED, "git.secret_ref", e.getMessage());
            }
        }
        if (properties.repositories().stream().anyMatch(r -> r.name().equals(request.name()))
                || registered.existsById(request.name())) {
            throw new ApiException(ErrorCode.CONFLICT, "A repository named " + request.name() + " already exists");
        }
        PorchProbe.Outcome porchHealth = null;
        if (type == PorchProperties.Type.PORCH) {
            // refused credentials are the caller's to fix, as for a remote git repository; an unreachable server
            // is registered UNAVAILABLE (it may be started later)
            porchHealth = probe.check(url, porchAuth);
            if (porchHealth == PorchProbe.Outcome.CREDENTIALS_REFUSED) {
                throw ApiException.invalidField(
                        ErrorCode.CREDENTIALS_INVALID,
                        "porch.secret_ref",
                        "the Porch API server refused the credentials (401/403)"
                                + (porchSecretRef == null ? " (none given)" : ""));
            }
        }
        RegisteredRepositoryEntity row = registered.saveAndFlush(new RegisteredRepositoryEntity(
                        request.name(),
                        type,
                        request.description(),
                        Boolean.TRUE.equals(request.deployment()),
                        url,
                        namespace)
                .remote(gitUrl, secretRef)
                .porchCredentials(porchSecretRef));
        // the row's insert is flushed first: a name taken concurrently fails before a directory is created
        if (type == PorchProperties.Type.GIT && gitUrl == null) {
            stores.open(row.name(), directoryOf(row.name()));
        } else if (type == PorchProperties.Type.GIT) {
            try {
                stores.openMirror(row.name(), directoryOf(row.name()), remote);
            } catch (RemoteGitException e) {
                // the row rolls back with this exception; the half-made mirror must go too
                deleteDirectory(directoryOf(row.name()));
                throw switch (e.reason()) {
                    case CREDENTIALS ->
                        ApiException.invalidField(
                                ErrorCode.CREDENTIALS_INVALID,
                                "git.secret_ref",
                                "the remote git server refused the credentials"
                                        + (secretRef == null ? " (none given)" : ""));
                    case HOST_KEY ->
                        ApiException.invalidField(ErrorCode.CREDENTIALS_INVALID, "git.secret_ref", e.getMessage());
                    case BLOCKED ->
                        ApiException.invalidField(ErrorCode.VALIDATION_FAILED, "git.repo", "address not allowed");
                    case UNAVAILABLE ->
                        ApiException.invalidField(ErrorCode.VALIDATION_FAILED, "git.repo", e.getMessage());
                };
            }
            publisher.publishEvent(new RemoteRepositoryFetched(row.name()));
        }
        return view(row, porchHealth == null ? null : porchHealth.status());
    }

    /**
     * Removes a registered repository. A git repository must hold no package (any branch or tag besides main);
     * its directory stays on disk, so nothing published is destroyed by an unregistration.
     */
    @Transactional
    void unregister(String name) {
        if (properties.repositories().stream().anyMatch(r -> r.name().equals(name))) {
            throw new ApiException(
                    ErrorCode.CONFLICT,
                    "Repository " + name + " is configured (aiops.porch.repositories), not registered");
        }
        RegisteredRepositoryEntity row = registered.findById(name).orElseThrow(() -> notFound(name));
        if (row.type() == PorchProperties.Type.GIT && stores.serves(name)) {
            long packages = stores.store(name).refs(Constants.R_REFS).keySet().stream()
                    .filter(ref -> !ref.equals(Constants.R_HEADS + GitPackageStore.MAIN))
                    .count();
            if (packages > 0) {
                throw new ApiException(
                        ErrorCode.CONFLICT, "Repository " + name + " still holds package revisions; delete them first");
            }
        }
        registered.delete(row);
        registered.flush();
        stores.close(name);
        porchClients.evict(name);
    }

    private RemoteGit remote(RegisteredRepositoryEntity row) {
        return remote(row.gitUrl(), row.gitSecretRef());
    }

    private RemoteGit remote(String url, String secretRef) {
        RemoteGitProperties.Credentials credentials =
                secretRef == null ? null : remoteGit.credentials().get(secretRef);
        if (isSsh(url)) {
            return RemoteGit.overSsh(
                    url,
                    credentials == null ? null : credentials.privateKey(),
                    credentials == null ? null : credentials.knownHosts(),
                    remoteGit.timeout(),
                    guard::resolveChecked);
        }
        return new RemoteGit(
                url,
                credentials == null ? null : credentials.username(),
                credentials == null ? null : credentials.password(),
                remoteGit.timeout(),
                guard::checkBeforeCall,
                httpClients.plainClient(remoteGit.timeout()));
    }

    private static void deleteDirectory(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (var paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            log.warn("Could not remove the mirror {}: {}", directory, e.getMessage());
        }
    }

    private RepositoryView view(RegisteredRepositoryEntity row) {
        return view(row, null);
    }

    /** The view of a row; a Porch server is probed unless {@code porchStatus} is what a probe just found. */
    private RepositoryView view(RegisteredRepositoryEntity row, RepositoryView.Status porchStatus) {
        boolean git = row.type() == PorchProperties.Type.GIT;
        RepositoryView.Status status = git
                ? (stores.serves(row.name()) && stores.store(row.name()).healthy()
                        ? RepositoryView.Status.READY
                        : RepositoryView.Status.UNAVAILABLE)
                : porchStatus != null ? porchStatus : porchStatus(row);
        return new RepositoryView(
                row.name(),
                row.type(),
                row.description(),
                row.deployment(),
                git
                        ? new RepositoryView.GitView(
                                row.gitUrl() != null
                                        ? row.gitUrl()
                                        : directoryOf(row.name()).toString(),
                                GitPackageStore.MAIN,
                                "/",
                                row.gitSecretRef())
                        : null,
                git ? null : new RepositoryView.PorchView(row.porchUrl(), row.porchNamespace(), row.porchSecretRef()),
                RepositoryView.Source.API,
                // a Porch repository is served through its API server (PorchClients)
                !git || stores.serves(row.name()),
                status);
    }

    /** The probe with the row's credentials: UNAVAILABLE too when they are refused or can no longer be resolved. */
    private RepositoryView.Status porchStatus(RegisteredRepositoryEntity row) {
        PorchCredentials.Resolved credentials;
        try {
            credentials = porchCredentials.resolve(row.porchSecretRef()).orElse(null);
        } catch (IllegalArgumentException e) {
            log.warn(
                    "Credentials {} of Porch repository {} cannot be used: {}",
                    row.porchSecretRef(),
                    row.name(),
                    e.getMessage());
            return RepositoryView.Status.UNAVAILABLE;
        }
        return probe.check(row.porchUrl(), credentials).status();
    }

    /** A configured git repository at an http(s) or SSH URL: mirrored like a registered remote. */
    private static boolean isConfiguredRemote(PorchProperties.Repository repository) {
        if (repository.type() != PorchProperties.Type.GIT || repository.git() == null) {
            return false;
        }
        String repo = repository.git().repo().trim();
        return repo.startsWith("http://") || repo.startsWith("https://") || isSsh(repo);
    }

    /** {@code ssh://user@host/path} or scp-like {@code user@host:path} (a local path has no host part). */
    private static boolean isSsh(String url) {
        return (url.startsWith("ssh://") || !url.contains("://") && url.contains("@")) && RemoteGit.sshUri(url) != null;
    }

    /**
     * The URL guard's check of an SSH remote's host (its address check is scheme-blind): refused when it resolves
     * to a denied address; a name that does not resolve yet is accepted, as for an http(s) URL.
     */
    private List<FieldViolation> sshAddressProblems(String url) {
        try {
            guard.resolveChecked(RemoteGit.sshUri(url).getHost());
            return List.of();
        } catch (OutboundUrlGuard.BlockedUrlException e) {
            return List.of(new FieldViolation("git.repo", e.reason()));
        } catch (java.net.UnknownHostException e) {
            return List.of();
        }
    }

    /**
     * Why a configured http(s) remote cannot be served, checked as a registration's fields are (the URL guard, the
     * credentials' name, the layout the store writes); null when it can.
     */
    private String configuredRemoteProblem(PorchProperties.Repository repository) {
        PorchProperties.Git git = repository.git();
        List<FieldViolation> refused = isSsh(git.repo().trim())
                ? sshAddressProblems(git.repo().trim())
                : guard.checkForRegistration("git.repo", git.repo().trim());
        if (!refused.isEmpty()) {
            return "git.repo " + refused.get(0).message();
        }
        if (git.secretRef() != null && !remoteGit.credentials().containsKey(git.secretRef())) {
            return "git.secret-ref names no entry of aiops.porch.remote-git.credentials";
        }
        if (git.secretRef() == null && isSsh(git.repo().trim())) {
            return "an SSH remote needs git.secret-ref naming credentials with private-key and known-hosts";
        }
        if (!GitPackageStore.MAIN.equals(git.branch()) || !"/".equals(git.directory())) {
            return "only branch main and directory / are served";
        }
        return null;
    }

    /**
     * READY / UNAVAILABLE for a configured git repository that is served, or an http(s) or SSH remote that could be
     * but is not (refused by the guard, unknown credentials, an unusable key or known_hosts, a host key that does not
     * match, not fetched at start: see the log); UNSUPPORTED for what this adapter does not serve from configuration
     * (OCI, a Porch API server, another branch or directory than main and /).
     */
    private RepositoryView.Status configuredStatus(PorchProperties.Repository repository) {
        if (!stores.serves(repository.name())) {
            return isConfiguredRemote(repository)
                            && GitPackageStore.MAIN.equals(repository.git().branch())
                            && "/".equals(repository.git().directory())
                    ? RepositoryView.Status.UNAVAILABLE
                    : RepositoryView.Status.UNSUPPORTED;
        }
        return stores.store(repository.name()).healthy()
                ? RepositoryView.Status.READY
                : RepositoryView.Status.UNAVAILABLE;
    }

    private Path directoryOf(String name) {
        return properties.registeredDirectory().resolve(name + ".git");
    }

    private static ApiException notFound(String name) {
        return new ApiException(ErrorCode.REPOSITORY_NOT_FOUND, "No repository named " + name);
    }
}
