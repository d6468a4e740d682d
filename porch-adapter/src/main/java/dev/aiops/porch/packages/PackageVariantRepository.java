package dev.aiops.porch.packages;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

interface PackageVariantRepository extends JpaRepository<PackageVariantEntity, String> {

    List<PackageVariantEntity> findByVariantSetOrderByPackageName(String variantSet);
}
