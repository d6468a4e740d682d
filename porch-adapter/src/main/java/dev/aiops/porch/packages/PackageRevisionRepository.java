package dev.aiops.porch.packages;

import org.springframework.data.jpa.repository.JpaRepository;

interface PackageRevisionRepository extends JpaRepository<PackageRevisionEntity, String> {}
