package dev.aiops.porch.packages;

import dev.aiops.model.packages.PackageRevisionSummary;
import java.util.List;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/** {@code GET /api/v1/packages/variants/{name}}: the downstream packages a variant set owns. */
@JsonNaming(SnakeCaseStrategy.class)
record VariantSetView(String name, List<Member> variants) {

    /** @param revisions the downstream package's revisions, newest revision first */
    @JsonNaming(SnakeCaseStrategy.class)
    record Member(
            String site,
            String repository,
            String packageName,
            String upstreamPackage,
            String adoptionPolicy,
            String deletionPolicy,
            List<PackageRevisionSummary> revisions) {}
}
