package dev.aiops.intent.support;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;

/**
 * A cluster's Kubernetes API for the tests: fabric8's mock server in CRUD mode (what is written is what is
 * read back, as from an API server), plus {@code /readyz} for the registry's health checks. Tests play the
 * GitOps agent and the Deployment controller: they write the Deployment a published package describes and
 * its status.
 */
public final class KubernetesCluster implements AutoCloseable {

    private final KubernetesMockServer server;
    private final KubernetesClient client;

    public KubernetesCluster() {
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        server = new KubernetesMockServer(
                new Context(), new MockWebServer(), responses, new KubernetesMixedDispatcher(responses), false);
        server.init();
        server.expect().get().withPath("/readyz").andReturn(200, "ok").always();
        client = server.createClient();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getPort();
    }

    /**
     * Writes the Deployment with {@code ready} of {@code replicas} ready, Available when all are, carrying
     * change number {@code change} as the package's revision does (0: the first revision).
     */
    public Deployment deployment(String namespace, String name, int replicas, int ready, int change) {
        Deployment desired = new DeploymentBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(namespace)
                .addToAnnotations(change > 0 ? Map.of("aiops.dev/change", Integer.toString(change)) : Map.of())
                .endMetadata()
                .withNewSpec()
                .withReplicas(replicas)
                .withNewSelector()
                .addToMatchLabels("app.kubernetes.io/name", name)
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .addToLabels("app.kubernetes.io/name", name)
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("nf")
                .withImage("registry.example/nf:1.0")
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
        Deployment stored = client.apps()
                .deployments()
                .inNamespace(namespace)
                .resource(desired)
                .createOr(NonDeletingOperation::update);
        boolean available = ready >= replicas;
        stored.setStatus(new DeploymentStatusBuilder()
                .withObservedGeneration(stored.getMetadata().getGeneration())
                .withReplicas(replicas)
                .withUpdatedReplicas(replicas)
                .withReadyReplicas(ready)
                .withAvailableReplicas(ready)
                .withUnavailableReplicas(replicas - ready)
                .withConditions(new DeploymentConditionBuilder()
                        .withType("Available")
                        .withStatus(available ? "True" : "False")
                        .withReason(available ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable")
                        .withMessage(
                                available
                                        ? "Deployment has minimum availability."
                                        : "Deployment does not have minimum availability.")
                        .build())
                .build());
        return client.apps()
                .deployments()
                .inNamespace(namespace)
                .resource(stored)
                .updateStatus();
    }

    /** From now on reading this Deployment is refused with 403, as for a token without the RBAC for it. */
    public void refuse(String namespace, String name) {
        server.expect()
                .get()
                .withPath("/apis/apps/v1/namespaces/" + namespace + "/deployments/" + name)
                .andReturn(
                        403,
                        new io.fabric8.kubernetes.api.model.StatusBuilder()
                                .withStatus("Failure")
                                .withReason("Forbidden")
                                .withCode(403)
                                .withMessage("deployments.apps \"" + name + "\" is forbidden")
                                .build())
                .always();
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}
