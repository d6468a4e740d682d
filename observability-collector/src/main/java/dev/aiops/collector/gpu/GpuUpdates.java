package dev.aiops.collector.gpu;

import dev.aiops.model.event.EventEnvelope;
import dev.aiops.model.event.EventType;
import dev.aiops.model.gpu.GpuNode;
import dev.aiops.platform.events.EventBus;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends GPU_UPDATE for the nodes of a collection that changed beyond the thresholds ({@link GpuChanges}), once
 * across all collector replicas: what the last event for each node said lives in one Redis hash (field
 * {@code <cluster id>/<node name>}, value the node as sent), and a replica that sees news first claims it with
 * a compare-and-set script — the field is replaced only if it still holds what the replica read. Of two
 * replicas that see the same change, one wins the claim and publishes; the other re-reads, finds the winner's
 * readings, and (the change being the same) has nothing left to say.
 *
 * <p>The claim comes before the publish: a publish that fails puts the previous value back (again by
 * compare-and-set), so the next collection retries. A replica that dies between claim and publish loses that
 * one event; the next change beyond a threshold is reported as usual. Redis being down costs the events (the
 * bus is Redis too), never the collection: the first Redis command that fails ends the publishing of that
 * collection, so a collection (and the API request that triggered it) waits at most about one command timeout
 * on Redis, not one per node; the readings and metrics are taken all the same, and what changed is claimed and
 * published by the first collection after Redis is back.
 */
@Component
class GpuUpdates {

    private static final Logger log = LoggerFactory.getLogger(GpuUpdates.class);
    static final String KEY = "aiops:collector:gpu:last-sent";
    /** An attempt lost to another replica is re-decided against what that replica wrote, a bounded number of times. */
    private static final int ATTEMPTS = 3;

    /** KEYS[1] the hash; ARGV: field, the value expected (empty: absent), the new value (empty: remove). */
    private static final RedisScript<Long> COMPARE_AND_SET = RedisScript.of("""
            local current = redis.call('HGET', KEYS[1], ARGV[1])
            if (current or '') ~= ARGV[2] then
              return 0
            end
            if ARGV[3] == '' then
              redis.call('HDEL', KEYS[1], ARGV[1])
            else
              redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
            end
            return 1
            """, Long.class);

    private final EventBus events;
    private final StringRedisTemplate redis;
    private final JsonMapper json;
    private final GpuChanges changes;

    GpuUpdates(EventBus events, StringRedisTemplate redis, JsonMapper json, GpuProperties settings) {
        this.events = events;
        this.redis = redis;
        this.json = json;
        this.changes = new GpuChanges(settings.thresholds());
    }

    /**
     * Publishes GPU_UPDATE for each node that is news; returns the nodes this replica published. {@code
     * answered}: the clusters this collection read completely; a node of theirs that is not in {@code nodes}
     * vanished (and is news again when it comes back). Nodes of other clusters are left alone: a replica that
     * could not read a cluster says nothing about its nodes.
     */
    List<GpuNode> publish(Collection<GpuNode> nodes, Set<UUID> answered) {
        List<GpuNode> published = new java.util.ArrayList<>();
        Set<String> present = new HashSet<>();
        for (GpuNode node : nodes) {
            String field = field(node);
            present.add(field);
            try {
                String previous = claim(field, node);
                if (previous == null) {
                    continue;
                }
                try {
                    events.publish(EventEnvelope.of(EventType.GPU_UPDATE, GpuTelemetry.SOURCE, node.clusterId(), node));
                    published.add(node);
                } catch (RuntimeException e) {
                    compareAndSet(field, json.writeValueAsString(node), previous);
                    throw e;
                }
            } catch (DataAccessException e) {
                // Redis is away or hung: every further node would wait out the same command timeout, so this
                // collection stops here; nothing was claimed, and the next one after Redis is back reports it
                log.warn(
                        "GPU_UPDATE not sent for {}/{} and the other nodes of this collection, retried on the next: {}",
                        node.clusterName(),
                        node.nodeName(),
                        e.toString());
                return published;
            } catch (RuntimeException e) {
                log.warn(
                        "GPU_UPDATE for {}/{} not sent, retried on the next collection: {}",
                        node.clusterName(),
                        node.nodeName(),
                        e.toString());
            }
        }
        forgetVanished(present, answered);
        return published;
    }

    /**
     * Claims the news of this node: null when there is none (or another replica claimed the same), else the
     * value the hash held before (empty for a node never reported), for putting back should the publish fail.
     */
    private String claim(String field, GpuNode node) {
        String value = json.writeValueAsString(node);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Object stored = redis.opsForHash().get(KEY, field);
            String previous = stored == null ? "" : stored.toString();
            if (!previous.isEmpty() && !changes.significant(json.readValue(previous, GpuNode.class), node)) {
                return null;
            }
            if (compareAndSet(field, previous, value)) {
                return previous;
            }
        }
        return null;
    }

    private boolean compareAndSet(String field, String expected, String value) {
        Long done = redis.execute(COMPARE_AND_SET, List.of(KEY), field, expected, value);
        return done != null && done == 1L;
    }

    /** A node that vanished from a cluster that answered is news again when it comes back. */
    private void forgetVanished(Set<String> present, Set<UUID> answered) {
        if (answered.isEmpty()) {
            return;
        }
        Set<String> prefixes = new HashSet<>();
        answered.forEach(id -> prefixes.add(id + "/"));
        try {
            Object[] vanished = redis.opsForHash().keys(KEY).stream()
                    .map(Object::toString)
                    .filter(f -> !present.contains(f) && prefixes.contains(f.substring(0, f.indexOf('/') + 1)))
                    .toArray();
            if (vanished.length > 0) {
                redis.opsForHash().delete(KEY, vanished);
            }
        } catch (RuntimeException e) {
            log.warn("Could not forget vanished GPU nodes: {}", e.toString());
        }
    }

    private static String field(GpuNode node) {
        return node.clusterId() + "/" + node.nodeName();
    }
}
