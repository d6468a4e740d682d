package dev.aiops.porch.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.ReceivePack;
import org.eclipse.jgit.transport.UploadPack;

/**
 * A real git-over-SSH server for tests: Apache MINA sshd's server on 127.0.0.1 (public-key authentication only,
 * one accepted client key) whose exec commands {@code git-upload-pack '/path'} and {@code git-receive-pack '/path'}
 * run JGit's {@link UploadPack} / {@link ReceivePack} over a bare repository under {@code root} (what git's own
 * sshd-side commands do). Every SSH session that reaches it is counted.
 */
public final class GitSshServer implements AutoCloseable {

    private final SshServer server;
    private final Path root;
    private final KeyPair hostKey;
    private final AtomicInteger sessions = new AtomicInteger();

    private GitSshServer(Path root, KeyPair hostKey, KeyPair clientKey) throws IOException {
        this.root = root;
        this.hostKey = hostKey;
        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        server.setPasswordAuthenticator(null);
        server.setKeyboardInteractiveAuthenticator(null);
        server.setPublickeyAuthenticator(
                (username, key, session) -> "git".equals(username) && KeyUtils.compareKeys(key, clientKey.getPublic()));
        server.setCommandFactory((channel, command) -> new GitCommand(root, command));
        server.addSessionListener(new SessionListener() {
            @Override
            public void sessionCreated(Session session) {
                sessions.incrementAndGet();
            }
        });
        server.start();
    }

    /** Starts a server with a fresh host key that accepts user {@code git} with {@code clientKey} only. */
    public static GitSshServer start(Path root, KeyPair clientKey) {
        try {
            return new GitSshServer(root, newKeyPair(), clientKey);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(256);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The private key in OpenSSH format, as an operator would paste it into configuration. */
    public static String openSshPrivateKey(KeyPair key) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(key, "porch-adapter", null, out);
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A known_hosts line giving {@code key} for {@code host} on this server's port. */
    public String knownHostsLine(String host, KeyPair key) {
        return "[" + host + "]:" + port() + " " + PublicKeyEntry.toString(key.getPublic()) + "\n";
    }

    /** A known_hosts line giving this server's real host key for {@code host}. */
    public String knownHostsLine(String host) {
        return knownHostsLine(host, hostKey);
    }

    public int port() {
        return server.getPort();
    }

    public Path root() {
        return root;
    }

    /** SSH sessions opened by clients so far (counted as soon as a connection is accepted). */
    public int sessions() {
        return sessions.get();
    }

    @Override
    public void close() {
        try {
            server.stop(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One {@code git-upload-pack} / {@code git-receive-pack} exec request, run on its own thread. */
    private static final class GitCommand implements Command, Runnable {
        private final Path root;
        private final String command;
        private InputStream in;
        private OutputStream out;
        private OutputStream err;
        private ExitCallback exit;

        GitCommand(Path root, String command) {
            this.root = root;
            this.command = command;
        }

        @Override
        public void setInputStream(InputStream in) {
            this.in = in;
        }

        @Override
        public void setOutputStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void setErrorStream(OutputStream err) {
            this.err = err;
        }

        @Override
        public void setExitCallback(ExitCallback callback) {
            this.exit = callback;
        }

        @Override
        public void start(ChannelSession channel, Environment env) {
            Thread thread = new Thread(this, "git-ssh-command");
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void destroy(ChannelSession channel) {
            // the command ends with its streams
        }

        @Override
        public void run() {
            int status = 0;
            try {
                String[] parts = command.split(" ", 2);
                String path = parts.length < 2 ? "" : parts[1].replace("'", "").replaceFirst("^/+", "");
                Path directory = root.resolve(path).normalize();
                if (!directory.startsWith(root)) {
                    throw new IOException("outside the server's root");
                }
                try (Repository repository = new FileRepositoryBuilder()
                        .setGitDir(directory.toFile())
                        .setMustExist(true)
                        .build()) {
                    switch (parts[0]) {
                        case "git-upload-pack" -> new UploadPack(repository).upload(in, out, err);
                        case "git-receive-pack" -> new ReceivePack(repository).receive(in, out, err);
                        default -> throw new IOException("unknown command " + parts[0]);
                    }
                }
            } catch (IOException | RuntimeException e) {
                status = 1;
                try {
                    err.write((e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8));
                    err.flush();
                } catch (IOException ignored) {
                    // the client is gone
                }
            } finally {
                try {
                    out.flush();
                } catch (IOException ignored) {
                    // the client is gone
                }
                exit.onExit(status);
            }
        }
    }
}
