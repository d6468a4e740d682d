package dev.aiops.porch.porchapi;

import dev.aiops.model.error.ErrorCode;
import dev.aiops.model.packages.PackageLifecycle;
import dev.aiops.platform.error.ApiException;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The package operations on a Porch API server, as fabric8 generic resources in one namespace: PackageRevision as
 * the CRD in {@code ../shared/specs/porch} defines it ({@code porch.kpt.dev/v1alpha2}, lifecycle in
 * {@code spec.lifecycle}, approval by updating it, since a CRD has no {@code approval} subresource),
 * PackageRevisionResources from Porch's aggregated API ({@code porch.kpt.dev/v1alpha1}, no CRD, so no schema
 * check), PackageVariant and Repository ({@code config.porch.kpt.dev/v1alpha1}). Every object sent is checked against Porch's CRD schema first
 * ({@link PorchSchemas}: 400 naming the field, nothing sent). The server's answers map onto the adapter's
 * errors: 404 → PACKAGE_NOT_FOUND, 409 (a stale resourceVersion, a name taken) → CONFLICT, an illegal
 * lifecycle move → ILLEGAL_STATE_TRANSITION with the current lifecycle, anything else → SERVICE_UNAVAILABLE
 * without the server's message.
 *
 * <p>Behind the REST API through {@code packages.PorchBackend}: a package created in a registered Porch repository
 * goes through these calls.
 */
public final class PorchApiBackend {

    static final String PORCH = "porch.kpt.dev/v1alpha2";
    static final String CONFIG = "config.porch.kpt.dev/v1alpha1";

    private final KubernetesClient client;
    private final String namespace;
    private final String instanceId;
    private final PorchSchemas schemas;

    /**
     * @param instanceId the value of {@link #CREATED_BY} this adapter deployment writes and adopts
     *     ({@code aiops.porch.porch-api.instance-id}); unique per deployment sharing a Porch namespace
     */
    public PorchApiBackend(KubernetesClient client, String namespace, String instanceId) {
        this.client = client;
        this.namespace = namespace;
        this.instanceId = Objects.requireNonNull(instanceId, "instanceId");
        this.schemas = new PorchSchemas();
    }

    /** {@code spec.source.init}: a new package. */
    public static Map<String, Object> init(String description, String site, List<String> keywords) {
        Map<String, Object> init = new LinkedHashMap<>();
        init.put("description", description);
        init.put("site", site);
        init.put("keywords", keywords);
        return Map.of("init", init);
    }

    /**
     * {@code spec.source.cloneFrom}: a clone of a PackageRevision of a registered repository, by name ({@code
     * upstreamRef}; no {@code type}, which would ask for a raw git location instead).
     */
    public static Map<String, Object> cloneFrom(String upstreamRevision) {
        return Map.of("cloneFrom", Map.of("upstreamRef", Map.of("name", upstreamRevision)));
    }

    /**
     * {@code spec.source.upgrade}: {@code current} (cloned from {@code oldUpstream}) upgraded to {@code
     * newUpstream}, by PackageRevision names, with Porch's default resource-merge strategy.
     */
    public static Map<String, Object> upgrade(String oldUpstream, String newUpstream, String current) {
        Map<String, Object> upgrade = new LinkedHashMap<>();
        upgrade.put("oldUpstream", Map.of("name", oldUpstream));
        upgrade.put("newUpstream", Map.of("name", newUpstream));
        upgrade.put("currentPackage", Map.of("name", current));
        upgrade.put("strategy", "resource-merge");
        return Map.of("upgrade", upgrade);
    }

    /**
     * The annotation this adapter sets on every PackageRevision it creates, valued with its instance id: a Draft of
     * the adapter's deterministic name that carries this deployment's id, and matches the repository, package and
     * workspace asked for, is one an earlier attempt of the same create left behind (it died after Porch's create
     * and before its index row was written). Another deployment's id marks its Draft, never adopted here.
     */
    public static final String CREATED_BY = "porch-adapter.aiops.dev/created-by";

    /** {@code aiops.porch.porch-api.instance-id} when not set: fine for one deployment per Porch namespace. */
    public static final String DEFAULT_INSTANCE_ID = "aiops-porch-adapter";

    /**
     * A Draft PackageRevision named {@code {repository}.{package}.{workspace}}, as Porch names them, marked as this
     * adapter deployment's ({@link #CREATED_BY} = its instance id). Idempotent against a crash after Porch created
     * it: when Porch answers that the name exists (409) and the revision it holds is a Draft marked with this
     * instance id for the same repository, package and workspace, that Draft is answered (adopted, nothing sent);
     * any other revision of that name (created by someone else, by another adapter deployment, or already moved on
     * from Draft) is a CONFLICT and is left untouched.
     */
    public GenericKubernetesResource createDraft(
            String repository, String packageName, String workspace, Map<String, Object> source) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("packageName", packageName);
        spec.put("repository", repository);
        spec.put("workspaceName", workspace);
        spec.put("lifecycle", PackageLifecycle.DRAFT.porchValue());
        spec.put("source", source);
        GenericKubernetesResource revision = new GenericKubernetesResourceBuilder()
                .withApiVersion(PORCH)
                .withKind("PackageRevision")
                .withNewMetadata()
                .withName(repository + "." + packageName + "." + workspace)
                .withNamespace(namespace)
                .withAnnotations(Map.of(CREATED_BY, instanceId))
                .endMetadata()
                .addToAdditionalProperties("spec", spec)
                .build();
        checked(revision);
        String name = revision.getMetadata().getName();
        return call(() -> {
            try {
                return revisions().resource(revision).create();
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409) {
                    throw e;
                }
                GenericKubernetesResource existing = revisions().withName(name).get();
                if (existing != null && leftBehindByThisAdapter(existing, repository, packageName, workspace)) {
                    return existing;
                }
                throw new ApiException(
                        ErrorCode.CONFLICT,
                        "Porch already holds a package revision named " + name
                                + " that is not a Draft this adapter created");
            }
        });
    }

    @SuppressWarnings("unchecked")
    private boolean leftBehindByThisAdapter(
            GenericKubernetesResource existing, String repository, String packageName, String workspace) {
        Map<String, String> annotations = existing.getMetadata().getAnnotations();
        if (annotations == null || !instanceId.equals(annotations.get(CREATED_BY))) {
            return false;
        }
        if (!(existing.getAdditionalProperties().get("spec") instanceof Map<?, ?> map)) {
            return false;
        }
        Map<String, Object> spec = (Map<String, Object>) map;
        return repository.equals(spec.get("repository"))
                && packageName.equals(spec.get("packageName"))
                && workspace.equals(spec.get("workspaceName"))
                && lifecycle(existing) == PackageLifecycle.DRAFT;
    }

    public GenericKubernetesResource get(String name) {
        return call(() -> found(name, revisions().withName(name).get()));
    }

    /** The revision's files (PackageRevisionResources {@code spec.resources}) with its resourceVersion. */
    public GenericKubernetesResource resources(String name) {
        return call(() -> found(name, resourcesOf().withName(name).get()));
    }

    /**
     * Replaces a Draft's files. {@code resourceVersion} is the one read with them: Porch answers 409 when the
     * files changed since, and so does this call (never a silent overwrite).
     */
    @SuppressWarnings("unchecked")
    public GenericKubernetesResource updateResources(String name, Map<String, String> files, String resourceVersion) {
        return call(() -> {
            GenericKubernetesResource current =
                    found(name, resourcesOf().withName(name).get());
            current.getMetadata().setResourceVersion(Objects.requireNonNull(resourceVersion, "resourceVersion"));
            Map<String, Object> spec = (Map<String, Object>)
                    current.getAdditionalProperties().computeIfAbsent("spec", k -> new LinkedHashMap<>());
            spec.put("resources", new LinkedHashMap<>(files));
            current.getAdditionalProperties().remove("status");
            return resourcesOf().resource(current).update();
        });
    }

    /** Draft → Proposed: the spec's lifecycle, updated on the resourceVersion read (409 if it moved). */
    public GenericKubernetesResource propose(String name) {
        return move(name, PackageLifecycle.DRAFT, PackageLifecycle.PROPOSED);
    }

    /** Proposed → Published: the spec's lifecycle, updated on the resourceVersion read (409 if it moved). */
    public GenericKubernetesResource approve(String name) {
        return move(name, PackageLifecycle.PROPOSED, PackageLifecycle.PUBLISHED);
    }

    /**
     * Any lifecycle move ({@code from} → {@code to}): the spec's lifecycle, updated on the resourceVersion read.
     * ILLEGAL_STATE_TRANSITION (nothing sent) when Porch holds the revision in another lifecycle than
     * {@code from}; CONFLICT when it changed between the read and the update. A revision Porch already holds in
     * {@code to} is answered as it is, nothing sent: the adapter died after Porch made the move and before its
     * index recorded it, and the retried operation adopts the move (as a retried git approve adopts its tag).
     */
    public GenericKubernetesResource move(String name, PackageLifecycle from, PackageLifecycle to) {
        return call(() -> {
            GenericKubernetesResource current =
                    found(name, revisions().withName(name).get());
            if (lifecycle(current) == to) {
                return current;
            }
            GenericKubernetesResource revision = moved(current, from, to);
            checked(revision);
            return revisions().resource(revision).update();
        });
    }

    /** Deletes a revision; PACKAGE_NOT_FOUND when Porch has none of that name. */
    public void delete(String name) {
        call(() -> {
            var deleted = revisions().withName(name).delete();
            if (deleted == null || deleted.isEmpty()) {
                throw new ApiException(ErrorCode.PACKAGE_NOT_FOUND, "Porch has no package revision named " + name);
            }
            return null;
        });
    }

    /** The PackageRevisions of one Porch repository ({@code spec.repository}), as Porch lists them. */
    @SuppressWarnings("unchecked")
    public List<GenericKubernetesResource> list(String repository) {
        return call(() -> revisions().list().getItems().stream()
                .filter(r -> r.getAdditionalProperties().get("spec") instanceof Map<?, ?> spec
                        && repository.equals(((Map<String, Object>) spec).get("repository")))
                .toList());
    }

    /** {@code spec.lifecycle} of a PackageRevision, as the adapter's enum (null when Porch sent none it knows). */
    @SuppressWarnings("unchecked")
    public static PackageLifecycle lifecycle(GenericKubernetesResource revision) {
        if (revision.getAdditionalProperties().get("spec") instanceof Map<?, ?> spec) {
            Object value = ((Map<String, Object>) spec).get("lifecycle");
            for (PackageLifecycle lifecycle : PackageLifecycle.values()) {
                if (lifecycle.porchValue().equals(value)) {
                    return lifecycle;
                }
            }
        }
        return null;
    }

    /** {@code status.revision}: the number Porch assigned at publication (0 before). */
    @SuppressWarnings("unchecked")
    public static int revisionNumber(GenericKubernetesResource revision) {
        if (revision.getAdditionalProperties().get("status") instanceof Map<?, ?> status
                && ((Map<String, Object>) status).get("revision") instanceof Number number) {
            return number.intValue();
        }
        return 0;
    }

    /** {@code spec.resources} of a PackageRevisionResources: the files by path. */
    @SuppressWarnings("unchecked")
    public static Map<String, String> files(GenericKubernetesResource resources) {
        Map<String, String> files = new LinkedHashMap<>();
        if (resources.getAdditionalProperties().get("spec") instanceof Map<?, ?> spec
                && ((Map<String, Object>) spec).get("resources") instanceof Map<?, ?> map) {
            map.forEach((path, content) -> files.put(String.valueOf(path), String.valueOf(content)));
        }
        return files;
    }

    /** A PackageVariant: upstream {repo, package, revision} → downstream {repo, package}, with its policies. */
    public GenericKubernetesResource createVariant(
            String name,
            Map<String, Object> upstream,
            Map<String, Object> downstream,
            String adoptionPolicy,
            String deletionPolicy,
            Map<String, String> packageContext) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("upstream", upstream);
        spec.put("downstream", downstream);
        spec.put("adoptionPolicy", adoptionPolicy);
        spec.put("deletionPolicy", deletionPolicy);
        if (packageContext != null && !packageContext.isEmpty()) {
            spec.put("packageContext", Map.of("data", packageContext));
        }
        return createConfig("PackageVariant", "packagevariants", name, spec);
    }

    /** A Repository: a git repository Porch serves packages from. */
    public GenericKubernetesResource registerRepository(
            String name, String repo, String branch, String directory, String secretRef, boolean deployment) {
        Map<String, Object> git = new LinkedHashMap<>();
        git.put("repo", repo);
        git.put("branch", branch);
        git.put("directory", directory);
        if (secretRef != null) {
            git.put("secretRef", Map.of("name", secretRef));
        }
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("type", "git");
        spec.put("deployment", deployment);
        spec.put("git", git);
        return createConfig("Repository", "repositories", name, spec);
    }

    /** Checks an object against its CRD schema; 400 naming the fields, nothing sent. */
    public void checked(GenericKubernetesResource resource) {
        var violations = schemas.validate(resource);
        if (!violations.isEmpty()) {
            throw ApiException.validation(violations);
        }
    }

    private GenericKubernetesResource createConfig(String kind, String plural, String name, Map<String, Object> spec) {
        GenericKubernetesResource resource = new GenericKubernetesResourceBuilder()
                .withApiVersion(CONFIG)
                .withKind(kind)
                .withNewMetadata()
                .withName(name)
                .withNamespace(namespace)
                .endMetadata()
                .addToAdditionalProperties("spec", spec)
                .build();
        checked(resource);
        return call(() -> client.genericKubernetesResources(context("config.porch.kpt.dev", "v1alpha1", kind, plural))
                .inNamespace(namespace)
                .resource(resource)
                .create());
    }

    @SuppressWarnings("unchecked")
    private static GenericKubernetesResource moved(
            GenericKubernetesResource revision, PackageLifecycle from, PackageLifecycle to) {
        Map<String, Object> spec =
                (Map<String, Object>) revision.getAdditionalProperties().get("spec");
        String current = spec == null ? null : String.valueOf(spec.get("lifecycle"));
        if (!from.porchValue().equals(current)) {
            throw new ApiException(
                    ErrorCode.ILLEGAL_STATE_TRANSITION,
                    "Cannot move a " + current + " revision to " + to.porchValue(),
                    List.of(),
                    Map.of("current_lifecycle", String.valueOf(current)));
        }
        spec.put("lifecycle", to.porchValue());
        revision.getAdditionalProperties().remove("status");
        return revision;
    }

    private NonNamespaceOperation<
                    GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>>
            revisions() {
        return client.genericKubernetesResources(
                        context("porch.kpt.dev", "v1alpha2", "PackageRevision", "packagerevisions"))
                .inNamespace(namespace);
    }

    private NonNamespaceOperation<
                    GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>>
            resourcesOf() {
        return client.genericKubernetesResources(
                        context("porch.kpt.dev", "v1alpha1", "PackageRevisionResources", "packagerevisionresources"))
                .inNamespace(namespace);
    }

    // named plurals: no API discovery round trip before each call
    private static ResourceDefinitionContext context(String group, String version, String kind, String plural) {
        return new ResourceDefinitionContext.Builder()
                .withGroup(group)
                .withVersion(version)
                .withKind(kind)
                .withPlural(plural)
                .withNamespaced(true)
                .build();
    }

    private static GenericKubernetesResource found(String name, GenericKubernetesResource resource) {
        if (resource == null) {
            throw new ApiException(ErrorCode.PACKAGE_NOT_FOUND, "Porch has no package revision named " + name);
        }
        return resource;
    }

    private static <T> T call(Supplier<T> operation) {
        try {
            return operation.get();
        } catch (KubernetesClientException e) {
            throw switch (e.getCode()) {
                case 404 -> new ApiException(ErrorCode.PACKAGE_NOT_FOUND, "Porch has no such object");
                case 409 ->
                    new ApiException(
                            ErrorCode.CONFLICT,
                            "Porch reports a conflict: the object changed since it was read, or exists");
                case 422 -> new ApiException(ErrorCode.VALIDATION_FAILED, "Porch rejected the object as invalid");
                // the repository's porch.secret_ref: a token that is missing, expired or lacks the RBAC verbs
                case 401, 403 ->
                    new ApiException(
                            ErrorCode.SERVICE_UNAVAILABLE,
                            "The Porch API server refused the adapter's credentials (the repository's porch.secret_ref)");
                default ->
                    new ApiException(ErrorCode.SERVICE_UNAVAILABLE, "The Porch API server did not answer as expected");
            };
        }
    }
}
