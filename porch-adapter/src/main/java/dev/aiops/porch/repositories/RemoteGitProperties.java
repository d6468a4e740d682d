package dev.aiops.porch.repositories;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code aiops.porch.remote-git.*}: registered remote git repositories.
 *
 * @param timeout connect and read timeout of one fetch or push
 * @param credentials the secrets a registration may name in {@code git.secret_ref}, by name; in a deployment they
 *     come from a Kubernetes Secret as environment variables ({@code AIOPS_PORCH_REMOTEGIT_CREDENTIALS_<NAME>_PASSWORD}),
 *     so the API and the database only ever see the reference
 */
@ConfigurationProperties(prefix = "aiops.porch.remote-git")
record RemoteGitProperties(@DefaultValue("30s") Duration timeout, Map<String, Credentials> credentials) {

    RemoteGitProperties {
        credentials = credentials == null ? Map.of() : Map.copyOf(credentials);
    }

    /**
     * The credentials of a remote. Over http(s): HTTP basic {@code username} and {@code password} (or an access
     * token). Over SSH: {@code private-key}, the client's unencrypted private key (OpenSSH or PEM text), and
     * {@code known-hosts}, known_hosts lines of which one must give the server's host key for the URL's host name
     * ({@code [host]:port} for another port than 22): the host key is verified, never trusted on first use.
     */
    record Credentials(String username, String password, String privateKey, String knownHosts) {

        @Override
        public String toString() {
            return "Credentials[username=" + username + ", password=<hidden>, privateKey=<hidden>, knownHosts="
                    + knownHosts + "]";
        }
    }
}
