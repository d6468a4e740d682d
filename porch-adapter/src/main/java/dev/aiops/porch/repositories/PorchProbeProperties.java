package dev.aiops.porch.repositories;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The health probe's timeout, still under its original key {@code aiops.porch.url-guard.timeout}: the rest of
 * {@code aiops.porch.url-guard.*} binds into platform-commons' {@code UrlGuardProperties} ({@link
 * PorchProperties#urlGuard()}), which has no timeout of its own.
 *
 * @param timeout connect and read timeout of one probe of a registered Porch API server (the whole call is
 *     bounded by twice this)
 */
@ConfigurationProperties(prefix = "aiops.porch.url-guard")
record PorchProbeProperties(@DefaultValue("3s") Duration timeout) {}
