package dev.aiops.collector.metrics;

import dev.aiops.collector.cluster.ClusterConnection;
import dev.aiops.model.observability.MetricResultStatus;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Federated answers in Redis, with CONTRACTS.md's TTLs: instant 30 s, range under an hour 60 s, longer
 * ranges 5 min. The key is the normalised query (the parsed tree printed back), the clusters asked and the
 * time range (already aligned to the step by the caller). Only answers every cluster gave are kept; tokens
 * are never written. Redis being down or hung costs the cache, never the query: a request spends at most one
 * Redis command timeout ({@code spring.data.redis.timeout}, 3 s by default) on it, because a lookup Redis did
 * not answer is not followed by a write (which would wait as long again).
 */
@Component
class QueryCache {

    static final String PREFIX = "aiops:collector:query:";
    static final Duration INSTANT_TTL = Duration.ofSeconds(30);
    static final Duration SHORT_RANGE_TTL = Duration.ofSeconds(60);
    static final Duration LONG_RANGE_TTL = Duration.ofMinutes(5);

    private static final Logger log = LoggerFactory.getLogger(QueryCache.class);

    private final StringRedisTemplate redis;
    private final JsonMapper json;

    QueryCache(StringRedisTemplate redis, JsonMapper json) {
        this.redis = redis;
        this.json = json;
    }

    record CachedOutcome(
            UUID clusterId,
            String clusterName,
            MetricResultStatus status,
            List<QueryData> value,
            List<String> warnings,
            long queryTimeMs) {}

    record CachedAnswer(QueryData data, boolean merged, List<CachedOutcome> outcomes, List<String> warnings) {}

    /**
     * What a lookup found: the cached answer, if any, and whether Redis answered at all; when it did not, the
     * request should not wait on it a second time to store its answer.
     */
    record Lookup(Optional<FederatedAnswer> hit, boolean reachable) {

        static final Lookup UNREACHABLE = new Lookup(Optional.empty(), false);
        static final Lookup MISS = new Lookup(Optional.empty(), true);
    }

    static String key(String normalizedQuery, List<ClusterConnection> clusters, String timeRange) {
        StringBuilder material = new StringBuilder(normalizedQuery).append('\n').append(timeRange);
        clusters.stream()
                .map(c -> c.id().toString())
                .sorted()
                .forEach(id -> material.append('\n').append(id));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(material.toString().getBytes(StandardCharsets.UTF_8));
            return PREFIX + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Duration ttl(FederatedRequest request) {
        if (!request.range()) {
            return INSTANT_TTL;
        }
        return Duration.between(request.start(), request.end()).compareTo(Duration.ofHours(1)) < 0
                ? SHORT_RANGE_TTL
                : LONG_RANGE_TTL;
    }

    Lookup get(String key, List<ClusterConnection> clusters) {
        String value;
        try {
            value = redis.opsForValue().get(key);
        } catch (DataAccessException e) {
            // refused, timed out (a hung Redis) or broken: the clusters answer instead
            log.warn("Query cache unavailable, answering from the clusters: {}", e.toString());
            return Lookup.UNREACHABLE;
        }
        if (value == null) {
            return Lookup.MISS;
        }
        try {
            CachedAnswer cached = json.readValue(value, CachedAnswer.class);
            List<ClusterOutcome<List<QueryData>>> outcomes = cached.outcomes().stream()
                    .map(o -> new ClusterOutcome<>(
                            clusters.stream()
                                    .filter(c -> c.id().equals(o.clusterId()))
                                    .findFirst()
                                    .orElse(new ClusterConnection(o.clusterId(), o.clusterName(), null, null, null)),
                            o.status(),
                            o.value(),
                            o.warnings(),
                            null,
                            null,
                            o.queryTimeMs()))
                    .toList();
            return new Lookup(
                    Optional.of(
                            new FederatedAnswer(cached.data(), cached.merged(), outcomes, cached.warnings(), 0, true)),
                    true);
        } catch (RuntimeException e) {
            // an entry this version cannot read: a miss, replaced by the fresh answer
            log.warn("Query cache entry unreadable: {}", e.toString());
            return Lookup.MISS;
        }
    }

    void put(String key, FederatedAnswer answer, Duration ttl) {
        if (answer.outcomes().stream().anyMatch(o -> !o.succeeded())) {
            return; // a failed cluster may be back in a moment: do not pin its absence
        }
        try {
            CachedAnswer cached = new CachedAnswer(
                    answer.data(),
                    answer.merged(),
                    answer.outcomes().stream()
                            .map(o -> new CachedOutcome(
                                    o.cluster().id(),
                                    o.cluster().name(),
                                    o.status(),
                                    o.value(),
                                    o.warnings(),
                                    o.queryTimeMs()))
                            .toList(),
                    answer.warnings());
            redis.opsForValue().set(key, json.writeValueAsString(cached), ttl);
        } catch (RuntimeException e) {
            log.warn("Query cache write failed: {}", e.toString());
        }
    }
}
