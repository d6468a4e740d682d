package dev.aiops.platform.outbound;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where outbound calls to user-supplied URLs may not go, bound under each service's own prefix (the
 * registry's {@code aiops.registry.url-guard.*}, the intent service's {@code aiops.intent.hub.url-guard.*}).
 * Besides these lists, the unspecified, link-local and multicast addresses are always refused, also inside
 * IPv6 forms that embed an IPv4 address. Loopback is refused unless {@code allowLoopback} is set, which only
 * the local launcher and tests do: a production service has no business calling itself or its pod's
 * sidecars.
 *
 * @param pinTtl how long a checked DNS answer is reused; connections go only to checked addresses
 */
public record UrlGuardProperties(
        @DefaultValue({
            "metadata.google.internal",
            "metadata.goog",
            "metadata",
            "instance-data",
            "instance-data.ec2.internal",
            "metadata.azure.internal"
        })
        List<String> deniedHosts,

        @DefaultValue({
            "0.0.0.0/8",
            "169.254.0.0/16",
            "100.100.100.200/32",
            "255.255.255.255/32",
            "::/128",
            "fe80::/10",
            "fd00:ec2::254/128"
        })
        List<String> deniedNetworks,

        @DefaultValue("false") boolean allowLoopback,
        @DefaultValue("2s") Duration resolveTimeout,
        @DefaultValue("30s") Duration pinTtl) {}
