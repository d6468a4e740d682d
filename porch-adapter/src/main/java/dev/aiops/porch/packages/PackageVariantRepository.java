package dev.aiops.porch.packages;

import java.time.Instant;
import java.util.List;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface PackageVariantRepository extends JpaRepository<PackageVariantEntity, String> {

    List<PackageVariantEntity> findByVariantSetOrderByPackageName(String variantSet);

    /** One variant set as the listing shows it: its members' rows folded together. */
    interface SetRow {
        String getName();

        String getRepository();

        String getUpstreamPackage();

        long getSites();

        Instant getCreatedAt();

        Instant getUpdatedAt();
    }

    String SETS = "select v.variantSet as name, min(v.repository) as repository,"
            + " min(v.upstreamPackage) as upstreamPackage, count(v) as sites, min(v.createdAt) as createdAt,"
            + " max(v.updatedAt) as updatedAt from PackageVariantEntity v";

    @Query(
            value = SETS + " group by v.variantSet order by v.variantSet",
            countQuery = "select count(distinct v.variantSet) from PackageVariantEntity v")
    Page<SetRow> findSets(Pageable pageable);

    @Query(
            value = SETS + " where v.upstreamPackage = :upstreamPackage group by v.variantSet order by v.variantSet",
            countQuery = "select count(distinct v.variantSet) from PackageVariantEntity v"
                    + " where v.upstreamPackage = :upstreamPackage")
    Page<SetRow> findSetsByUpstreamPackage(String upstreamPackage, Pageable pageable);
}
