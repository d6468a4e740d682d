package dev.aiops.registry.cluster;

import dev.aiops.model.paging.PageQuery;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The filtered, paged list as SQL the indexes can serve: equality filters on indexed columns, labels
 * through jsonb containment (GIN), name through a trigram index when present. Sort columns come from
 * a whitelist; values are always bound parameters.
 */
@Component
class ClusterSearch {

    private final EntityManager entityManager;
    private final JsonMapper json;

    ClusterSearch(EntityManager entityManager, JsonMapper json) {
        this.entityManager = entityManager;
        this.json = json;
    }

    record Page(List<ClusterEntity> items, long total) {}

    Page search(ClusterFilter filter, PageQuery page) {
        StringBuilder where = new StringBuilder(" where true");
        Map<String, Object> params = new HashMap<>();
        if (filter.name() != null) {
            where.append(" and name like :name escape '\\'");
            params.put("name", "%" + escapeLike(filter.name()) + "%");
        }
        if (filter.clusterType() != null) {
            where.append(" and cluster_type = :clusterType");
            params.put("clusterType", filter.clusterType().name());
        }
        if (filter.environment() != null) {
            where.append(" and environment = :environment");
            params.put("environment", filter.environment().name());
        }
        if (filter.region() != null) {
            where.append(" and region = :region");
            params.put("region", filter.region());
        }
        if (filter.state() != null) {
            where.append(" and state = :state");
            params.put("state", filter.state().name());
        }
        if (filter.hasGpu() != null) {
            where.append(filter.hasGpu() ? " and has_gpu_nodes" : " and not has_gpu_nodes");
        }
        if (filter.hasCnf() != null) {
            where.append(filter.hasCnf() ? " and has_cnf_workloads" : " and not has_cnf_workloads");
        }
        if (!filter.labels().isEmpty()) {
            where.append(" and labels @> cast(:labels as jsonb)");
            params.put("labels", json.writeValueAsString(filter.labels()));
        }

        Query count = entityManager.createNativeQuery("select count(*) from cluster" + where, Long.class);
        params.forEach(count::setParameter);
        long total = ((Number) count.getSingleResult()).longValue();
        if (total == 0 || page.offset() >= total) {
            return new Page(List.of(), total);
        }

        String direction = filter.sort().ascending() ? " asc" : " desc";
        // PostgreSQL's default null placement (last when ascending) matches the b-tree indexes, so a sort
        // on an indexed column walks the index instead of sorting the filtered rows
        String sql = "select * from cluster" + where + " order by "
                + filter.sort().column() + direction + ", id" + direction + " limit :limit offset :offset";
        Query query = entityManager.createNativeQuery(sql, ClusterEntity.class);
        params.forEach(query::setParameter);
        query.setParameter("limit", page.pageSize());
        query.setParameter("offset", page.offset());
        @SuppressWarnings("unchecked")
        List<ClusterEntity> items = query.getResultList();
        return new Page(items, total);
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
