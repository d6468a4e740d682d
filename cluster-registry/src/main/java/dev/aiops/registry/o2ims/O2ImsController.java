package dev.aiops.registry.o2ims;

import dev.aiops.model.error.ErrorCode;
import dev.aiops.platform.error.ApiException;
import dev.aiops.registry.config.RegistryProperties;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** O2ims_InfrastructureInventory over the registered fleet. */
@RestController
@RequestMapping("/o2ims-infrastructureInventory")
@PreAuthorize("hasAnyRole('VIEWER', 'SERVICE')")
class O2ImsController {

    private final O2ImsInventory inventory;
    private final O2ImsSubscriptions subscriptions;
    private final RegistryProperties.O2ims properties;

    O2ImsController(O2ImsInventory inventory, O2ImsSubscriptions subscriptions, RegistryProperties properties) {
        this.inventory = inventory;
        this.subscriptions = subscriptions;
        this.properties = properties.o2ims();
    }

    @GetMapping("/v1/api_versions")
    O2ImsModels.ApiVersions apiVersions() {
        return new O2ImsModels.ApiVersions(O2ImsIds.PREFIX, List.of(new O2ImsModels.ApiVersion("1.0.0")));
    }

    /**
     * Every version this service implements. The prefix stays v1's, as pti-o2 clients read it; the list
     * names v2 as well, whose own {@code /v2/api_versions} carries its prefix.
     */
    @GetMapping("/api_versions")
    O2ImsModels.ApiVersions allVersions() {
        return new O2ImsModels.ApiVersions(
                O2ImsIds.PREFIX,
                List.of(new O2ImsModels.ApiVersion("1.0.0"), new O2ImsModels.ApiVersion(O2ImsV2Controller.VERSION)));
    }

    @GetMapping({"/v1", "/v1/"})
    O2ImsModels.OCloud oCloud(HttpServletRequest request) {
        String serviceUri = properties.serviceUri() != null
                ? properties.serviceUri().toString()
                : URI.create(request.getRequestURL().toString())
                        .resolve(O2ImsIds.PREFIX)
                        .toString();
        return inventory.oCloud(serviceUri);
    }

    @GetMapping("/v1/resourceTypes")
    List<O2ImsModels.ResourceType> resourceTypes() {
        return inventory.resourceTypes();
    }

    @GetMapping("/v1/resourceTypes/{id}")
    O2ImsModels.ResourceType resourceType(@PathVariable String id) {
        return inventory.resourceType(id).orElseThrow(() -> notFound("resource type", id));
    }

    @GetMapping("/v1/resourcePools")
    List<O2ImsModels.ResourcePool> resourcePools() {
        return inventory.resourcePools();
    }

    @GetMapping("/v1/resourcePools/{id}")
    O2ImsModels.ResourcePool resourcePool(@PathVariable String id) {
        return inventory.resourcePool(id).orElseThrow(() -> notFound("resource pool", id));
    }

    @GetMapping("/v1/resourcePools/{id}/resources")
    List<O2ImsModels.Resource> resources(@PathVariable String id) {
        return inventory.resources(resourcePool(id));
    }

    @GetMapping("/v1/resourcePools/{id}/resources/{resourceId}")
    O2ImsModels.Resource resource(@PathVariable String id, @PathVariable String resourceId) {
        return resources(id).stream()
                .filter(r -> r.resourceId().equals(resourceId))
                .findFirst()
                .orElseThrow(() -> notFound("resource", resourceId));
    }

    @GetMapping("/v1/deploymentManagers")
    List<O2ImsModels.DeploymentManager> deploymentManagers() {
        return inventory.deploymentManagers(null);
    }

    @GetMapping("/v1/deploymentManagers/{id}")
    O2ImsModels.DeploymentManager deploymentManager(@PathVariable UUID id) {
        return inventory.deploymentManagers(id.toString()).stream()
                .findFirst()
                .orElseThrow(() -> notFound("deployment manager", id.toString()));
    }

    @GetMapping("/v1/subscriptions")
    List<O2ImsModels.Subscription> subscriptions() {
        return subscriptions.list(O2ImsVersion.V1);
    }

    @PostMapping("/v1/subscriptions")
    @PreAuthorize("hasRole('OPERATOR')")
    ResponseEntity<O2ImsModels.Subscription> subscribe(@RequestBody O2ImsModels.SubscriptionRequest request) {
        O2ImsModels.Subscription created = subscriptions.create(O2ImsVersion.V1, request);
        return ResponseEntity.created(URI.create(O2ImsIds.PREFIX + "/subscriptions/" + created.subscriptionId()))
                .body(created);
    }

    @GetMapping("/v1/subscriptions/{id}")
    O2ImsModels.Subscription subscription(@PathVariable UUID id) {
        return subscriptions.get(O2ImsVersion.V1, id);
    }

    @DeleteMapping("/v1/subscriptions/{id}")
    @PreAuthorize("hasRole('OPERATOR')")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void unsubscribe(@PathVariable UUID id) {
        subscriptions.delete(O2ImsVersion.V1, id);
    }

    private static ApiException notFound(String what, String id) {
        return new ApiException(ErrorCode.NOT_FOUND, "No " + what + " with id " + id);
    }
}
