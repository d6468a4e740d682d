package dev.aiops.porch.packages;

import dev.aiops.model.packages.PackageRevisionSummary;
import dev.aiops.porch.git.CommitInfo;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

/**
 * Where a revision's files and lifecycle live: the git backend ({@link GitBackend}: branches and tags in a git
 * repository) or a Porch API server ({@link PorchBackend}: PackageRevision / PackageRevisionResources objects).
 *
 * <p>{@link PackageService} owns the lifecycle: it locks the index row, checks the transition, calls one of
 * these operations, then writes the row and the PACKAGE_REVISION_CHANGED event in the same transaction. A
 * backend only carries the move out in its own store and answers the errors of the API (CONFLICT for a
 * concurrent change, PACKAGE_NOT_FOUND, ILLEGAL_STATE_TRANSITION when the store disagrees with the index).
 * Every operation receives the row as it is before the move.
 */
interface PackageBackend {

    /** A revision's files and the version they were read at (a git commit id, a Porch resourceVersion). */
    record Snapshot(SortedMap<String, String> files, String version) {}

    /** The revision as its source of truth reports it: the index row for git (git is reconciled into it). */
    default PackageRevisionSummary summary(PackageRevisionEntity row) {
        return row.toSummary();
    }

    /**
     * Every revision of the repository as the backend itself lists them, when it and not the index is where they
     * are enumerated (Porch: revisions created there by others are listed too); {@code indexed} holds the index
     * rows of the repository by name. Empty: list the index.
     */
    default Optional<List<PackageRevisionSummary>> list(String repository, Map<String, PackageRevisionEntity> indexed) {
        return Optional.empty();
    }

    /**
     * Where a new Draft comes from, by revision name, for a backend that records it (Porch's {@code spec.source}):
     * nothing (a new package), the upstream revision it is cloned from, or, for an upgrade, the new upstream, the
     * local revision upgraded and the upstream it was cloned from (the merge base).
     */
    record Origin(String upstream, String current, String oldUpstream) {

        static final Origin NEW = new Origin(null, null, null);

        static Origin clonedFrom(String upstream) {
            return new Origin(upstream, null, null);
        }

        static Origin upgrade(String current, String oldUpstream, String newUpstream) {
            return new Origin(newUpstream, current, oldUpstream);
        }
    }

    /** A new Draft holding {@code files}. */
    void createDraft(PackageRevisionEntity row, Origin origin, SortedMap<String, String> files, CommitInfo info);

    /** The revision's files, whatever its lifecycle. */
    Snapshot read(PackageRevisionEntity row);

    /** Replaces a Draft's files; a change since they were read is a CONFLICT, never merged. */
    void updateDraft(PackageRevisionEntity row, SortedMap<String, String> files, CommitInfo info);

    /** Draft → Proposed. */
    void propose(PackageRevisionEntity row);

    /** Proposed → Draft. */
    void reject(PackageRevisionEntity row);

    /** Proposed → Published; answers the revision number the publication got. */
    int approve(PackageRevisionEntity row, CommitInfo info);

    /** Published → DeletionProposed. */
    void proposeDeletion(PackageRevisionEntity row);

    /** DeletionProposed → Published. */
    void rejectDeletion(PackageRevisionEntity row);

    /** Removes a Draft, Proposed or DeletionProposed revision. */
    void delete(PackageRevisionEntity row, CommitInfo info);
}
