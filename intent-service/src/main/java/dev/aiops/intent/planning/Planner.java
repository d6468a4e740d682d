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
                String site = site(cluster, siteLabel);
                cnfs.add(new Plan.Cnf(
                        function,
                        cluster.id(),
                        cluster.name(),
                        site,
                        NAMESPACE,
                        replicas,
                        Profiles.resources(function),
                        CnfLabels.of(function, cluster, site, intent)));
            }
        }
        return new Plan(cnfs);
    }

    /**
     * Where a CNF of {@code function} running on cluster {@code from} can move (a migration): another cluster of
     * its site, else of the failing cluster's region, by the same rules as planning (ONLINE or DEGRADED, edge
     * only for a low-latency URLLC {@code original}), the healthiest first. The failing cluster never qualifies.
     *
     * @param original the intent that deployed the CNF, for its service type and SLA (null when unknown)
     * @throws PlanningException naming the clusters considered when none qualifies
     */
    public Plan.Cnf relocate(String function, UUID from, String site, int replicas, StructuredIntent original) {
        StructuredIntent requirements = original != null
                ? original
                : new StructuredIntent(
                        dev.aiops.model.intent.IntentType.HEALING,
                        null,
                        List.of(),
                        List.of(),
                        null,
                        null,
                        null,
                        null,
                        null,
                        null);
        List<ClusterView> all = registry.clusters(null, null);
        ClusterView failing =
                all.stream().filter(c -> c.id().equals(from)).findFirst().orElse(null);
        List<ClusterView> others =
                all.stream().filter(c -> !c.id().equals(from)).toList();
        List<ClusterView> considered = others.stream()
                .filter(c -> site != null && site.equals(site(c, siteLabel)))
                .toList();
        String where = "site " + site;
        if (usable(considered, requirements).isEmpty() && failing != null && failing.region() != null) {
            considered = others.stream()
                    .filter(c -> failing.region().equals(c.region()))
                    .toList();
            where = "site " + site + " or region " + failing.region();
        }
        String failingName = failing != null ? failing.name() : from.toString();
        ClusterView target;
        try {
            target = best(considered, requirements, where + " other than " + failingName);
        } catch (PlanningException e) {
            throw new PlanningException("cannot move " + function + " off " + failingName + ": " + e.getMessage());
        }
        String targetSite = site(target, siteLabel);
        return new Plan.Cnf(
                function,
                target.id(),
                target.name(),
                targetSite,
                NAMESPACE,
                replicas,
                Profiles.resources(function),
                CnfLabels.of(function, target, targetSite, requirements));
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
