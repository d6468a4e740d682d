package dev.aiops.porch.packages;

import dev.aiops.model.error.ErrorCode;
import dev.aiops.model.packages.PackageLifecycle;
import dev.aiops.platform.error.ApiException;
import dev.aiops.porch.git.CommitInfo;
import dev.aiops.porch.git.ConcurrentRefChangeException;
import dev.aiops.porch.git.GitPackageStore;
import dev.aiops.porch.git.MissingRefException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.function.Supplier;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;

/**
 * The git backend of one repository: Porch's branch and tag layout ({@link GitPackageStore}). Each move is one
 * atomic ref transaction with compare-and-swap on the commit read, so a concurrent change is a CONFLICT.
 */
final class GitBackend implements PackageBackend {

    private final GitPackageStore store;
    private final PackageRevisionRepository revisions;

    GitBackend(GitPackageStore store, PackageRevisionRepository revisions) {
        this.store = store;
        this.revisions = revisions;
    }

    GitPackageStore store() {
        return store;
    }

    @Override
    public void createDraft(
            PackageRevisionEntity row, Origin origin, SortedMap<String, String> files, CommitInfo info) {
        // the origin is in the files already (the Kptfile's upstream and upstreamLock), as kpt records it in git
        // a draft ref without a row is what a crash between git and the database leaves: overwrite it
        ObjectId leftover = store.resolve(GitPackageStore.draftRef(row.packageName(), row.workspaceName()))
                .orElse(null);
        git(() -> store.writeDraft(row.packageName(), row.workspaceName(), files, leftover, info));
    }

    @Override
    public Snapshot read(PackageRevisionEntity row) {
        ObjectId commit = commitOf(store, row);
        return new Snapshot(store.readPackage(commit, row.packageName()), commit.name());
    }

    @Override
    public void updateDraft(PackageRevisionEntity row, SortedMap<String, String> files, CommitInfo info) {
        ObjectId current = commitOf(store, row);
        git(() -> store.writeDraft(row.packageName(), row.workspaceName(), files, current, info));
    }

    @Override
    public void propose(PackageRevisionEntity row) {
        ObjectId draft = commitOf(store, row);
        git(() -> {
            store.propose(row.packageName(), row.workspaceName(), draft);
            return null;
        });
    }

    @Override
    public void reject(PackageRevisionEntity row) {
        ObjectId proposal = commitOf(store, row);
        git(() -> {
            store.reject(row.packageName(), row.workspaceName(), proposal);
            return null;
        });
    }

    @Override
    public int approve(PackageRevisionEntity row, CommitInfo info) {
        String proposedRef = GitPackageStore.proposedRef(row.packageName(), row.workspaceName());
        Optional<ObjectId> proposal = store.resolve(proposedRef);
        if (proposal.isEmpty()) {
            // an earlier approve got past git's commit point but not the database's: adopt its tag
            return adoptedRevision(row).orElseThrow(() -> notInGit(proposedRef));
        }
        int revision = nextRevision(row);
        CommitInfo published =
                new CommitInfo("Publish " + row.packageName() + " v" + revision, info.intentId(), info.correlationId());
        git(() -> store.publish(row.packageName(), row.workspaceName(), revision, proposal.get(), published));
        return revision;
    }

    @Override
    public void proposeDeletion(PackageRevisionEntity row) {
        git(() -> {
            store.proposeDeletion(row.packageName(), row.revision());
            return null;
        });
    }

    @Override
    public void rejectDeletion(PackageRevisionEntity row) {
        git(() -> {
            store.rejectDeletion(row.packageName(), row.revision());
            return null;
        });
    }

    @Override
    public void delete(PackageRevisionEntity row, CommitInfo info) {
        switch (row.lifecycle()) {
            case DRAFT, PROPOSED -> {
                String ref = row.lifecycle() == PackageLifecycle.DRAFT
                        ? GitPackageStore.draftRef(row.packageName(), row.workspaceName())
                        : GitPackageStore.proposedRef(row.packageName(), row.workspaceName());
                store.resolve(ref)
                        .ifPresent(commit -> git(() -> {
                            store.deleteBranch(ref, commit);
                            return null;
                        }));
            }
            default -> {
                Integer fallback = revisions
                        .findByRepositoryAndPackageNameAndLifecycleInOrderByRevisionDesc(
                                row.repository(),
                                row.packageName(),
                                List.of(PackageLifecycle.PUBLISHED, PackageLifecycle.DELETION_PROPOSED))
                        .stream()
                        .filter(r -> !r.id().equals(row.id()))
                        .map(PackageRevisionEntity::revision)
                        .findFirst()
                        .orElse(null);
                git(() -> {
                    store.deletePublished(row.packageName(), row.revision(), fallback, info);
                    return null;
                });
            }
        }
    }

    private int nextRevision(PackageRevisionEntity row) {
        int revision = revisions.maxRevision(row.repository(), row.packageName()) + 1;
        // a tag the index does not know yet (a deleted row, a crash) is never reused
        while (store.resolve(GitPackageStore.tagRef(row.packageName(), revision))
                .isPresent()) {
            revision++;
        }
        return revision;
    }

    private Optional<Integer> adoptedRevision(PackageRevisionEntity row) {
        String prefix = Constants.R_TAGS + row.packageName() + "/v";
        for (Map.Entry<String, ObjectId> tag : store.refs(prefix).entrySet()) {
            Map<String, String> trailers = store.trailers(tag.getValue());
            int revision = Integer.parseInt(tag.getKey().substring(prefix.length()));
            if (row.workspaceName().equals(trailers.get(CommitInfo.WORKSPACE))
                    && revisions
                            .findByRepositoryAndPackageNameAndRevision(row.repository(), row.packageName(), revision)
                            .isEmpty()) {
                return Optional.of(revision);
            }
        }
        return Optional.empty();
    }

    /** The commit holding the revision's files, from the ref its lifecycle lives on. */
    static ObjectId commitOf(GitPackageStore store, PackageRevisionEntity row) {
        String ref = switch (row.lifecycle()) {
            case DRAFT -> GitPackageStore.draftRef(row.packageName(), row.workspaceName());
            case PROPOSED -> GitPackageStore.proposedRef(row.packageName(), row.workspaceName());
            case PUBLISHED, DELETION_PROPOSED -> GitPackageStore.tagRef(row.packageName(), row.revision());
        };
        return store.resolve(ref).orElseThrow(() -> notInGit(ref));
    }

    static ApiException notInGit(String ref) {
        return new ApiException(
                ErrorCode.CONFLICT,
                "The package repository has no " + ref + " for this revision; it is being reconciled, retry later");
    }

    private static <T> T git(Supplier<T> operation) {
        try {
            return operation.get();
        } catch (ConcurrentRefChangeException e) {
            throw new ApiException(
                    ErrorCode.CONFLICT, "The revision was changed concurrently; read it again and retry");
        } catch (MissingRefException e) {
            throw new ApiException(
                    ErrorCode.CONFLICT, "The package repository does not hold this revision as indexed; retry later");
        }
    }
}
