package dev.aiops.porch.git;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.sshd.ServerKeyDatabase;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;

/**
 * What one SSH remote is reached with: its private key and the known_hosts lines its server's host key must match,
 * both from the adapter's configuration. The session factory built from them is set on each transport
 * ({@code SshTransport.setSshSessionFactory}), never JGit-wide, and reads nothing from {@code ~/.ssh}: no
 * ssh_config (so no ProxyJump, no agent or forwarding settings), no default identities, no known_hosts file, no SSH
 * agent, no proxy. Public-key authentication only.
 *
 * <p>The connection goes to the IP address the URL guard checked ({@link RemoteGit} rewrites the URI), so the
 * host key is looked up here under the remote's original host name and port, whatever address sshd connected to.
 * An unknown or different host key is refused (never added, never trusted on first use) and counted, so the
 * failure can be reported as a host-key verification failure.
 */
final class SshAccess {

    /** Where JGit would look for ssh files: a directory that never exists, so nothing is read from disk. */
    private static final File NOWHERE = new File("/nonexistent/aiops-porch-ssh");

    private final List<KeyPair> keys;
    private final List<KnownHostEntry> knownHosts;
    private final String host;
    private final int port;
    private final AtomicInteger hostKeyRejections = new AtomicInteger();

    /**
     * @param privateKey an unencrypted private key, OpenSSH or PEM format
     * @param knownHosts known_hosts lines ({@code host keytype base64}, {@code [host]:port ...} for another port
     *     than 22; hashed names allowed)
     * @param host the remote's host name as written in its URL
     * @param port the remote's port (22 when the URL has none)
     */
    SshAccess(String privateKey, String knownHosts, String host, int port) {
        this.host = host;
        this.port = port;
        try {
            List<KeyPair> loaded = new ArrayList<>();
            Iterable<KeyPair> pairs = SecurityUtils.loadKeyPairIdentities(
                    null,
                    NamedResource.ofName("private-key"),
                    new ByteArrayInputStream(privateKey.getBytes(StandardCharsets.UTF_8)),
                    FilePasswordProvider.EMPTY);
            if (pairs != null) {
                pairs.forEach(loaded::add);
            }
            if (loaded.isEmpty()) {
                throw new IllegalArgumentException("no private key in private-key");
            }
            this.keys = List.copyOf(loaded);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("private-key is not an unencrypted OpenSSH or PEM private key");
        }
        try {
            this.knownHosts = List.copyOf(KnownHostEntry.readKnownHostEntries(new StringReader(knownHosts), true));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("known-hosts is not in known_hosts format");
        }
        if (trustedKeys().isEmpty()) {
            throw new IllegalArgumentException("known-hosts has no key for " + host + (port == 22 ? "" : ":" + port));
        }
    }

    /** How many host keys were refused so far: a change across a call means that call failed host-key checks. */
    int hostKeyRejections() {
        return hostKeyRejections.get();
    }

    SshdSessionFactory sessionFactory() {
        return new SshdSessionFactoryBuilder()
                .setHomeDirectory(NOWHERE)
                .setSshDirectory(NOWHERE)
                .setConfigStoreFactory((home, configFile, localUser) -> null)
                .setDefaultKeysProvider(directory -> keys)
                .setDefaultIdentities(directory -> List.of())
                .setDefaultKnownHostsFiles(directory -> List.of())
                .setServerKeyDatabase((home, sshDirectory) -> new Database())
                .setPreferredAuthentications("publickey")
                .setConnectorFactory(null)
                .setProxyDataFactory(remote -> null)
                .build(null);
    }

    /** The keys known_hosts gives for the remote's own name and port (not for the address connected to). */
    private List<PublicKey> trustedKeys() {
        List<PublicKey> trusted = new ArrayList<>();
        for (KnownHostEntry entry : knownHosts) {
            // a revoked key (@revoked) or a CA (@cert-authority) is never a trusted host key here
            if (entry.getMarker() != null || !entry.isHostMatch(host, port)) {
                continue;
            }
            try {
                PublicKey key = entry.getKeyEntry().resolvePublicKey(null, null, PublicKeyEntryResolver.IGNORING);
                if (key != null) {
                    trusted.add(key);
                }
            } catch (IOException | GeneralSecurityException e) {
                // an unreadable line trusts nothing
            }
        }
        return trusted;
    }

    private final class Database implements ServerKeyDatabase {

        @Override
        public List<PublicKey> lookup(String connectAddress, InetSocketAddress remoteAddress, Configuration config) {
            return trustedKeys();
        }

        @Override
        public boolean accept(
                String connectAddress,
                InetSocketAddress remoteAddress,
                PublicKey serverKey,
                Configuration config,
                CredentialsProvider provider) {
            for (PublicKey trusted : trustedKeys()) {
                if (KeyUtils.compareKeys(trusted, serverKey)) {
                    return true;
                }
            }
            hostKeyRejections.incrementAndGet();
            return false;
        }
    }
}
