package dev.aiops.porch.packages;

import dev.aiops.model.packages.PackageRevisionSummary;
import java.util.List;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The outcome of applying or deleting a variant set, site by site. A failed site changed nothing (what it had
 * written is undone); the other sites' outcomes stand.
 */
@JsonNaming(SnakeCaseStrategy.class)
record VariantSetResult(
        String name,
        String repository,
        String upstreamPackage,
        Integer upstreamRevision,
        int succeeded,
        int failed,
        List<SiteResult> sites) {

    enum Outcome {
        /** a new downstream revision cloned from the upstream (published unless {@code publish} was false) */
        CREATED,
        /** a new downstream revision three-way merged up to the upstream revision */
        UPGRADED,
        /** the downstream already follows the upstream revision */
        UNCHANGED,
        /** deleted with the set (deletion policy delete) */
        DELETED,
        /** left in place, unowned, with the set's deletion (deletion policy orphan) */
        ORPHANED,
        FAILED
    }

    /**
     * @param adopted the set took over a package it had not created (adoption policy adoptExisting)
     * @param revision the downstream revision the site ends at; null when failed or deleted
     */
    @JsonNaming(SnakeCaseStrategy.class)
    record SiteResult(
            String site,
            String packageName,
            Outcome outcome,
            boolean adopted,
            PackageRevisionSummary revision,
            Failure error) {}

    /** @param conflicts a failed upgrade's conflicting fields ({@link dev.aiops.porch.merge.ThreeWayMerge.Conflict}) */
    @JsonNaming(SnakeCaseStrategy.class)
    record Failure(String code, String detail, Object conflicts) {}

    static VariantSetResult of(
            String name, String repository, String upstreamPackage, Integer upstreamRevision, List<SiteResult> sites) {
        int failed =
                (int) sites.stream().filter(s -> s.outcome() == Outcome.FAILED).count();
        return new VariantSetResult(
                name, repository, upstreamPackage, upstreamRevision, sites.size() - failed, failed, sites);
    }
}
