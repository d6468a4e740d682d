package dev.aiops.intent.support;

import io.fabric8.kubernetes.api.model.EndpointSubsetBuilder;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
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

    private static final String SELECTOR = "app.kubernetes.io/name";

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
     * change number {@code change} as the package's revision does (0: the first revision); and, as the
     * kubelet and the EndpointSlice controller would, its {@code replicas} pods ({@code ready} of them Ready)
     * and the EndpointSlice of the package's Service (named as the Deployment) with their addresses.
     */
    public Deployment deployment(String namespace, String name, int replicas, int ready, int change) {
        Deployment written = deploymentOnly(namespace, name, replicas, ready, change);
        pods(namespace, name, replicas, ready);
        endpointSlice(namespace, name, replicas, ready);
        return written;
    }

    /** The Deployment and its status only: no pods, no endpoints (they are written separately). */
    public Deployment deploymentOnly(String namespace, String name, int replicas, int ready, int change) {
        Deployment desired = new DeploymentBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(namespace)
                .addToAnnotations(change > 0 ? Map.of("aiops.dev/change", Integer.toString(change)) : Map.of())
                .endMetadata()
                .withNewSpec()
                .withReplicas(replicas)
                .withNewSelector()
                .addToMatchLabels(SELECTOR, name)
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .addToLabels(SELECTOR, name)
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

    /**
     * Replaces the Deployment's pods (labelled with its selector) by {@code total} Running pods, {@code ready}
     * of them with condition Ready True, the others Ready False with reason ContainersNotReady.
     */
    public void pods(String namespace, String deployment, int total, int ready) {
        client.pods().inNamespace(namespace).withLabel(SELECTOR, deployment).delete();
        for (int i = 0; i < total; i++) {
            boolean isReady = i < ready;
            Pod pod = new PodBuilder()
                    .withNewMetadata()
                    .withName(deployment + "-7d9f8b6c5-" + (char) ('a' + i) + "x" + i)
                    .withNamespace(namespace)
                    .addToLabels(SELECTOR, deployment)
                    .addToLabels("pod-template-hash", "7d9f8b6c5")
                    .endMetadata()
                    .withNewSpec()
                    .addNewContainer()
                    .withName("nf")
                    .withImage("registry.example/nf:1.0")
                    .endContainer()
                    .endSpec()
                    .build();
            Pod created = client.pods().inNamespace(namespace).resource(pod).create();
            created.setStatus(new PodStatusBuilder()
                    .withPhase("Running")
                    .withPodIP(address(i))
                    .withConditions(
                            new PodConditionBuilder()
                                    .withType("PodScheduled")
                                    .withStatus("True")
                                    .build(),
                            new PodConditionBuilder()
                                    .withType("ContainersReady")
                                    .withStatus(isReady ? "True" : "False")
                                    .withReason(isReady ? null : "ContainersNotReady")
                                    .build(),
                            new PodConditionBuilder()
                                    .withType("Ready")
                                    .withStatus(isReady ? "True" : "False")
                                    .withReason(isReady ? null : "ContainersNotReady")
                                    .withMessage(isReady ? null : "containers with unready status: [nf]")
                                    .build())
                    .build());
            client.pods().inNamespace(namespace).resource(created).updateStatus();
        }
    }

    /**
     * Replaces the EndpointSlice of Service {@code service}: {@code total} endpoints, {@code ready} of them
     * with condition ready true (the others false, as for pods failing their readiness probe).
     */
    public void endpointSlice(String namespace, String service, int total, int ready) {
        removeEndpoints(namespace, service);
        EndpointSliceBuilder slice = new EndpointSliceBuilder()
                .withNewMetadata()
                .withName(service + "-x7k2p")
                .withNamespace(namespace)
                .addToLabels("kubernetes.io/service-name", service)
                .addToLabels("endpointslice.kubernetes.io/managed-by", "endpointslice-controller.k8s.io")
                .endMetadata()
                .withAddressType("IPv4")
                .addNewPort()
                .withName("metrics")
                .withPort(9090)
                .withProtocol("TCP")
                .endPort();
        for (int i = 0; i < total; i++) {
            slice.addNewEndpoint()
                    .withAddresses(address(i))
                    .withNewConditions()
                    .withReady(i < ready)
                    .withServing(i < ready)
                    .withTerminating(false)
                    .endConditions()
                    .withNewTargetRef()
                    .withKind("Pod")
                    .withNamespace(namespace)
                    .withName(service + "-7d9f8b6c5-" + (char) ('a' + i) + "x" + i)
                    .endTargetRef()
                    .endEndpoint();
        }
        client.discovery()
                .v1()
                .endpointSlices()
                .inNamespace(namespace)
                .resource(slice.build())
                .create();
    }

    /** A v1 Endpoints object for the Service, with {@code ready} addresses, and no EndpointSlice. */
    public void legacyEndpoints(String namespace, String service, int ready) {
        removeEndpoints(namespace, service);
        EndpointSubsetBuilder subset = new EndpointSubsetBuilder()
                .addNewPort()
                .withName("metrics")
                .withPort(9090)
                .withProtocol("TCP")
                .endPort();
        for (int i = 0; i < ready; i++) {
            subset.addNewAddress().withIp(address(i)).endAddress();
        }
        client.endpoints()
                .inNamespace(namespace)
                .resource(new EndpointsBuilder()
                        .withNewMetadata()
                        .withName(service)
                        .withNamespace(namespace)
                        .endMetadata()
                        .withSubsets(subset.build())
                        .build())
                .create();
    }

    /** The Service loses its EndpointSlices and Endpoints. */
    public void removeEndpoints(String namespace, String service) {
        client.discovery()
                .v1()
                .endpointSlices()
                .inNamespace(namespace)
                .withLabel("kubernetes.io/service-name", service)
                .delete();
        client.endpoints().inNamespace(namespace).withName(service).delete();
    }

    private static String address(int i) {
        return "10.128.0." + (10 + i);
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
