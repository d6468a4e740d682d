package dev.aiops.intelligence.analysis;

import dev.aiops.model.error.ErrorCode;
import dev.aiops.model.event.EventEnvelope;
import dev.aiops.model.event.EventType;
import dev.aiops.model.intelligence.AnomalyDetection;
import dev.aiops.model.paging.PageQuery;
import dev.aiops.model.paging.PagedResponse;
import dev.aiops.platform.error.ApiException;
import dev.aiops.platform.outbox.Outbox;
import dev.aiops.platform.web.Pages;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The anomaly history: the one owner of table {@code anomaly}. */
@Service
class AnomalyStore {

    static final String SOURCE = "intelligence-engine";
    private static final Sort NEWEST_FIRST = Sort.by(Sort.Order.desc("detectedAt"), Sort.Order.desc("id"));

    private final AnomalyRepository repository;
    private final Outbox outbox;
    private final Clock clock;

    AnomalyStore(AnomalyRepository repository, Outbox outbox, Clock clock) {
        this.repository = repository;
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * Stores anomalies; with {@code announce}, each also becomes an ANOMALY_DETECTED event in the same
     * transaction (the outbox publishes it after commit).
     */
    @Transactional
    List<AnomalyDetection> save(List<AnomalyDetection> detections, AnomalyEntity.Origin origin, boolean announce) {
        List<AnomalyDetection> saved = new ArrayList<>(detections.size());
        for (AnomalyDetection detection : detections) {
            AnomalyDetection view = repository
                    .save(AnomalyEntity.of(detection, origin, clock.instant()))
                    .toView();
            saved.add(view);
            if (announce) {
                outbox.add(EventEnvelope.of(EventType.ANOMALY_DETECTED, SOURCE, view.clusterId(), view));
            }
        }
        return saved;
    }

    @Transactional(readOnly = true)
    PagedResponse<AnomalyDetection> search(AnomalyFilter filter, PageQuery paging) {
        return Pages.response(
                repository.findAll(filter.specification(), Pages.pageable(paging, NEWEST_FIRST)),
                paging,
                AnomalyEntity::toView);
    }

    /** Up to {@code max} anomalies matching the filter, newest first. */
    @Transactional(readOnly = true)
    List<AnomalyDetection> list(AnomalyFilter filter, int max) {
        return repository
                .findAll(filter.specification(), Pages.pageable(PageQuery.of(1, max), NEWEST_FIRST))
                .map(AnomalyEntity::toView)
                .getContent();
    }

    @Transactional(readOnly = true)
    AnomalyDetection get(UUID id) {
        return repository
                .findById(id)
                .map(AnomalyEntity::toView)
                .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "No anomaly with id " + id));
    }
}
