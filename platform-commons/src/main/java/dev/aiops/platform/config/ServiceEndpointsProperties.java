package dev.aiops.platform.config;

import java.net.URI;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Base URLs of the platform's services by name ({@code aiops.services.cluster-registry.url=...}).
 * Defaults are the local launcher's ports; deployments override them.
 */
@ConfigurationProperties(prefix = "aiops")
public record ServiceEndpointsProperties(Map<String, Endpoint> services) {

    public ServiceEndpointsProperties {
        services = services == null ? Map.of() : Map.copyOf(services);
    }

    /** The base URL of a service, failing loudly for a name nobody configured. */
    public URI url(String serviceName) {
        Endpoint endpoint = services.get(serviceName);
        if (endpoint == null || endpoint.url() == null) {
            throw new IllegalStateException(
                    "No URL configured for service '" + serviceName + "': set aiops.services." + serviceName + ".url");
        }
        return endpoint.url();
    }

    public record Endpoint(URI url) {}
}
