package dev.aiops.porch.repositories;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.HexFormat;
import java.util.Optional;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.springframework.stereotype.Component;

/**
 * Resolves a Porch repository's {@code porch.secret_ref} to its bearer token and CA bundle: an entry of {@code
 * aiops.porch.porch-api.credentials}, or {@value #IN_CLUSTER}, the pod's own service account, read from its files
 * each time (the kubelet rotates the token in place). Nothing resolved is stored, logged or returned by the API.
 */
@Component
class PorchCredentials {

    static final String IN_CLUSTER = "in-cluster";

    private final PorchApiCredentialsProperties properties;

    PorchCredentials(PorchApiCredentialsProperties properties) {
        this.properties = properties;
    }

    /** A bearer token and the PEM CA bundle (null: the JVM's trust store). */
    record Resolved(String token, String caCertificate) {

        /** What the client cache compares: a digest, so the cache key holds no secret. */
        String fingerprint() {
            try {
                MessageDigest digest = MessageDigest.getInstance("SHA-256");
                digest.update(token.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                if (caCertificate != null) {
                    digest.update(caCertificate.getBytes(StandardCharsets.UTF_8));
                }
                return HexFormat.of().formatHex(digest.digest());
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        /** A trust manager holding only the CA bundle; empty without one. */
        Optional<X509TrustManager> trustManager() {
            if (caCertificate == null) {
                return Optional.empty();
            }
            try {
                KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
                store.load(null, null);
                int i = 0;
                for (Certificate certificate : CertificateFactory.getInstance("X.509")
                        .generateCertificates(
                                new ByteArrayInputStream(caCertificate.getBytes(StandardCharsets.US_ASCII)))) {
                    store.setCertificateEntry("ca-" + i++, certificate);
                }
                if (i == 0) {
                    throw new IllegalArgumentException("the CA certificate holds no PEM certificate");
                }
                TrustManagerFactory factory =
                        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                factory.init(store);
                for (var manager : factory.getTrustManagers()) {
                    if (manager instanceof X509TrustManager x509) {
                        return Optional.of(x509);
                    }
                }
                throw new IllegalStateException("no X.509 trust manager");
            } catch (GeneralSecurityException | IOException e) {
                throw new IllegalArgumentException("the CA certificate is not valid PEM");
            }
        }

        @Override
        public String toString() {
            return "Resolved[token=<hidden>]";
        }
    }

    /** Whether {@code ref} names credentials at all (configured, or the reserved in-cluster reference). */
    boolean knows(String ref) {
        return IN_CLUSTER.equals(ref) || properties.credentials().containsKey(ref);
    }

    /**
     * The credentials {@code ref} names; empty for a null reference.
     *
     * @throws IllegalArgumentException naming what is missing (never its content) when they cannot be used
     */
    Optional<Resolved> resolve(String ref) {
        if (ref == null) {
            return Optional.empty();
        }
        Resolved resolved;
        if (IN_CLUSTER.equals(ref)) {
            Path directory = properties.serviceAccountDirectory();
            String token = read(directory.resolve("token"));
            if (token == null || token.isBlank()) {
                throw new IllegalArgumentException("no service account token in " + directory);
            }
            resolved = new Resolved(token.strip(), read(directory.resolve("ca.crt")));
        } else {
            PorchApiCredentialsProperties.Credentials credentials =
                    properties.credentials().get(ref);
            if (credentials == null) {
                throw new IllegalArgumentException("names no entry of aiops.porch.porch-api.credentials");
            }
            if (credentials.token() == null || credentials.token().isBlank()) {
                throw new IllegalArgumentException("its entry of aiops.porch.porch-api.credentials has no token");
            }
            resolved = new Resolved(credentials.token().strip(), credentials.caCertificate());
        }
        // checked here so that a bad CA bundle is refused at registration, not at the first call
        resolved.trustManager();
        return Optional.of(resolved);
    }

    private static String read(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
        } catch (IOException e) {
            return null;
        }
    }
}
