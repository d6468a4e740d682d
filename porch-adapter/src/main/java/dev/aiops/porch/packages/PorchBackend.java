package dev.aiops.porch.packages;

import dev.aiops.model.error.ErrorCode;
import dev.aiops.model.packages.PackageLifecycle;
import dev.aiops.model.packages.PackageRevisionSummary;
import dev.aiops.platform.error.ApiException;
import dev.aiops.porch.git.CommitInfo;
import dev.aiops.porch.porchapi.PorchApiBackend;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The Porch API backend of one registered Porch repository: the revision is a PackageRevision named like the
 * index row ({@code {repository}.{package}.{workspace}}), its files a PackageRevisionResources; Porch keeps the
 * git layout itself. A lifecycle move is an update of {@code spec.lifecycle} on the resourceVersion read, so a
 * concurrent change answers CONFLICT; Porch holding the revision in another lifecycle than the index answers
 * ILLEGAL_STATE_TRANSITION with Porch's lifecycle ({@link PorchApiBackend}).
 */
final class PorchBackend implements PackageBackend {

    private final PorchApiBackend porch;

    PorchBackend(PorchApiBackend porch) {
        this.porch = porch;
    }

    PorchApiBackend api() {
        return porch;
    }

    /** Porch's PackageRevision: its lifecycle and revision number are Porch's, whatever the index last saw. */
    @Override
    public PackageRevisionSummary summary(PackageRevisionEntity row) {
        return summary(porch.get(row.id()), row);
    }

    @Override
    public Optional<List<PackageRevisionSummary>> list(String repository, Map<String, PackageRevisionEntity> indexed) {
        return Optional.of(porch.list(repository).stream()
                .map(r -> summary(r, indexed.get(r.getMetadata().getName())))
                .sorted(Comparator.comparing(PackageRevisionSummary::packageName)
                        .thenComparing(Comparator.comparingInt(PackageRevisionSummary::revision)
                                .reversed())
                        .thenComparing(PackageRevisionSummary::name))
                .toList());
    }

    @SuppressWarnings("unchecked")
    private static PackageRevisionSummary summary(GenericKubernetesResource revision, PackageRevisionEntity row) {
        Map<String, Object> spec = revision.getAdditionalProperties().get("spec") instanceof Map<?, ?> m
                ? (Map<String, Object>) m
                : Map.of();
        String created = revision.getMetadata().getCreationTimestamp();
        Instant createdAt = created != null ? Instant.parse(created) : row != null ? row.createdAt() : null;
        return new PackageRevisionSummary(
                revision.getMetadata().getName(),
                String.valueOf(spec.get("packageName")),
                String.valueOf(spec.get("repository")),
                String.valueOf(spec.get("workspaceName")),
                PorchApiBackend.revisionNumber(revision),
                PorchApiBackend.lifecycle(revision),
                row != null ? row.site() : null,
                createdAt,
                row != null ? row.updatedAt() : createdAt);
    }

    /**
     * A Draft through Porch's init, cloneFrom or upgrade source, then its files written over what init generated (the adapter's
     * generated, rendered package). A Draft an earlier attempt left in Porch (the adapter died before its index
     * row was written) is adopted by the retry and its files written over the same way ({@link
     * PorchApiBackend#createDraft}).
     */
    @Override
    public void createDraft(
            PackageRevisionEntity row, Origin origin, SortedMap<String, String> files, CommitInfo info) {
        // Porch records the lineage from spec.source (cloneFrom / upgrade by upstream revision name); the files the
        // adapter cloned, merged and rendered then replace whatever Porch's task produced
        Map<String, Object> source = origin.current() != null
                ? PorchApiBackend.upgrade(origin.oldUpstream(), origin.upstream(), origin.current())
                : origin.upstream() != null
                        ? PorchApiBackend.cloneFrom(origin.upstream())
                        : PorchApiBackend.init(
                                info.subject(), row.site() == null ? "" : row.site(), List.of(row.packageName()));
        porch.createDraft(row.repository(), row.packageName(), row.workspaceName(), source);
        try {
            write(row, files);
        } catch (RuntimeException e) {
            // no index row will exist for it: remove the bare Draft so that a retry can create it again
            try {
                porch.delete(row.id());
            } catch (RuntimeException ignored) {
                // the write's failure is the one to report; a retry adopts the leftover Draft
            }
            throw e;
        }
    }

    @Override
    public Snapshot read(PackageRevisionEntity row) {
        GenericKubernetesResource resources = porch.resources(row.id());
        return new Snapshot(
                new TreeMap<>(PorchApiBackend.files(resources)),
                resources.getMetadata().getResourceVersion());
    }

    @Override
    public void updateDraft(PackageRevisionEntity row, SortedMap<String, String> files, CommitInfo info) {
        write(row, files);
    }

    private void write(PackageRevisionEntity row, SortedMap<String, String> files) {
        // the version read is sent back: Porch answers 409 if the files changed in between
        String version = porch.resources(row.id()).getMetadata().getResourceVersion();
        porch.updateResources(row.id(), files, version);
    }

    @Override
    public void propose(PackageRevisionEntity row) {
        porch.move(row.id(), PackageLifecycle.DRAFT, PackageLifecycle.PROPOSED);
    }

    @Override
    public void reject(PackageRevisionEntity row) {
        porch.move(row.id(), PackageLifecycle.PROPOSED, PackageLifecycle.DRAFT);
    }

    @Override
    public int approve(PackageRevisionEntity row, CommitInfo info) {
        GenericKubernetesResource published =
                porch.move(row.id(), PackageLifecycle.PROPOSED, PackageLifecycle.PUBLISHED);
        int revision = PorchApiBackend.revisionNumber(published);
        if (revision < 1) {
            // Porch assigns the number when it publishes; read it back once if the update's answer lacked it
            revision = PorchApiBackend.revisionNumber(porch.get(row.id()));
        }
        if (revision < 1) {
            throw new ApiException(
                    ErrorCode.SERVICE_UNAVAILABLE, "Porch published " + row.id() + " without a revision number");
        }
        return revision;
    }

    @Override
    public void proposeDeletion(PackageRevisionEntity row) {
        porch.move(row.id(), PackageLifecycle.PUBLISHED, PackageLifecycle.DELETION_PROPOSED);
    }

    @Override
    public void rejectDeletion(PackageRevisionEntity row) {
        porch.move(row.id(), PackageLifecycle.DELETION_PROPOSED, PackageLifecycle.PUBLISHED);
    }

    /** Idempotent: a revision Porch no longer has was deleted by an attempt whose index commit was lost. */
    @Override
    public void delete(PackageRevisionEntity row, CommitInfo info) {
        try {
            porch.delete(row.id());
        } catch (ApiException e) {
            if (e.code() != ErrorCode.PACKAGE_NOT_FOUND) {
                throw e;
            }
        }
    }
}
