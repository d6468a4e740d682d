package dev.aiops.intent.cnf;

import dev.aiops.model.cnf.CnfState;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Query;

interface CnfRepository extends JpaRepository<CnfEntity, UUID>, JpaSpecificationExecutor<CnfEntity> {

    List<CnfEntity> findByIntentId(UUID intentId);

    List<CnfEntity> findByChangeIntentId(UUID intentId);

    List<CnfEntity> findByClusterIdAndState(UUID clusterId, CnfState state);

    /** The CNFs whose cluster the health monitor watches. */
    List<CnfEntity> findByStateIn(Collection<CnfState> states);

    /** Live CNFs of a function on a cluster site (or cluster name), for scaling and healing intents. */
    @Query("select c from CnfEntity c where upper(c.function) = upper(:function)"
            + " and (lower(c.site) = lower(:site) or lower(c.clusterName) = lower(:site))"
            + " and c.state not in (dev.aiops.model.cnf.CnfState.DELETED, dev.aiops.model.cnf.CnfState.TERMINATING,"
            + " dev.aiops.model.cnf.CnfState.FAILED) order by c.createdAt")
    List<CnfEntity> findLive(String function, String site);

    /**
     * The next CNF with work due, locked until the caller's transaction ends; other replicas skip it. A
     * change (scale, update, heal) is due until its revision is published; then the health monitor owns it.
     */
    @Query(
            value = "select id from cnf where (state in ('PENDING', 'PROVISIONING', 'TERMINATING')"
                    + " or (state in ('SCALING', 'UPDATING', 'HEALING') and step <> 'PACKAGE_PUBLISHED'))"
                    + " and next_attempt_at <= now() order by next_attempt_at limit 1 for update skip locked",
            nativeQuery = true)
    Optional<UUID> claimNextDue();

    /** {@code id} locked as {@link #claimNextDue()} would, if it is due and no other transaction holds it. */
    @Query(
            value = "select id from cnf where id = :id and (state in ('PENDING', 'PROVISIONING', 'TERMINATING')"
                    + " or (state in ('SCALING', 'UPDATING', 'HEALING') and step <> 'PACKAGE_PUBLISHED'))"
                    + " and next_attempt_at <= now() for update skip locked",
            nativeQuery = true)
    Optional<UUID> claimIfDue(UUID id);

    /** [function, state, count] of every CNF not deleted, for cnf_active_count{function,phase}. */
    @Query("select c.function, c.state, count(c) from CnfEntity c where c.state <> dev.aiops.model.cnf.CnfState.DELETED"
            + " group by c.function, c.state")
    List<Object[]> countByFunctionAndState();

    /**
     * Serialises, per intent, the "are all its CNFs there yet" checks until the transaction ends: two workers
     * finishing sibling CNFs at once would otherwise each miss the other's uncommitted change, and neither
     * would report. The second one waits and then sees the first one's commit.
     */
    @Query(
            value = "select count(*) from (select pg_advisory_xact_lock(hashtextextended(:key, 0))) locked",
            nativeQuery = true)
    long lockIntent(String key);

    /** Locks one CNF for the health monitor's update; empty when another transaction holds it. */
    @Query(value = "select id from cnf where id = :id for update skip locked", nativeQuery = true)
    Optional<UUID> lockIfFree(UUID id);
}
