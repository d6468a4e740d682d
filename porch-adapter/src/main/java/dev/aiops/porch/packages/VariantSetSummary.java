package dev.aiops.porch.packages;

import java.time.Instant;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * {@code GET /api/v1/packages/variants}: one variant set; its members and their revisions are at
 * {@code /api/v1/packages/variants/{name}}.
 *
 * @param sites how many sites (downstream packages) the set owns
 * @param createdAt when its first member was created
 * @param updatedAt when a member last changed (applied, upgraded, adopted)
 */
@JsonNaming(SnakeCaseStrategy.class)
record VariantSetSummary(
        String name, String repository, String upstreamPackage, long sites, Instant createdAt, Instant updatedAt) {

    static VariantSetSummary of(PackageVariantRepository.SetRow row) {
        return new VariantSetSummary(
                row.getName(),
                row.getRepository(),
                row.getUpstreamPackage(),
                row.getSites(),
                row.getCreatedAt(),
                row.getUpdatedAt());
    }
}
