package dev.aiops.intent.cnf;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Edits the deployment.yaml of a package for a change, through the typed Deployment model (what the package
 * holds must stay valid Kubernetes): replicas, container requests and limits, the change number on the
 * Deployment (what the health monitor looks for to know the cluster runs this revision) and, for a heal, a
 * restart annotation on the pod template, which makes Kubernetes replace every pod as {@code kubectl
 * rollout restart} does.
 */
final class DeploymentEdits {

    static final String DEPLOYMENT_FILE = "deployment.yaml";
    static final String CHANGE_ANNOTATION = "aiops.dev/change";
    static final String RESTART_ANNOTATION = "kubectl.kubernetes.io/restartedAt";
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private DeploymentEdits() {}

    /** The running package cannot be edited: a Configuration error, not retried. */
    static class Invalid extends RuntimeException {
        Invalid(String message) {
            super(message);
        }
    }

    static SortedMap<String, String> apply(Map<String, String> running, CnfEntity cnf) {
        String yaml = running == null ? null : running.get(DEPLOYMENT_FILE);
        if (yaml == null) {
            throw new Invalid("package " + cnf.getPackageRevisionName() + " has no " + DEPLOYMENT_FILE);
        }
        Deployment deployment;
        try {
            deployment = SERIALIZATION.unmarshal(yaml, Deployment.class);
        } catch (RuntimeException e) {
            throw new Invalid(DEPLOYMENT_FILE + " of " + cnf.getPackageRevisionName() + " is not a Deployment");
        }
        if (deployment == null
                || deployment.getSpec() == null
                || deployment.getSpec().getTemplate() == null
                || deployment.getSpec().getTemplate().getSpec() == null) {
            throw new Invalid(DEPLOYMENT_FILE + " of " + cnf.getPackageRevisionName() + " has no pod template");
        }
        deployment.getSpec().setReplicas(cnf.getReplicas());
        annotations(deployment.getMetadata()).put(CHANGE_ANNOTATION, Integer.toString(cnf.getChangeSeq()));
        if (cnf.isRestartRequested()) {
            if (deployment.getSpec().getTemplate().getMetadata() == null) {
                deployment.getSpec().getTemplate().setMetadata(new ObjectMeta());
            }
            annotations(deployment.getSpec().getTemplate().getMetadata())
                    .put(RESTART_ANNOTATION, "change-" + cnf.getChangeSeq());
        }
        Map<String, Object> resources = cnf.getResources();
        deployment.getSpec().getTemplate().getSpec().getContainers().forEach(container -> {
            if (container.getResources() == null) {
                return;
            }
            set(container.getResources().getRequests(), "cpu", resources.get("cpu"));
            set(container.getResources().getRequests(), "memory", resources.get("memory"));
            set(container.getResources().getLimits(), "cpu", resources.get("cpu_limit"));
            set(container.getResources().getLimits(), "memory", resources.get("memory_limit"));
        });
        SortedMap<String, String> files = new TreeMap<>(running);
        files.put(DEPLOYMENT_FILE, SERIALIZATION.asYaml(deployment));
        return files;
    }

    /** The change number the Deployment on the cluster carries, 0 when none. */
    static int changeOf(Deployment deployment) {
        Map<String, String> annotations = deployment.getMetadata().getAnnotations();
        String value = annotations == null ? null : annotations.get(CHANGE_ANNOTATION);
        try {
            return value == null ? 0 : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Map<String, String> annotations(ObjectMeta metadata) {
        if (metadata.getAnnotations() == null) {
            metadata.setAnnotations(new HashMap<>());
        }
        return metadata.getAnnotations();
    }

    private static void set(Map<String, Quantity> quantities, String key, Object value) {
        if (quantities != null && value != null) {
            quantities.put(key, new Quantity(value.toString()));
        }
    }
}
