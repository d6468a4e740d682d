package dev.aiops.collector.alert;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

interface AlertRepository extends JpaRepository<AlertEntity, UUID>, JpaSpecificationExecutor<AlertEntity> {

    Optional<AlertEntity> findByClusterIdAndFingerprint(UUID clusterId, String fingerprint);

    Optional<AlertEntity> findByClusterIdIsNullAndFingerprint(String fingerprint);

    /** One alert by its identity; a null cluster is the "cluster unknown" bucket. */
    default Optional<AlertEntity> findByIdentity(UUID clusterId, String fingerprint) {
        return clusterId == null
                ? findByClusterIdIsNullAndFingerprint(fingerprint)
                : findByClusterIdAndFingerprint(clusterId, fingerprint);
    }

    /** Every cluster's alert with this fingerprint (usually one). */
    List<AlertEntity> findByFingerprintOrderByUpdatedAtDesc(String fingerprint);
}
