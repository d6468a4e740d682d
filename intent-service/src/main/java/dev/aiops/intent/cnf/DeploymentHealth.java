package dev.aiops.intent.cnf;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import java.util.Objects;
import java.util.Optional;

/**
 * What a Deployment on the cluster says about a CNF. Ready means: the controller has seen the current spec
 * ({@code observedGeneration}), the spec asks for the CNF's desired replicas, all of them are ready, the
 * {@code Available} condition is True, and — while a change is rolling out — the Deployment carries that
 * change's number, so the cluster runs the new revision and not the one before it.
 *
 * @param reason why it is not ready, or the replica count when it is
 */
record DeploymentHealth(boolean found, boolean ready, int readyReplicas, String reason) {

    static DeploymentHealth of(Optional<Deployment> found, CnfEntity cnf) {
        if (found.isEmpty()) {
            return new DeploymentHealth(
                    false,
                    false,
                    0,
                    "no Deployment " + cnf.getPackageName() + " in namespace " + cnf.getNamespace() + " on cluster "
                            + cnf.getClusterName());
        }
        Deployment deployment = found.get();
        DeploymentStatus status = deployment.getStatus() != null ? deployment.getStatus() : new DeploymentStatus();
        int wanted = deployment.getSpec() != null && deployment.getSpec().getReplicas() != null
                ? deployment.getSpec().getReplicas()
                : 1;
        int ready = status.getReadyReplicas() == null ? 0 : status.getReadyReplicas();
        Long generation = deployment.getMetadata().getGeneration();
        Long observed = status.getObservedGeneration();
        boolean available = status.getConditions() != null
                && status.getConditions().stream()
                        .anyMatch(c -> "Available".equals(c.getType()) && "True".equals(c.getStatus()));
        String reason;
        if (generation != null && (observed == null || observed < generation)) {
            reason = "Deployment generation " + generation + " not yet observed (at " + observed + ")";
        } else if (DeploymentEdits.changeOf(deployment) < cnf.getChangeSeq()) {
            reason = "cluster still runs change " + DeploymentEdits.changeOf(deployment) + ", not change "
                    + cnf.getChangeSeq();
        } else if (wanted != cnf.getReplicas()) {
            reason = "Deployment asks for " + wanted + " replicas, the CNF for " + cnf.getReplicas();
        } else if (ready < wanted) {
            reason = ready + "/" + wanted + " replicas ready" + unavailableMessage(status);
        } else if (!available) {
            reason = "Deployment not Available" + unavailableMessage(status);
        } else {
            return new DeploymentHealth(true, true, ready, ready + "/" + wanted + " replicas ready");
        }
        return new DeploymentHealth(true, false, ready, reason);
    }

    private static String unavailableMessage(DeploymentStatus status) {
        if (status.getConditions() == null) {
            return "";
        }
        return status.getConditions().stream()
                .filter(c -> "Available".equals(c.getType()) && !"True".equals(c.getStatus()))
                .map(DeploymentCondition::getMessage)
                .filter(Objects::nonNull)
                .findFirst()
                .map(message -> " (" + message + ")")
                .orElse("");
    }
}
