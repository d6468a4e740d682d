package dev.aiops.porch.packages;

import dev.aiops.model.packages.PackageLifecycle;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface PackageRevisionRepository
        extends JpaRepository<PackageRevisionEntity, String>, JpaSpecificationExecutor<PackageRevisionEntity> {

    /** Locks the row for the rest of the transaction: one lifecycle operation per revision at a time. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select r from PackageRevisionEntity r where r.id = :id")
    Optional<PackageRevisionEntity> lockById(String id);

    @Query("select coalesce(max(r.revision), 0) from PackageRevisionEntity r"
            + " where r.repository = :repository and r.packageName = :packageName")
    int maxRevision(String repository, String packageName);

    @Query("select coalesce(max(r.revision), 0) from PackageRevisionEntity r"
            + " where r.repository = :repository and r.packageName = :packageName"
            + " and r.lifecycle in (dev.aiops.model.packages.PackageLifecycle.PUBLISHED,"
            + " dev.aiops.model.packages.PackageLifecycle.DELETION_PROPOSED)")
    int maxPublishedRevision(String repository, String packageName);

    List<PackageRevisionEntity> findByRepositoryAndPackageName(String repository, String packageName);

    Optional<PackageRevisionEntity> findByRepositoryAndPackageNameAndRevision(
            String repository, String packageName, int revision);

    List<PackageRevisionEntity> findByRepositoryAndPackageNameAndLifecycleInOrderByRevisionDesc(
            String repository, String packageName, List<PackageLifecycle> lifecycles);

    List<PackageRevisionEntity> findByRepository(String repository);

    long countByRepositoryAndPackageName(String repository, String packageName);
}
