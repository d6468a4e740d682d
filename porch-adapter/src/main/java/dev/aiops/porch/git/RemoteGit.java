package dev.aiops.porch.git;

import dev.aiops.platform.outbound.GuardedHttpClients;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import okhttp3.OkHttpClient;
import org.eclipse.jgit.errors.NoRemoteRepositoryException;
import org.eclipse.jgit.errors.NotSupportedException;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.ReceiveCommand;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.TransportHttp;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/**
 * The remote a local mirror repository pushes to and fetches from, over HTTP(S). Every ref change goes to the
 * remote first, as one atomic push with the old value each ref must still have (compare-and-swap on the server,
 * so a concurrent update from elsewhere is rejected, never overwritten); only then is the mirror updated. A fetch
 * mirrors every branch and tag of the remote, pruning the ones deleted there.
 *
 * <p>{@code guard} runs before every connection (the platform's URL guard: a name re-pointed at a denied address
 * since registration is refused), and the connection that follows goes to the address it checked: JGit's HTTP
 * transport runs over the guarded client ({@link PinnedHttpConnections}), whose DNS is the guard's pinned answer,
 * so a name answering differently on a second lookup (DNS rebinding) cannot steer it elsewhere. No HTTP redirect
 * is followed (neither by the client nor by JGit, whose mirror configuration says so too), no proxy is used.
 */
public final class RemoteGit {

    private static final List<RefSpec> MIRROR =
            List.of(new RefSpec("+refs/heads/*:refs/heads/*"), new RefSpec("+refs/tags/*:refs/tags/*"));

    private final URIish uri;
    private final String display;
    private final CredentialsProvider credentials;
    private final int timeoutSeconds;
    private final Consumer<String> guard;
    private final PinnedHttpConnections connections;

    /**
     * @param url an http(s) URL without user information
     * @param username null when the remote needs no credentials
     * @param guard throws to refuse a connection to {@code url}; resolves and pins the address {@code http} connects to
     * @param http the guarded client every request goes through (the guard as its DNS, no redirects, no proxy)
     */
    public RemoteGit(
            String url, String username, String password, Duration timeout, Consumer<String> guard, OkHttpClient http) {
        try {
            this.uri = new URIish(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a git URL");
        }
        this.display = url;
        this.credentials = username == null ? null : new UsernamePasswordCredentialsProvider(username, password);
        this.timeoutSeconds = (int) Math.max(1, timeout.toSeconds());
        this.guard = guard;
        this.connections = new PinnedHttpConnections(http);
    }

    public String url() {
        return display;
    }

    /** Configures a mirror so its transports follow no redirect. */
    void configure(Repository repository) throws java.io.IOException {
        repository.getConfig().setString("http", null, "followRedirects", "false");
        repository.getConfig().save();
    }

    /** Mirrors the remote's branches and tags into {@code repository}, pruning the ones deleted there. */
    void fetch(Repository repository) {
        try (Transport transport = open(repository)) {
            transport.setRemoveDeletedRefs(true);
            transport.fetch(NullProgressMonitor.INSTANCE, MIRROR);
        } catch (org.eclipse.jgit.errors.TransportException e) {
            throw failure(e);
        } catch (NotSupportedException e) {
            throw new RemoteGitException(RemoteGitException.Reason.UNAVAILABLE, "unsupported remote");
        }
    }

    /** Whether the remote answers a ref advertisement with these credentials right now. */
    boolean reachable(Repository repository) {
        try (Transport transport = open(repository);
                var connection = transport.openFetch()) {
            connection.getRefsMap();
            return true;
        } catch (org.eclipse.jgit.errors.TransportException | NotSupportedException | RemoteGitException e) {
            return false;
        }
    }

    /**
     * Pushes the commands as one atomic push; each ref must still be at the command's old id on the remote (zero:
     * must not exist). A ref that moved there is a {@link ConcurrentRefChangeException}.
     */
    void push(Repository repository, List<ReceiveCommand> commands) {
        List<RemoteRefUpdate> updates = new ArrayList<>();
        try {
            for (ReceiveCommand command : commands) {
                boolean delete = command.getNewId().equals(ObjectId.zeroId());
                updates.add(new RemoteRefUpdate(
                        repository,
                        delete ? null : command.getNewId().name(),
                        command.getRefName(),
                        true, // not a fast-forward check: the expected old id is the stronger one
                        null,
                        command.getOldId()));
            }
        } catch (java.io.IOException e) {
            throw new RemoteGitException(RemoteGitException.Reason.UNAVAILABLE, "cannot prepare the push");
        }
        PushResult result;
        try (Transport transport = open(repository)) {
            transport.setPushAtomic(true);
            result = transport.push(NullProgressMonitor.INSTANCE, updates);
        } catch (org.eclipse.jgit.errors.TransportException e) {
            throw failure(e);
        } catch (NotSupportedException e) {
            throw new RemoteGitException(RemoteGitException.Reason.UNAVAILABLE, "unsupported remote");
        }
        for (RemoteRefUpdate update : result.getRemoteUpdates()) {
            switch (update.getStatus()) {
                case OK, UP_TO_DATE -> {}
                case REJECTED_REMOTE_CHANGED, REJECTED_NONFASTFORWARD, REJECTED_OTHER_REASON, AWAITING_REPORT ->
                    throw new ConcurrentRefChangeException(
                            update.getRemoteName(),
                            "remote " + update.getStatus().name());
                default ->
                    throw new RemoteGitException(
                            RemoteGitException.Reason.UNAVAILABLE,
                            "the remote did not accept " + update.getRemoteName() + " (" + update.getStatus() + ")");
            }
        }
    }

    private Transport open(Repository repository) {
        try {
            guard.accept(display);
        } catch (RuntimeException e) {
            throw new RemoteGitException(RemoteGitException.Reason.BLOCKED, "the remote's address is not allowed");
        }
        try {
            Transport transport = Transport.open(repository, uri);
            if (!(transport instanceof TransportHttp http)) {
                // only HTTP(S) goes through the pinned connections; no other transport may reach the remote
                transport.close();
                throw new NotSupportedException("not an http(s) remote");
            }
            http.setHttpConnectionFactory(connections);
            transport.setTimeout(timeoutSeconds);
            if (credentials != null) {
                transport.setCredentialsProvider(credentials);
            }
            return transport;
        } catch (NotSupportedException | org.eclipse.jgit.errors.TransportException e) {
            throw new RemoteGitException(RemoteGitException.Reason.UNAVAILABLE, "unsupported remote");
        }
    }

    private static RemoteGitException failure(org.eclipse.jgit.errors.TransportException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof GuardedHttpClients.BlockedAddressException) {
                // the name resolved somewhere denied when the connection looked it up (the pin had expired)
                return new RemoteGitException(RemoteGitException.Reason.BLOCKED, "the remote's address is not allowed");
            }
        }
        String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        if (message.contains("not authorized")
                || message.contains("authentication")
                || message.contains("401")
                || message.contains("403")
                || message.contains("no credentialsprovider")) {
            return new RemoteGitException(
                    RemoteGitException.Reason.CREDENTIALS, "the remote git server refused the credentials");
        }
        if (e instanceof NoRemoteRepositoryException) {
            return new RemoteGitException(RemoteGitException.Reason.UNAVAILABLE, "no git repository at the URL");
        }
        return new RemoteGitException(RemoteGitException.Reason.UNAVAILABLE, "the remote git server is not reachable");
    }
}
