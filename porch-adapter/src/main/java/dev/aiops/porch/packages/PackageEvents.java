package dev.aiops.porch.packages;

import dev.aiops.model.event.EventEnvelope;
import dev.aiops.model.event.EventType;
import dev.aiops.model.packages.PackageLifecycle;
import dev.aiops.model.packages.PackageRevisionChangedEvent;
import dev.aiops.platform.outbox.Outbox;
import org.springframework.stereotype.Component;

/** PACKAGE_REVISION_CHANGED through the outbox, in the transaction of the change it reports. */
@Component
class PackageEvents {

    static final String SOURCE = "porch-adapter";

    private final Outbox outbox;

    PackageEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    void changed(PackageRevisionEntity row, PackageLifecycle old, PackageLifecycle now, String correlationId) {
        PackageRevisionChangedEvent payload = new PackageRevisionChangedEvent(
                row.id(),
                row.packageName(),
                row.repository(),
                row.workspaceName(),
                row.revision(),
                old,
                now,
                row.site());
        EventEnvelope<PackageRevisionChangedEvent> event =
                EventEnvelope.of(EventType.PACKAGE_REVISION_CHANGED, SOURCE, null, payload);
        String correlation = correlationId != null ? correlationId : row.correlationId();
        // events of one revision stay in order: the aggregate is the revision's name
        outbox.add(correlation == null ? event : event.withCorrelationId(correlation), row.id());
    }
}
