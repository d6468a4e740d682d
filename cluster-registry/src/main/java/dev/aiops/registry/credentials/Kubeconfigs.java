package dev.aiops.registry.credentials;

import io.fabric8.kubernetes.api.model.AuthInfo;
import io.fabric8.kubernetes.api.model.Cluster;
import io.fabric8.kubernetes.api.model.Config;
import io.fabric8.kubernetes.api.model.NamedAuthInfo;
import io.fabric8.kubernetes.api.model.NamedCluster;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.internal.KubeConfigUtils;
import java.util.List;
import java.util.Objects;

/**
 * Reads the one context of a user-supplied kubeconfig that the registry will use, accepting inline
 * material only. Exec plugins and auth providers would run programs on the registry's host, and file
 * references would read its files, so both are refused rather than handed to the client library.
 */
final class Kubeconfigs {

    private Kubeconfigs() {}

    /** What the chosen context says; any field may be null. */
    record Material(
            String server,
            String certificateAuthorityData,
            boolean insecureSkipTlsVerify,
            String tlsServerName,
            String clientCertificateData,
            String clientKeyData,
            String token,
            String username,
            String password) {

        @Override
        public String toString() {
            return "Kubeconfig.Material[server=" + server + ", secrets=<redacted>]";
        }
    }

    /** Thrown with a message safe to show: it names the problem, never the content. */
    static final class InvalidKubeconfigException extends RuntimeException {
        InvalidKubeconfigException(String message) {
            super(message);
        }
    }

    static Material parse(String kubeconfig) {
        Config config;
        try {
            config = KubeConfigUtils.parseConfigFromString(kubeconfig);
        } catch (RuntimeException e) {
            throw new InvalidKubeconfigException("is not a valid kubeconfig document");
        }
        if (config == null) {
            throw new InvalidKubeconfigException("is not a valid kubeconfig document");
        }
        NamedContext context = pickContext(config);
        String clusterName =
                context.getContext() == null ? null : context.getContext().getCluster();
        String userName =
                context.getContext() == null ? null : context.getContext().getUser();
        Cluster cluster = nullSafe(config.getClusters()).stream()
                .filter(c -> Objects.equals(c.getName(), clusterName))
                .map(NamedCluster::getCluster)
                .filter(Objects::nonNull)
                .findFirst()
                .orElseThrow(
                        () -> new InvalidKubeconfigException("current context names a cluster that is not defined"));
        AuthInfo user = nullSafe(config.getUsers()).stream()
                .filter(u -> Objects.equals(u.getName(), userName))
                .map(NamedAuthInfo::getUser)
                .filter(Objects::nonNull)
                .findFirst()
                .orElseThrow(() -> new InvalidKubeconfigException("current context names a user that is not defined"));
        if (user.getExec() != null || user.getAuthProvider() != null) {
            throw new InvalidKubeconfigException(
                    "must not use exec plugins or auth providers; use a token or client certificate");
        }
        if (user.getTokenFile() != null
                || user.getClientCertificate() != null
                || user.getClientKey() != null
                || cluster.getCertificateAuthority() != null) {
            throw new InvalidKubeconfigException(
                    "must carry certificates and tokens inline (*-data fields), not file paths");
        }
        boolean hasToken = user.getToken() != null && !user.getToken().isBlank();
        boolean hasCert = user.getClientCertificateData() != null && user.getClientKeyData() != null;
        boolean hasBasic = user.getUsername() != null && user.getPassword() != null;
        if (!hasToken && !hasCert && !hasBasic) {
            throw new InvalidKubeconfigException("user has no token, client certificate or username/password");
        }
        return new Material(
                cluster.getServer(),
                cluster.getCertificateAuthorityData(),
                Boolean.TRUE.equals(cluster.getInsecureSkipTlsVerify()),
                cluster.getTlsServerName(),
                user.getClientCertificateData(),
                user.getClientKeyData(),
                user.getToken(),
                user.getUsername(),
                user.getPassword());
    }

    private static NamedContext pickContext(Config config) {
        List<NamedContext> contexts = nullSafe(config.getContexts());
        if (contexts.isEmpty()) {
            throw new InvalidKubeconfigException("has no context");
        }
        if (config.getCurrentContext() == null || config.getCurrentContext().isBlank()) {
            if (contexts.size() == 1) {
                return contexts.get(0);
            }
            throw new InvalidKubeconfigException("has several contexts and no current-context");
        }
        return contexts.stream()
                .filter(c -> config.getCurrentContext().equals(c.getName()))
                .findFirst()
                .orElseThrow(() -> new InvalidKubeconfigException("current-context is not defined"));
    }

    private static <T> List<T> nullSafe(List<T> list) {
        return list == null ? List.of() : list;
    }
}
