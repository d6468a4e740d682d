package dev.aiops.porch.git;

import dev.aiops.platform.outbound.GuardedHttpClients;
import java.net.InetAddress;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
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
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.TransportHttp;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/**
 * The remote a local mirror repository pushes to and fetches from, over HTTP(S) or SSH. Every ref change goes to the
 * remote first, as one atomic push with the old value each ref must still have (compare-and-swap on the server,
 * so a concurrent update from elsewhere is rejected, never overwritten); only then is the mirror updated. A fetch
 * mirrors every branch and tag of the remote, pruning the ones deleted there.
 *
 * <p>{@code guard} runs before every connection (the platform's URL guard: a name re-pointed at a denied address
 * since registration is refused), and the connection that follows goes to the address it checked: JGit's HTTP
 * transport runs over the guarded client ({@link PinnedHttpConnections}), whose DNS is the guard's pinned answer,
 * so a name answering differently on a second lookup (DNS rebinding) cannot steer it elsewhere. No HTTP redirect
 * is followed (neither by the client nor by JGit, whose mirror configuration says so too), no proxy is used.
 *
 * <p>Over SSH ({@link #overSsh}) the guard's resolver is asked for the host's checked addresses before every
 * connection and the transport's URI names the first of them, so sshd connects there without a lookup of its
 * own; {@link SshAccess} supplies the key and verifies the host key under the URL's host name.
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
    private final SshAccess ssh;
    private final SshResolver sshResolver;

    /** Resolves an SSH remote's host through the URL guard: the checked addresses, or a throw to refuse. */
    @FunctionalInterface
    public interface SshResolver {
        List<InetAddress> resolve(String host) throws UnknownHostException;
    }

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
        this.ssh = null;
        this.sshResolver = null;
    }

    private RemoteGit(URIish uri, String url, Duration timeout, SshAccess ssh, SshResolver resolver) {
        this.uri = uri;
        this.display = url;
        this.credentials = null;
        this.timeoutSeconds = (int) Math.max(1, timeout.toSeconds());
        this.guard = null;
        this.connections = null;
        this.ssh = ssh;
        this.sshResolver = resolver;
    }

    /**
     * A remote reached over SSH ({@code ssh://user@host[:port]/path} or scp-like {@code user@host:path}),
     * public-key authentication only.
     *
     * @param privateKey the client's unencrypted private key (OpenSSH or PEM)
     * @param knownHosts known_hosts lines; the server's host key must be one of those given for the URL's host name
     * @param resolver the URL guard's check of the host: the connection goes to the first address it answers
     * @throws IllegalArgumentException when the URL, the key or known_hosts cannot be used (the message names which)
     */
    public static RemoteGit overSsh(
            String url, String privateKey, String knownHosts, Duration timeout, SshResolver resolver) {
        URIish uri = sshUri(url);
        if (uri == null) {
            throw new IllegalArgumentException("not an SSH git URL");
        }
        if (privateKey == null || privateKey.isBlank()) {
            throw new IllegalArgumentException("an SSH remote needs a private-key in its credentials");
        }
        if (knownHosts == null || knownHosts.isBlank()) {
            throw new IllegalArgumentException("an SSH remote needs known-hosts in its credentials");
        }
        int port = uri.getPort() > 0 ? uri.getPort() : 22;
        return new RemoteGit(uri, url, timeout, new SshAccess(privateKey, knownHosts, uri.getHost(), port), resolver);
    }

    /**
     * The URL as an SSH git URL ({@code ssh://} or scp-like {@code [user@]host:path}) with a host and a path and no
     * password; null when it is not one.
     */
    public static URIish sshUri(String url) {
        if (url == null || url.contains("://") && !url.startsWith("ssh://")) {
            return null;
        }
        try {
            URIish uri = new URIish(url);
            boolean ssh = "ssh".equals(uri.getScheme()) || uri.getScheme() == null && !url.startsWith("/");
            if (!ssh
                    || uri.getHost() == null
                    || uri.getHost().isBlank()
                    || uri.getPath() == null
                    || uri.getPath().isBlank()
                    || uri.getPass() != null) {
                return null;
            }
            return uri;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    public String url() {
        return display;
    }

    /** Configures a mirror so its transports follow no redirect. */
    void configure(Repository repository) throws java.io.IOException {
        if (ssh != null) {
            return; // http.* settings are irrelevant over SSH
        }
        repository.getConfig().setString("http", null, "followRedirects", "false");
        repository.getConfig().save();
    }

    /** Mirrors the remote's branches and tags into {@code repository}, pruning the ones deleted there. */
    void fetch(Repository repository) {
        int before = hostKeyRejections();
        try (Transport transport = open(repository)) {
            transport.setRemoveDeletedRefs(true);
            transport.fetch(NullProgressMonitor.INSTANCE, MIRROR);
        } catch (org.eclipse.jgit.errors.TransportException e) {
            throw failure(e, before);
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
        int before = hostKeyRejections();
        try (Transport transport = open(repository)) {
            transport.setPushAtomic(true);
            result = transport.push(NullProgressMonitor.INSTANCE, updates);
        } catch (org.eclipse.jgit.errors.TransportException e) {
            throw failure(e, before);
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
        if (ssh != null) {
            return openSsh(repository);
        }
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

    /**
     * An SSH transport to the address the guard checked: the URI's host is replaced by that address (so sshd does
     * no lookup of its own), while {@link SshAccess} verifies the host key under the URL's host name.
     */
    private Transport openSsh(Repository repository) {
        InetAddress address;
        try {
            address = sshResolver.resolve(uri.getHost()).get(0);
        } catch (UnknownHostException e) {
            throw new RemoteGitException(RemoteGitException.Reason.UNAVAILABLE, "the remote's host does not resolve");
        } catch (RuntimeException e) {
            throw new RemoteGitException(RemoteGitException.Reason.BLOCKED, "the remote's address is not allowed");
        }
        String literal = address.getHostAddress();
        URIish pinned = uri.setHost(address instanceof java.net.Inet6Address ? "[" + literal + "]" : literal);
        try {
            Transport transport = Transport.open(repository, pinned);
            if (!(transport instanceof SshTransport sshTransport)) {
                transport.close();
                throw new NotSupportedException("not an SSH remote");
            }
            sshTransport.setSshSessionFactory(ssh.sessionFactory());
            transport.setTimeout(timeoutSeconds);
            return transport;
        } catch (NotSupportedException | org.eclipse.jgit.errors.TransportException e) {
            throw new RemoteGitException(RemoteGitException.Reason.UNAVAILABLE, "unsupported remote");
        }
    }

    private RemoteGitException failure(org.eclipse.jgit.errors.TransportException e, int hostKeyRejectionsBefore) {
        if (ssh != null && ssh.hostKeyRejections() != hostKeyRejectionsBefore) {
            return new RemoteGitException(
                    RemoteGitException.Reason.HOST_KEY,
                    "SSH host key verification failed: the server's host key is not the one known-hosts gives for "
                            + uri.getHost());
        }
        if (ssh != null) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                String message = String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT);
                // JGit's "Cannot log in at host:port", sshd's "No more authentication methods available"
                if (message.contains("cannot log in") || message.contains("no more authentication methods")) {
                    return new RemoteGitException(
                            RemoteGitException.Reason.CREDENTIALS, "the SSH server refused the private key");
                }
            }
        }
        return failure(e);
    }

    private int hostKeyRejections() {
        return ssh == null ? 0 : ssh.hostKeyRejections();
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
