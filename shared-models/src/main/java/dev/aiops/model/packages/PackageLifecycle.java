package dev.aiops.model.packages;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Porch PackageRevision lifecycle, with Porch's spelling on the wire ({@code Draft}, {@code Proposed},
 * {@code Published}, {@code DeletionProposed}). Legal moves, as Porch enforces them:
 *
 * <pre>
 * Draft → Proposed               (propose)
 * Proposed → Draft | Published   (reject | approve)
 * Published → DeletionProposed   (propose-delete)
 * DeletionProposed → Published   (reject the deletion)
 * </pre>
 *
 * Deletion is not a state: Draft, Proposed and DeletionProposed revisions may be deleted, Published ones
 * must be proposed for deletion first.
 */
public enum PackageLifecycle {
    @JsonProperty("Draft")
    DRAFT("Draft"),
    @JsonProperty("Proposed")
    PROPOSED("Proposed"),
    @JsonProperty("Published")
    PUBLISHED("Published"),
    @JsonProperty("DeletionProposed")
    DELETION_PROPOSED("DeletionProposed");

    private static final Map<PackageLifecycle, Set<PackageLifecycle>> TRANSITIONS =
            new EnumMap<>(PackageLifecycle.class);

    static {
        TRANSITIONS.put(DRAFT, Collections.unmodifiableSet(EnumSet.of(PROPOSED)));
        TRANSITIONS.put(PROPOSED, Collections.unmodifiableSet(EnumSet.of(DRAFT, PUBLISHED)));
        TRANSITIONS.put(PUBLISHED, Collections.unmodifiableSet(EnumSet.of(DELETION_PROPOSED)));
        TRANSITIONS.put(DELETION_PROPOSED, Collections.unmodifiableSet(EnumSet.of(PUBLISHED)));
    }

    private final String porchValue;

    PackageLifecycle(String porchValue) {
        this.porchValue = porchValue;
    }

    /** The value as Porch writes it in {@code spec.lifecycle}. */
    public String porchValue() {
        return porchValue;
    }

    /** Parses Porch's {@code spec.lifecycle}; exact, case-sensitive like Porch. */
    public static PackageLifecycle fromPorchValue(String value) {
        for (PackageLifecycle lifecycle : values()) {
            if (lifecycle.porchValue.equals(value)) {
                return lifecycle;
            }
        }
        throw new IllegalArgumentException("unknown package lifecycle: " + value);
    }

    public Set<PackageLifecycle> allowedNext() {
        return TRANSITIONS.get(this);
    }

    public boolean canTransitionTo(PackageLifecycle next) {
        return next != null && TRANSITIONS.get(this).contains(next);
    }

    /** Whether a revision in this state may be deleted outright. */
    public boolean deletable() {
        return this != PUBLISHED;
    }
}
