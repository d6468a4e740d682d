package dev.aiops.intent.planning;

import dev.aiops.model.cluster.ClusterState;
import dev.aiops.model.cluster.ClusterType;
import dev.aiops.model.cluster.ClusterView;
import dev.aiops.model.intent.ServiceType;
import dev.aiops.model.intent.StructuredIntent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Places a deployment intent on clusters. Sites resolve through the registry's site label (or
 * a cluster named like the site), a region to its clusters; only ONLINE or DEGRADED clusters qualify, and
 * URLLC below 10 ms only on EDGE or FAR_EDGE clusters (the latency budget does not survive a trip to a
 * hub). With neither sites nor region the planner picks the healthiest qualifying cluster.
 */
@Service
public class Planner {

    static final double EDGE_ONLY_LATENCY_MS = 10;
    static final String NAMESPACE = "cnf";
    private static final Set<ClusterState> USABLE = EnumSet.of(ClusterState.ONLINE, ClusterState.DEGRADED);
    private static final Set<ClusterType> EDGES = EnumSet.of(ClusterType.EDGE, ClusterType.FAR_EDGE);

    private final RegistryClient registry;
    private final String siteLabel;

    Planner(RegistryClient registry, PlanningProperties properties) {
        this.registry = registry;
        this.siteLabel = properties.siteLabel();
    }

    /**
     * @throws PlanningException with the reason when no cluster fits or a function would exceed its maximum
     */
    public Plan plan(StructuredIntent intent) {
        List<String> functions = !intent.cnfFunctions().isEmpty()
                ? intent.cnfFunctions()
                : intent.serviceType() == null ? List.of() : Profiles.functions(intent.serviceType());
        if (functions.isEmpty()) {
            throw new PlanningException("the intent names neither a service type nor network functions");
        }
        Map<UUID, ClusterView> clusters = targets(intent);
        List<Plan.Cnf> cnfs = new ArrayList<>();
        for (ClusterView cluster : clusters.values()) {
            for (String function : functions) {
                int replicas = Profiles.replicas(function, intent.serviceType(), intent.sla(), intent.replicas());
                if (replicas > Profiles.MAX_REPLICAS) {
                    throw new PlanningException(function + " would need " + replicas + " replicas on " + cluster.name()
                            + ", above the maximum of " + Profiles.MAX_REPLICAS);
                }
                cnfs.add(new Plan.Cnf(
                        function,
                        cluster.id(),
                        cluster.name(),
                        site(cluster, siteLabel),
                        NAMESPACE,
                        replicas,
                        Profiles.resources(function)));
            }
        }
        return new Plan(cnfs);
    }

    private Map<UUID, ClusterView> targets(StructuredIntent intent) {
        Map<UUID, ClusterView> chosen = new LinkedHashMap<>();
        for (String site : intent.targetSites()) {
            List<ClusterView> candidates = new ArrayList<>(registry.clusters(null, siteLabel + "=" + site));
            if (candidates.isEmpty()) {
                registry.clusters(null, null).stream()
                        .filter(cluster -> cluster.name().equals(site))
                        .forEach(candidates::add);
            }
            ClusterView best = best(candidates, intent, "site " + site);
            chosen.put(best.id(), best);
        }
        if (intent.region() != null) {
            List<ClusterView> usable = usable(registry.clusters(intent.region(), null), intent);
            if (usable.isEmpty()) {
                throw new PlanningException("no " + requirement(intent) + " cluster in region " + intent.region());
            }
            usable.forEach(cluster -> chosen.putIfAbsent(cluster.id(), cluster));
        }
        if (chosen.isEmpty()) {
            ClusterView best = best(registry.clusters(null, null), intent, "the fleet");
            chosen.put(best.id(), best);
        }
        return chosen;
    }

    private static ClusterView best(List<ClusterView> candidates, StructuredIntent intent, String where) {
        return usable(candidates, intent).stream()
                .max(Comparator.comparingInt(
                                (ClusterView cluster) -> cluster.status().healthScore())
                        .thenComparing(ClusterView::name, Comparator.reverseOrder()))
                .orElseThrow(() -> new PlanningException(
                        candidates.isEmpty()
                                ? "no cluster registered for " + where
                                : "no " + requirement(intent) + " cluster for " + where + " (found "
                                        + candidates.stream()
                                                .map(c -> c.name() + " "
                                                        + c.status().state() + " " + c.clusterType())
                                                .toList()
                                        + ")"));
    }

    private static List<ClusterView> usable(List<ClusterView> candidates, StructuredIntent intent) {
        boolean edgeOnly = edgeOnly(intent);
        return candidates.stream()
                .filter(cluster -> cluster.status() != null
                        && USABLE.contains(cluster.status().state()))
                .filter(cluster -> !edgeOnly || EDGES.contains(cluster.clusterType()))
                .toList();
    }

    private static boolean edgeOnly(StructuredIntent intent) {
        return intent.serviceType() == ServiceType.URLLC
                && intent.sla() != null
                && intent.sla().latencyMs() != null
                && intent.sla().latencyMs() < EDGE_ONLY_LATENCY_MS;
    }

    private static String requirement(StructuredIntent intent) {
        return edgeOnly(intent) ? "ONLINE or DEGRADED EDGE/FAR_EDGE" : "ONLINE or DEGRADED";
    }

    private static String site(ClusterView cluster, String siteLabel) {
        String site = cluster.labels().get(siteLabel);
        return site != null ? site : cluster.name().toLowerCase(Locale.ROOT);
    }
}
