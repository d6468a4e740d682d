package dev.aiops.porch.repositories;

import com.fasterxml.jackson.annotation.JsonProperty;
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
 */
@ConfigurationProperties(prefix = "aiops.porch")
@Validated
public record PorchProperties(
        @DefaultValue("./data/packages.git") String gitDirectory,
        @Valid List<Repository> repositories) {

    public PorchProperties {
        repositories = repositories == null ? List.of() : List.copyOf(repositories);
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
        OCI
    }
}
