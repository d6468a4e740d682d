package dev.aiops.porch.repositories;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.aiops.platform.outbound.UrlGuardProperties;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code aiops.porch.*}: where packages live.
 *
 * @param gitDirectory the embedded default repository, a local git repository in the data folder
 * @param repositories the package repositories, as Porch's Repository objects describe them
 * @param urlGuard what a user-supplied URL (a registered Porch API server) may point at: platform-commons'
 *     guard with its production defaults (loopback refused unless {@code allow-loopback}); the probe's
 *     {@code aiops.porch.url-guard.timeout} beside it is bound by {@link PorchProbeProperties}
 */
@ConfigurationProperties(prefix = "aiops.porch")
@Validated
public record PorchProperties(
        @DefaultValue("./data/packages.git") String gitDirectory,
        @Valid List<Repository> repositories,
        @DefaultValue @Valid UrlGuardProperties urlGuard) {

    public PorchProperties {
        repositories = repositories == null ? List.of() : List.copyOf(repositories);
    }

    /** Where repositories registered through the API are created: beside the embedded one. */
    public java.nio.file.Path registeredDirectory() {
        java.nio.file.Path embedded = java.nio.file.Path.of(gitDirectory).toAbsolutePath();
        return embedded.resolveSibling("repositories");
    }

    /**
     * @param name a Kubernetes object name, as Porch requires
     * @param deployment whether packages in it are meant for deployment (Porch's {@code spec.deployment})
     */
    public record Repository(
            @NotBlank @Pattern(regexp = "^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$")
            String name,

            @NotNull Type type,
            String description,
            boolean deployment,
            @Valid Git git) {}

    /**
     * @param repo URL or path of the git repository
     * @param secretRef name of the Secret holding its credentials, never the credentials themselves
     */
    public record Git(
            @NotBlank String repo,
            @DefaultValue("main") String branch,
            @DefaultValue("/") String directory,
            String secretRef) {}

    public enum Type {
        @JsonProperty("git")
        GIT,
        @JsonProperty("oci")
        OCI,
        /** a repository behind a Porch API server (porch.kpt.dev on Kubernetes) */
        @JsonProperty("porch")
        PORCH
    }
}
