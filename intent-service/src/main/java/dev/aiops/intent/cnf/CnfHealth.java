package dev.aiops.intent.cnf;

import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the cluster says about a CNF, as three checks that must all hold before it is Active:
 *
 * <ul>
 *   <li>{@code DeploymentReady}: the Deployment's own status ({@link DeploymentHealth});
 *   <li>{@code PodsReady}: the pods its selector matches, not terminating, with condition Ready True,
 *       exactly as many as the CNF's replicas (more means a rollout still has old pods serving);
 *   <li>{@code EndpointsReady}: the package's Service (named as the package) has ready addresses, in its
 *       EndpointSlices or, without any, its v1 Endpoints: the pods are reachable, not only running.
 * </ul>
 *
 * @param reason the first check that fails, or all three summed up when ready
 * @param checks each check's outcome by type, as stored on the CNF and shown in its conditions
 */
record CnfHealth(boolean found, boolean ready, int readyReplicas, String reason, Map<String, Check> checks) {

    static final String DEPLOYMENT_READY = "DeploymentReady";
    static final String PODS_READY = "PodsReady";
    static final String ENDPOINTS_READY = "EndpointsReady";
    static final List<String> CHECKS = List.of(DEPLOYMENT_READY, PODS_READY, ENDPOINTS_READY);

    record Check(boolean status, String message) {}

    /** What was read from the cluster: pods and endpoints only when the Deployment exists. */
    record Observed(Optional<Deployment> deployment, List<Pod> pods, ClusterApi.ServiceEndpoints endpoints) {

        static Observed nothing() {
            return new Observed(Optional.empty(), List.of(), new ClusterApi.ServiceEndpoints(List.of(), null));
        }
    }

    static CnfHealth of(Observed observed, CnfEntity cnf) {
        DeploymentHealth deployment = DeploymentHealth.of(observed.deployment(), cnf);
        Map<String, Check> checks = new LinkedHashMap<>();
        checks.put(DEPLOYMENT_READY, new Check(deployment.ready(), deployment.reason()));
        if (!deployment.found()) {
            String none = "no Deployment " + cnf.getPackageName() + " yet";
            checks.put(PODS_READY, new Check(false, none));
            checks.put(ENDPOINTS_READY, new Check(false, none));
            return new CnfHealth(false, false, 0, deployment.reason(), checks);
        }
        Check pods = pods(observed.pods(), cnf.getReplicas());
        Check endpoints = endpoints(observed.endpoints(), cnf.getPackageName());
        checks.put(PODS_READY, pods);
        checks.put(ENDPOINTS_READY, endpoints);
        if (!deployment.ready()) {
            return new CnfHealth(true, false, deployment.readyReplicas(), deployment.reason(), checks);
        }
        if (!pods.status()) {
            return new CnfHealth(true, false, deployment.readyReplicas(), pods.message(), checks);
        }
        if (!endpoints.status()) {
            return new CnfHealth(true, false, deployment.readyReplicas(), endpoints.message(), checks);
        }
        return new CnfHealth(
                true,
                true,
                deployment.readyReplicas(),
                deployment.reason() + ", " + pods.message() + ", " + endpoints.message(),
                checks);
    }

    private static Check pods(List<Pod> pods, int wanted) {
        List<Pod> live = pods.stream()
                .filter(p -> p.getMetadata() == null || p.getMetadata().getDeletionTimestamp() == null)
                .toList();
        long ready = live.stream().filter(CnfHealth::podReady).count();
        if (ready == wanted) {
            return new Check(true, ready + "/" + wanted + " pods Ready");
        }
        if (ready > wanted) {
            return new Check(false, ready + " pods Ready where " + wanted + " are wanted (old pods still serving)");
        }
        String why = live.stream()
                .filter(p -> !podReady(p))
                .map(CnfHealth::notReadyBecause)
                .findFirst()
                .map(text -> " (" + text + ")")
                .orElse("");
        return new Check(false, ready + "/" + wanted + " pods Ready" + why);
    }

    private static boolean podReady(Pod pod) {
        return pod.getStatus() != null
                && pod.getStatus().getConditions() != null
                && pod.getStatus().getConditions().stream()
                        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static String notReadyBecause(Pod pod) {
        String name = pod.getMetadata() == null ? "?" : pod.getMetadata().getName();
        String detail = pod.getStatus() == null || pod.getStatus().getConditions() == null
                ? null
                : pod.getStatus().getConditions().stream()
                        .filter(c -> "Ready".equals(c.getType()))
                        .map(PodCondition::getReason)
                        .filter(Objects::nonNull)
                        .findFirst()
                        .orElse(null);
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        return "pod " + name + (phase != null ? " " + phase : "") + (detail != null ? ", " + detail : "");
    }

    private static Check endpoints(ClusterApi.ServiceEndpoints endpoints, String service) {
        long ready;
        String source;
        if (!endpoints.slices().isEmpty()) {
            source = "EndpointSlices";
            ready = endpoints.slices().stream()
                    .filter(s -> s.getEndpoints() != null)
                    .flatMap(s -> s.getEndpoints().stream())
                    .filter(CnfHealth::endpointReady)
                    .mapToLong(e -> e.getAddresses().size())
                    .sum();
        } else if (endpoints.endpoints() != null && endpoints.endpoints().getSubsets() != null) {
            source = "Endpoints";
            ready = endpoints.endpoints().getSubsets().stream()
                    .map(EndpointSubset::getAddresses)
                    .filter(Objects::nonNull)
                    .mapToLong(List<EndpointAddress>::size)
                    .sum();
        } else {
            return new Check(false, "Service " + service + " has no endpoints");
        }
        return ready > 0
                ? new Check(true, "Service " + service + " has " + ready + " ready endpoint(s)")
                : new Check(false, "Service " + service + " has no ready endpoints in its " + source);
    }

    /** The API's rule: a missing ready condition means ready; an endpoint without addresses serves nothing. */
    private static boolean endpointReady(Endpoint endpoint) {
        boolean ready = endpoint.getConditions() == null
                || endpoint.getConditions().getReady() == null
                || endpoint.getConditions().getReady();
        return ready
                && endpoint.getAddresses() != null
                && !endpoint.getAddresses().isEmpty();
    }
}
