package dev.aiops.porch.repositories;

import dev.aiops.porch.porchapi.PorchApiBackend;
import java.nio.file.Path;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code aiops.porch.porch-api.*}: the credentials a Porch repository registration may name in {@code
 * porch.secret_ref}, and the id this adapter deployment marks its PackageRevisions with. A real Porch API server is an aggregated API behind the Kubernetes API server, so every call
 * needs a bearer token; in a deployment the token comes from a Kubernetes Secret as an environment variable
 * ({@code AIOPS_PORCH_PORCHAPI_CREDENTIALS_<NAME>_TOKEN}), so the API and the database only ever see the reference.
 *
 * @param credentials the named credentials; the name {@value PorchCredentials#IN_CLUSTER} is reserved
 * @param serviceAccountDirectory where the reference {@value PorchCredentials#IN_CLUSTER} reads the pod's own
 *     service account {@code token} and {@code ca.crt}, again before every client build (a rotated token is used)
 * @param instanceId the value of the {@code porch-adapter.aiops.dev/created-by} annotation on every PackageRevision
 *     this deployment creates; a 409 on create adopts only a Draft carrying this value, so deployments sharing a
 *     Porch namespace need different ids (the Helm chart sets {@code <release>.<namespace>})
 */
@ConfigurationProperties(prefix = "aiops.porch.porch-api")
record PorchApiCredentialsProperties(
        Map<String, Credentials> credentials,

        @DefaultValue("/var/run/secrets/kubernetes.io/serviceaccount")
        Path serviceAccountDirectory,

        @DefaultValue(PorchApiBackend.DEFAULT_INSTANCE_ID) String instanceId) {

    PorchApiCredentialsProperties {
        credentials = credentials == null ? Map.of() : Map.copyOf(credentials);
        // a blank mark would be written and adopted like any other: refuse it at start-up instead
        if (instanceId == null || instanceId.isBlank()) {
            throw new IllegalArgumentException("aiops.porch.porch-api.instance-id must not be blank");
        }
    }

    /**
     * @param token a service account bearer token
     * @param caCertificate PEM certificate(s) of the CA the API server's certificate is checked against; without it
     *     the JVM's trust store is used (TLS verification is never switched off)
     */
    record Credentials(String token, String caCertificate) {

        @Override
        public String toString() {
            return "Credentials[token=<hidden>, caCertificate=" + (caCertificate == null ? "none" : "given") + "]";
        }
    }
}
