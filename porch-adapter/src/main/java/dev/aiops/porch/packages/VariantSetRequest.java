package dev.aiops.porch.packages;

import java.util.List;
import java.util.Map;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * {@code POST /api/v1/packages/variants}: one upstream package fanned out to sites, each site a PackageVariant
 * (a downstream package cloned from the upstream, the site's values injected).
 *
 * @param name the variant set, a DNS-1123 label; it owns the downstream packages it creates or adopts
 * @param repository where upstream and downstream packages live; default the embedded git repository
 * @param adoptionPolicy {@code adoptNone} (default: a downstream package the set does not own is left alone and
 *     its site fails) or {@code adoptExisting} (the set takes it over and brings it to the upstream revision)
 * @param deletionPolicy {@code delete} (default: deleting the set deletes its downstream packages) or
 *     {@code orphan} (they stay, unowned)
 * @param publish whether each site's new Draft is proposed and approved in the same operation; default true
 */
@JsonNaming(SnakeCaseStrategy.class)
record VariantSetRequest(
        String name,
        String repository,
        Upstream upstream,
        List<Site> sites,
        String adoptionPolicy,
        String deletionPolicy,
        Boolean publish,
        String intentId,
        String correlationId) {

    static final String ADOPT_EXISTING = "adoptExisting";
    static final String ADOPT_NONE = "adoptNone";
    static final String DELETE = "delete";
    static final String ORPHAN = "orphan";

    /** @param revision a published revision of the upstream package; default its newest */
    @JsonNaming(SnakeCaseStrategy.class)
    record Upstream(String packageName, Integer revision) {}

    /**
     * @param packageName the downstream package; default {@code {upstream}-{site}}
     * @param namespace set by the package's set-namespace mutator; default the upstream's
     * @param config added to the package context and to the function's ConfigMap
     */
    @JsonNaming(SnakeCaseStrategy.class)
    record Site(String site, String packageName, String namespace, Map<String, String> config) {}
}
