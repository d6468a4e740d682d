package dev.aiops.porch.repositories;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code aiops.porch.api.*}: the calls the packages API makes to a registered Porch API server.
 *
 * @param connectTimeout connect timeout of one call
 * @param requestTimeout bound of one call; Porch renders a package on every write, so this is longer than the
 *     health probe's
 */
@ConfigurationProperties(prefix = "aiops.porch.api")
record PorchApiProperties(
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("30s") Duration requestTimeout) {}
