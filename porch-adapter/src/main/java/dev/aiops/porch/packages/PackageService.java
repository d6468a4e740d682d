package dev.aiops.porch.packages;

import dev.aiops.model.error.ErrorCode;
import dev.aiops.model.error.FieldViolation;
import dev.aiops.model.packages.PackageLifecycle;
import dev.aiops.model.packages.PackageRevisionSummary;
import dev.aiops.model.paging.PageQuery;
import dev.aiops.model.paging.PagedResponse;
import dev.aiops.platform.error.ApiException;
import dev.aiops.platform.web.Pages;
import dev.aiops.porch.generation.CnfSpecValidator;
import dev.aiops.porch.generation.Names;
import dev.aiops.porch.generation.PackageGenerator;
import dev.aiops.porch.git.CommitInfo;
import dev.aiops.porch.merge.ThreeWayMerge;
import dev.aiops.porch.render.KptRenderer;
import dev.aiops.porch.render.RenderException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Package revisions and their Porch lifecycle, on either backend ({@link PackageBackend}: the git store or a
 * registered Porch API server); the lifecycle rules, the index and the events are this class's alone.
 *
 * <p>Order of every write, and why: the row is locked first (one operation per revision at a time, across
 * instances sharing the database), then the backend is changed (git's atomic ref update, or Porch's update on
 * the resourceVersion read, is the commit point), then the row and the outbox event are written and the
 * transaction commits. If the process dies between the
 * git commit point and the database commit, git is ahead of the index: {@link PackageIndexReconciler}
 * repairs the rows from the refs at the next start, and a retried approve finds its own tag and adopts
 * it instead of publishing twice. The opposite (database ahead of git) cannot happen.
 */
@Service
class PackageService {

    // a package's revisions together, newest revision first
    private static final Sort BY_PACKAGE =
            Sort.by(Sort.Order.asc("packageName"), Sort.Order.desc("revision"), Sort.Order.asc("id"));
    private static final int MAX_FILES = 200;
    private static final int MAX_FILE_CHARS = 1024 * 1024;

    private final PackageRevisionRepository revisions;
    private final PackageBackends backends;
    private final PackageEvents events;

    PackageService(PackageRevisionRepository revisions, PackageBackends backends, PackageEvents events) {
        this.revisions = revisions;
        this.backends = backends;
        this.events = events;
    }

    /**
     * The revisions the filter selects: from the index, except for a Porch repository, whose revisions are
     * listed from Porch itself (paged here, since Porch's list has no stable paging of its own) and filtered
     * with what the index knows about them.
     */
    @Transactional(readOnly = true)
    PagedResponse<PackageRevisionSummary> list(PackageFilter filter, PageQuery paging) {
        filter.validate();
        if (filter.repository() != null) {
            Map<String, PackageRevisionEntity> indexed = new HashMap<>();
            revisions.findByRepository(filter.repository()).forEach(r -> indexed.put(r.id(), r));
            Optional<List<PackageRevisionSummary>> listed =
                    backends.of(filter.repository()).list(filter.repository(), indexed);
            if (listed.isPresent()) {
                List<PackageRevisionSummary> all = listed.get().stream()
                        .filter(summary -> filter.matches(summary, indexed.get(summary.name())))
                        .toList();
                int from = (int) Math.min((long) (paging.page() - 1) * paging.pageSize(), all.size());
                int to = Math.min(from + paging.pageSize(), all.size());
                return PagedResponse.of(all.subList(from, to), all.size(), paging);
            }
        }
        return Pages.response(
                revisions.findAll(filter.toSpecification(), Pages.pageable(paging, BY_PACKAGE)),
                paging,
                PackageRevisionEntity::toSummary);
    }

    @Transactional(readOnly = true)
    PackageRevisionSummary get(String id) {
        PackageRevisionEntity row = find(id);
        return backends.of(row.repository()).summary(row);
    }

    @Transactional(readOnly = true)
    long version(String id) {
        return find(id).version();
    }

    @Transactional
    PackageRevisionSummary create(CreatePackageRequest request) {
        if (request == null) {
            throw ApiException.validation(List.of(new FieldViolation("body", "must not be null")));
        }
        List<FieldViolation> violations = new ArrayList<>();
        if (!Names.isDnsLabel(request.packageName())) {
            violations.add(new FieldViolation("package_name", "must be a DNS-1123 label (lower case, digits, '-')"));
        }
        if (request.workspaceName() != null && !Names.isDnsLabel(request.workspaceName())) {
            violations.add(new FieldViolation("workspace_name", "must be a DNS-1123 label"));
        }
        if (request.repository() != null && !Names.isDnsLabel(request.repository())) {
            violations.add(new FieldViolation("repository", "must be a DNS-1123 label"));
        }
        if ((request.cnf() == null) == (request.cloneFrom() == null)) {
            violations.add(new FieldViolation("cnf", "give exactly one of cnf and clone_from"));
        } else if (request.cnf() != null) {
            violations.addAll(CnfSpecValidator.validate(request.cnf(), "cnf"));
        } else {
            if (!Names.isDnsLabel(request.cloneFrom().packageName())) {
                violations.add(new FieldViolation("clone_from.package_name", "must be a DNS-1123 label"));
            }
            if (request.cloneFrom().revision() == null || request.cloneFrom().revision() < 1) {
                violations.add(new FieldViolation("clone_from.revision", "must be a published revision (1 or more)"));
            }
        }
        if (!violations.isEmpty()) {
            throw ApiException.validation(violations);
        }
        String repository = request.repository() != null ? request.repository() : backends.defaultRepository();
        PackageBackend backend = backends.of(repository);
        String workspace = request.workspaceName() != null
                ? request.workspaceName()
                : "v" + (revisions.countByRepositoryAndPackageName(repository, request.packageName()) + 1);
        String name = PackageRevisionEntity.nameOf(repository, request.packageName(), workspace);
        if (name.length() > 253) {
            throw ApiException.invalidField(
                    ErrorCode.VALIDATION_FAILED, "package_name", "the revision name exceeds 253 characters");
        }
        if (revisions.existsById(name)) {
            throw new ApiException(ErrorCode.CONFLICT, "Package revision " + name + " already exists");
        }

        SortedMap<String, String> files;
        String site;
        PackageRevisionEntity upstream = null;
        if (request.cnf() != null) {
            files = PackageGenerator.generate(request.packageName(), request.cnf());
            site = request.cnf().site();
        } else {
            int upstreamRevision = request.cloneFrom().revision();
            upstream = revisions
                    .findByRepositoryAndPackageNameAndRevision(
                            repository, request.cloneFrom().packageName(), upstreamRevision)
                    .filter(r -> r.lifecycle() == PackageLifecycle.PUBLISHED
                            || r.lifecycle() == PackageLifecycle.DELETION_PROPOSED)
                    .orElseThrow(() -> new ApiException(
                            ErrorCode.PACKAGE_NOT_FOUND,
                            "No published revision " + upstreamRevision + " of package "
                                    + request.cloneFrom().packageName()));
            PackageBackend.Snapshot source = backend.read(upstream);
            files = Kptfiles.cloned(
                    source.files(),
                    request.packageName(),
                    repository,
                    upstream.packageName(),
                    upstreamRevision,
                    source.version());
            site = upstream.site();
        }
        SortedMap<String, String> rendered = render(files);
        String message = (request.cnf() != null
                        ? "Create "
                        : "Clone " + request.cloneFrom().packageName() + " v"
                                + request.cloneFrom().revision() + " as ")
                + request.packageName() + " (" + workspace + ")";
        return newDraft(
                        backend,
                        new PackageRevisionEntity(
                                repository,
                                request.packageName(),
                                workspace,
                                PackageLifecycle.DRAFT,
                                site,
                                request.intentId(),
                                request.correlationId()),
                        upstream == null ? PackageBackend.Origin.NEW : PackageBackend.Origin.clonedFrom(upstream.id()),
                        upstream == null ? null : upstream.packageName(),
                        upstream == null ? null : upstream.revision(),
                        rendered,
                        message)
                .toSummary();
    }

    /**
     * A variant's downstream package on one site: a new Draft cloned from a published upstream revision, the
     * site's values injected ({@code inject}), rendered. {@code alsoInTransaction} runs in the same
     * transaction (the variant's ownership row), so both exist or neither.
     */
    @Transactional
    PackageRevisionSummary createDownstream(
            String repository,
            String packageName,
            String upstreamPackage,
            int upstreamRevision,
            UnaryOperator<SortedMap<String, String>> inject,
            String intentId,
            String correlationId,
            Runnable alsoInTransaction) {
        PackageBackend backend = backends.of(repository);
        PackageRevisionEntity upstream = publishedRevision(repository, upstreamPackage, upstreamRevision);
        PackageBackend.Snapshot source = backend.read(upstream);
        SortedMap<String, String> files = inject.apply(Kptfiles.cloned(
                source.files(), packageName, repository, upstreamPackage, upstreamRevision, source.version()));
        SortedMap<String, String> rendered = render(files);
        String workspace = freeWorkspace(repository, packageName);
        PackageRevisionEntity row = newDraft(
                backend,
                new PackageRevisionEntity(
                        repository,
                        packageName,
                        workspace,
                        PackageLifecycle.DRAFT,
                        Kptfiles.site(rendered).orElse(upstream.site()),
                        intentId,
                        correlationId),
                PackageBackend.Origin.clonedFrom(upstream.id()),
                upstreamPackage,
                upstreamRevision,
                rendered,
                "Clone " + upstreamPackage + " v" + upstreamRevision + " as " + packageName + " (" + workspace + ")");
        alsoInTransaction.run();
        return row.toSummary();
    }

    /**
     * Upgrade: a new Draft of a cloned package, three-way merged from the upstream revision it was cloned
     * from (base), its own files (ours) and a newer upstream revision (theirs). A field both sides changed
     * differently is a conflict: 409 listing every one ({@code conflicts}: file, path, base, ours, theirs) and
     * nothing written. {@code inject} runs on the merged files before render (identity for a plain upgrade).
     */
    @Transactional
    PackageRevisionSummary upgrade(
            String id, UpgradeRequest request, String correlationId, UnaryOperator<SortedMap<String, String>> inject) {
        UpgradeRequest upgrade = request == null ? new UpgradeRequest(null, null) : request;
        List<FieldViolation> violations = new ArrayList<>();
        if (upgrade.revision() != null && upgrade.revision() < 1) {
            violations.add(new FieldViolation("revision", "must be a published revision (1 or more)"));
        }
        if (upgrade.workspaceName() != null && !Names.isDnsLabel(upgrade.workspaceName())) {
            violations.add(new FieldViolation("workspace_name", "must be a DNS-1123 label"));
        }
        if (!violations.isEmpty()) {
            throw ApiException.validation(violations);
        }
        PackageRevisionEntity local = find(id);
        if (local.upstreamPackage() == null || local.upstreamRevision() == null) {
            throw new ApiException(
                    ErrorCode.CONFLICT,
                    "Revision " + id + " was not cloned from an upstream package; nothing to upgrade");
        }
        String repository = local.repository();
        String upstreamPackage = local.upstreamPackage();
        int from = local.upstreamRevision();
        int to = upgrade.revision() != null
                ? upgrade.revision()
                : revisions.maxPublishedRevision(repository, upstreamPackage);
        if (to <= from) {
            throw new ApiException(
                    ErrorCode.CONFLICT,
                    "Revision " + id + " already follows " + upstreamPackage + " v" + from
                            + "; nothing newer to upgrade to",
                    List.of(),
                    Map.of("upstream_revision", from));
        }
        PackageRevisionEntity newer = publishedRevision(repository, upstreamPackage, to);
        PackageBackend backend = backends.of(repository);
        PackageRevisionEntity baseRow = revisions
                .findByRepositoryAndPackageNameAndRevision(repository, upstreamPackage, from)
                .orElseThrow(() -> new ApiException(
                        ErrorCode.CONFLICT,
                        "The upstream revision " + upstreamPackage + " v" + from
                                + " this package was cloned from no longer exists; a three-way merge needs it"));
        PackageBackend.Snapshot theirs = backend.read(newer);
        ThreeWayMerge.Result merged = ThreeWayMerge.merge(
                Kptfiles.withoutUpstream(backend.read(baseRow).files()),
                Kptfiles.withoutUpstream(backend.read(local).files()),
                Kptfiles.withoutUpstream(theirs.files()));
        if (!merged.clean()) {
            throw new ApiException(
                    ErrorCode.CONFLICT,
                    merged.conflicts().size() + " change(s) of " + upstreamPackage + " v" + to
                            + " conflict with local edits; nothing was written",
                    List.of(),
                    Map.of("conflicts", merged.conflicts()));
        }
        SortedMap<String, String> files = inject.apply(Kptfiles.cloned(
                merged.files(), local.packageName(), repository, upstreamPackage, to, theirs.version()));
        SortedMap<String, String> rendered = render(files);
        String workspace = upgrade.workspaceName() != null
                ? upgrade.workspaceName()
                : freeWorkspace(repository, local.packageName());
        String name = PackageRevisionEntity.nameOf(repository, local.packageName(), workspace);
        if (revisions.existsById(name)) {
            throw new ApiException(ErrorCode.CONFLICT, "Package revision " + name + " already exists");
        }
        return newDraft(
                        backend,
                        new PackageRevisionEntity(
                                repository,
                                local.packageName(),
                                workspace,
                                PackageLifecycle.DRAFT,
                                Kptfiles.site(rendered).orElse(local.site()),
                                local.intentId(),
                                correlationId != null ? correlationId : local.correlationId()),
                        PackageBackend.Origin.upgrade(local.id(), baseRow.id(), newer.id()),
                        upstreamPackage,
                        to,
                        rendered,
                        "Upgrade " + local.packageName() + " from " + upstreamPackage + " v" + from + " to v" + to
                                + " (" + workspace + ")")
                .toSummary();
    }

    /** Writes a new Draft's files in its backend, then its row and its event. */
    private PackageRevisionEntity newDraft(
            PackageBackend backend,
            PackageRevisionEntity row,
            PackageBackend.Origin origin,
            String upstreamPackage,
            Integer upstreamRevision,
            SortedMap<String, String> rendered,
            String message) {
        CommitInfo info = new CommitInfo(message, row.intentId(), row.correlationId());
        backend.createDraft(row, origin, rendered, info);
        if (upstreamPackage != null) {
            row.upstream(upstreamPackage, upstreamRevision);
        }
        revisions.saveAndFlush(row);
        events.changed(row, null, PackageLifecycle.DRAFT, row.correlationId());
        return row;
    }

    /** {@code v{n}}: the first n, counting from the package's revisions, no revision of it uses. */
    private String freeWorkspace(String repository, String packageName) {
        long n = revisions.countByRepositoryAndPackageName(repository, packageName) + 1;
        while (revisions.existsById(PackageRevisionEntity.nameOf(repository, packageName, "v" + n))) {
            n++;
        }
        return "v" + n;
    }

    private PackageRevisionEntity publishedRevision(String repository, String packageName, int revision) {
        return revisions
                .findByRepositoryAndPackageNameAndRevision(repository, packageName, revision)
                .filter(r -> r.lifecycle() == PackageLifecycle.PUBLISHED
                        || r.lifecycle() == PackageLifecycle.DELETION_PROPOSED)
                .orElseThrow(() -> new ApiException(
                        ErrorCode.PACKAGE_NOT_FOUND,
                        "No published revision " + revision + " of package " + packageName));
    }

    @Transactional(readOnly = true)
    PackageResources resources(String id) {
        PackageRevisionEntity row = find(id);
        SortedMap<String, String> files =
                backends.of(row.repository()).read(row).files();
        return new PackageResources(row.id(), row.version(), files, renderStatus(files));
    }

    @Transactional
    PackageResources updateResources(String id, UpdateResourcesRequest request, Long ifMatch, String correlationId) {
        if (request == null || request.resources() == null) {
            throw ApiException.validation(List.of(new FieldViolation("resources", "must not be null")));
        }
        PackageRevisionEntity row = lock(id);
        if (ifMatch != null && ifMatch != row.version()) {
            throw new ApiException(
                    ErrorCode.PRECONDITION_FAILED,
                    "If-Match does not match the revision's resource version",
                    List.of(),
                    Map.of("current_version", row.version()));
        }
        if (request.resourceVersion() != null && request.resourceVersion() != row.version()) {
            throw new ApiException(
                    ErrorCode.CONFLICT,
                    "The resources changed since resource_version " + request.resourceVersion(),
                    List.of(),
                    Map.of("current_version", row.version()));
        }
        if (row.lifecycle() != PackageLifecycle.DRAFT) {
            throw illegal(row, "edit the resources of");
        }
        SortedMap<String, String> files = checkFiles(request.resources());
        SortedMap<String, String> rendered = render(files);
        backends.of(row.repository())
                .updateDraft(
                        row,
                        rendered,
                        new CommitInfo(
                                "Edit " + row.packageName() + " (" + row.workspaceName() + ")",
                                row.intentId(),
                                correlation(row, correlationId)));
        Kptfiles.site(rendered).ifPresent(row::site);
        row.touch();
        revisions.saveAndFlush(row);
        // an edit is a change of the revision too (its files, maybe its site): Draft → Draft
        events.changed(row, PackageLifecycle.DRAFT, PackageLifecycle.DRAFT, correlationId);
        return new PackageResources(row.id(), row.version(), rendered, renderStatus(rendered));
    }

    @Transactional
    PackageRevisionSummary propose(String id, String correlationId) {
        PackageRevisionEntity row = lock(id);
        requireTransition(row, PackageLifecycle.PROPOSED, "propose");
        backends.of(row.repository()).propose(row);
        return transition(row, PackageLifecycle.PROPOSED, correlationId);
    }

    /** Proposed → Draft, or DeletionProposed → Published (the deletion is rejected). */
    @Transactional
    PackageRevisionSummary reject(String id, String correlationId) {
        PackageRevisionEntity row = lock(id);
        if (row.lifecycle() == PackageLifecycle.PROPOSED) {
            backends.of(row.repository()).reject(row);
            return transition(row, PackageLifecycle.DRAFT, correlationId);
        }
        if (row.lifecycle() == PackageLifecycle.DELETION_PROPOSED) {
            backends.of(row.repository()).rejectDeletion(row);
            return transition(row, PackageLifecycle.PUBLISHED, correlationId);
        }
        throw illegal(row, "reject");
    }

    @Transactional
    PackageRevisionSummary approve(String id, String correlationId) {
        PackageRevisionEntity row = lock(id);
        requireTransition(row, PackageLifecycle.PUBLISHED, "approve");
        int revision = backends.of(row.repository())
                .approve(
                        row,
                        new CommitInfo(
                                "Publish " + row.packageName(), row.intentId(), correlation(row, correlationId)));
        row.publish(revision);
        revisions.saveAndFlush(row);
        events.changed(row, PackageLifecycle.PROPOSED, PackageLifecycle.PUBLISHED, correlationId);
        return row.toSummary();
    }

    @Transactional
    PackageRevisionSummary proposeDelete(String id, String correlationId) {
        PackageRevisionEntity row = lock(id);
        requireTransition(row, PackageLifecycle.DELETION_PROPOSED, "propose the deletion of");
        backends.of(row.repository()).proposeDeletion(row);
        return transition(row, PackageLifecycle.DELETION_PROPOSED, correlationId);
    }

    /** Draft, Proposed and DeletionProposed revisions may be deleted; Published ones are proposed first. */
    @Transactional
    void delete(String id, String correlationId) {
        PackageRevisionEntity row = lock(id);
        if (!row.lifecycle().deletable()) {
            throw illegal(row, "delete (propose its deletion first)");
        }
        backends.of(row.repository())
                .delete(
                        row,
                        new CommitInfo(
                                "Delete " + row.packageName() + " v" + row.revision(),
                                row.intentId(),
                                correlation(row, correlationId)));
        revisions.delete(row);
        revisions.flush();
        events.changed(row, row.lifecycle(), null, correlationId);
    }

    private PackageRevisionSummary transition(PackageRevisionEntity row, PackageLifecycle next, String correlationId) {
        PackageLifecycle old = row.lifecycle();
        row.moveTo(next);
        revisions.saveAndFlush(row);
        events.changed(row, old, next, correlationId);
        return row.toSummary();
    }

    private static String correlation(PackageRevisionEntity row, String correlationId) {
        return correlationId != null ? correlationId : row.correlationId();
    }

    private PackageRevisionEntity find(String id) {
        return revisions.findById(id).orElseThrow(() -> PackageNotFoundException.of(id));
    }

    private PackageRevisionEntity lock(String id) {
        return revisions.lockById(id).orElseThrow(() -> PackageNotFoundException.of(id));
    }

    private static void requireTransition(PackageRevisionEntity row, PackageLifecycle next, String action) {
        if (!row.lifecycle().canTransitionTo(next)) {
            throw illegal(row, action);
        }
    }

    private static ApiException illegal(PackageRevisionEntity row, String action) {
        return new ApiException(
                ErrorCode.ILLEGAL_STATE_TRANSITION,
                "Cannot " + action + " a " + row.lifecycle().porchValue() + " revision",
                List.of(),
                Map.of("current_lifecycle", row.lifecycle().porchValue()));
    }

    private static SortedMap<String, String> render(SortedMap<String, String> files) {
        try {
            return KptRenderer.render(files).files();
        } catch (RenderException e) {
            throw ApiException.invalidField(ErrorCode.VALIDATION_FAILED, e.field(), e.getMessage());
        }
    }

    private static dev.aiops.porch.render.RenderStatus renderStatus(SortedMap<String, String> files) {
        try {
            return KptRenderer.render(files).status();
        } catch (RenderException e) {
            return null;
        }
    }

    private static SortedMap<String, String> checkFiles(Map<String, String> resources) {
        List<FieldViolation> violations = new ArrayList<>();
        if (resources.size() > MAX_FILES) {
            violations.add(new FieldViolation("resources", "at most " + MAX_FILES + " files"));
        }
        if (!resources.containsKey(PackageGenerator.KPTFILE)) {
            violations.add(new FieldViolation("resources.Kptfile", "a package needs its Kptfile"));
        }
        for (Map.Entry<String, String> file : resources.entrySet()) {
            String path = file.getKey();
            if (path == null
                    || path.isBlank()
                    || path.startsWith("/")
                    || path.contains("\\")
                    || List.of(path.split("/", -1)).stream()
                            .anyMatch(s -> s.isEmpty() || s.equals(".") || s.equals("..") || s.equals(".git"))) {
                violations.add(new FieldViolation("resources." + path, "must be a relative path inside the package"));
            } else if (file.getValue() == null || file.getValue().length() > MAX_FILE_CHARS) {
                violations.add(new FieldViolation(
                        "resources." + path, "must be text of at most " + MAX_FILE_CHARS + " characters"));
            }
        }
        if (!violations.isEmpty()) {
            throw ApiException.validation(violations);
        }
        return new TreeMap<>(resources);
    }
}
