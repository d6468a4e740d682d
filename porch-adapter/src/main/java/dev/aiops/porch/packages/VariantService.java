package dev.aiops.porch.packages;

import dev.aiops.model.error.ErrorCode;
import dev.aiops.model.error.FieldViolation;
import dev.aiops.model.packages.PackageLifecycle;
import dev.aiops.model.packages.PackageRevisionSummary;
import dev.aiops.model.paging.PageQuery;
import dev.aiops.model.paging.PagedResponse;
import dev.aiops.platform.error.ApiException;
import dev.aiops.platform.web.Pages;
import dev.aiops.porch.generation.Names;
import dev.aiops.porch.packages.VariantSetResult.Failure;
import dev.aiops.porch.packages.VariantSetResult.Outcome;
import dev.aiops.porch.packages.VariantSetResult.SiteResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Variant sets: one upstream package fanned out to sites with PackageVariant semantics.
 *
 * <p>Each site is its own unit of work, run through the lifecycle operations of {@link PackageService} (each one
 * transactional and crash-safe on its own): create or upgrade a Draft, then propose and approve it. A site
 * that fails undoes what it wrote in this run (its new Draft or Proposal is deleted, an ownership it had just
 * taken is released), so it is left as it was; the sites before and after it are not affected, and every
 * site's outcome is reported. Deliberately not one transaction over all sites: one site's git conflict must
 * not take back another site's publication, which a GitOps agent may already have pulled.
 */
@Service
class VariantService {

    private static final Logger log = LoggerFactory.getLogger(VariantService.class);
    private static final int MAX_SITES = 200;
    private static final Pattern CONFIG_KEY = Pattern.compile("^[-._a-zA-Z0-9]{1,253}$");
    private static final Comparator<PackageRevisionEntity> NEWEST = Comparator.comparing(
                    (PackageRevisionEntity r) -> r.upstreamRevision() == null ? 0 : r.upstreamRevision())
            .thenComparing(r ->
                    r.lifecycle() == PackageLifecycle.PUBLISHED || r.lifecycle() == PackageLifecycle.DELETION_PROPOSED)
            .thenComparing(PackageRevisionEntity::revision);

    private final PackageService packages;
    private final PackageRevisionRepository revisions;
    private final PackageVariantRepository variants;
    private final PackageBackends backends;
    private final TransactionTemplate transactions;

    VariantService(
            PackageService packages,
            PackageRevisionRepository revisions,
            PackageVariantRepository variants,
            PackageBackends backends,
            TransactionTemplate transactions) {
        this.packages = packages;
        this.revisions = revisions;
        this.variants = variants;
        this.backends = backends;
        this.transactions = transactions;
    }

    /** Applies the set to every site; 400 (nothing done) when the request is invalid. */
    VariantSetResult apply(VariantSetRequest request) {
        validate(request);
        String repository = request.repository() != null ? request.repository() : backends.defaultRepository();
        backends.of(repository);
        String upstream = request.upstream().packageName();
        int revision = request.upstream().revision() != null
                ? request.upstream().revision()
                : revisions.maxPublishedRevision(repository, upstream);
        if (revision < 1
                || revisions
                        .findByRepositoryAndPackageNameAndRevision(repository, upstream, revision)
                        .filter(r -> r.lifecycle() == PackageLifecycle.PUBLISHED
                                || r.lifecycle() == PackageLifecycle.DELETION_PROPOSED)
                        .isEmpty()) {
            throw new ApiException(
                    ErrorCode.PACKAGE_NOT_FOUND,
                    "No published revision " + (revision < 1 ? "" : revision + " ") + "of package " + upstream);
        }
        String adoption = request.adoptionPolicy() != null ? request.adoptionPolicy() : VariantSetRequest.ADOPT_NONE;
        String deletion = request.deletionPolicy() != null ? request.deletionPolicy() : VariantSetRequest.DELETE;
        boolean publish = request.publish() == null || request.publish();
        List<SiteResult> results = new ArrayList<>();
        for (VariantSetRequest.Site site : request.sites()) {
            Target target = new Target(
                    request.name(),
                    repository,
                    upstream,
                    revision,
                    site,
                    downstreamName(upstream, site),
                    adoption,
                    deletion,
                    publish,
                    request.intentId(),
                    request.correlationId());
            results.add(applySite(target));
        }
        return VariantSetResult.of(request.name(), repository, upstream, revision, results);
    }

    private record Target(
            String set,
            String repository,
            String upstream,
            int revision,
            VariantSetRequest.Site site,
            String packageName,
            String adoption,
            String deletion,
            boolean publish,
            String intentId,
            String correlationId) {

        UnaryOperator<SortedMap<String, String>> inject() {
            return files -> SiteValues.inject(files, packageName, site.site(), site.namespace(), site.config());
        }
    }

    private SiteResult applySite(Target target) {
        String site = target.site().site();
        String pkg = target.packageName();
        Optional<PackageVariantEntity> owner = variants.findById(PackageVariantEntity.idOf(target.repository(), pkg));
        if (owner.isPresent() && !owner.get().variantSet().equals(target.set())) {
            return failed(
                    site,
                    pkg,
                    false,
                    new ApiException(
                            ErrorCode.CONFLICT,
                            "Package " + pkg + " belongs to variant set "
                                    + owner.get().variantSet()));
        }
        List<PackageRevisionEntity> existing = revisions.findByRepositoryAndPackageName(target.repository(), pkg);
        boolean adopting = owner.isEmpty() && !existing.isEmpty();
        if (adopting && !VariantSetRequest.ADOPT_EXISTING.equals(target.adoption())) {
            return failed(
                    site,
                    pkg,
                    false,
                    new ApiException(
                            ErrorCode.CONFLICT,
                            "Package " + pkg + " exists and is not owned by variant set " + target.set()
                                    + "; adoption_policy adoptNone leaves it alone"));
        }
        PackageVariantEntity ownership = owner.orElseGet(() -> new PackageVariantEntity(
                target.set(), target.repository(), pkg, site, target.upstream(), target.adoption(), target.deletion()));
        ownership.reapplied(site, target.adoption(), target.deletion());
        Optional<PackageRevisionEntity> current = existing.stream()
                .filter(r -> target.upstream().equals(r.upstreamPackage()))
                .max(NEWEST);
        String written = null;
        try {
            PackageRevisionSummary result;
            Outcome outcome;
            if (current.isPresent() && current.get().upstreamRevision() >= target.revision()) {
                transactions.executeWithoutResult(s -> variants.saveAndFlush(ownership));
                PackageRevisionEntity at = current.get();
                if (target.publish() && at.lifecycle() == PackageLifecycle.DRAFT) {
                    packages.propose(at.id(), target.correlationId());
                }
                if (target.publish()
                        && (at.lifecycle() == PackageLifecycle.DRAFT || at.lifecycle() == PackageLifecycle.PROPOSED)) {
                    result = packages.approve(at.id(), target.correlationId());
                } else {
                    result = packages.get(at.id());
                }
                outcome = Outcome.UNCHANGED;
            } else if (current.isPresent()) {
                transactions.executeWithoutResult(s -> variants.saveAndFlush(ownership));
                result = packages.upgrade(
                        current.get().id(),
                        new UpgradeRequest(target.revision(), null),
                        target.correlationId(),
                        target.inject());
                written = result.name();
                outcome = Outcome.UPGRADED;
            } else {
                result = packages.createDownstream(
                        target.repository(),
                        pkg,
                        target.upstream(),
                        target.revision(),
                        target.inject(),
                        target.intentId(),
                        target.correlationId(),
                        () -> variants.saveAndFlush(ownership));
                written = result.name();
                outcome = Outcome.CREATED;
            }
            if (written != null && target.publish()) {
                packages.propose(written, target.correlationId());
                result = packages.approve(written, target.correlationId());
            }
            return new SiteResult(site, pkg, outcome, adopting, result, null);
        } catch (ApiException e) {
            undo(target, written, owner.isEmpty());
            return failed(site, pkg, adopting, e);
        } catch (RuntimeException e) {
            log.warn("Variant set {}: site {} failed", target.set(), site, e);
            undo(target, written, owner.isEmpty());
            return failed(
                    site,
                    pkg,
                    adopting,
                    new ApiException(ErrorCode.INTERNAL_ERROR, "The site's package could not be written"));
        }
    }

    /** Takes back what a failed site wrote in this run: its unpublished revision, an ownership it just took. */
    private void undo(Target target, String written, boolean ownershipIsNew) {
        try {
            if (written != null && revisions.existsById(written)) {
                PackageLifecycle lifecycle = revisions
                        .findById(written)
                        .map(PackageRevisionEntity::lifecycle)
                        .orElse(null);
                if (lifecycle == PackageLifecycle.DRAFT || lifecycle == PackageLifecycle.PROPOSED) {
                    packages.delete(written, target.correlationId());
                }
            }
            if (ownershipIsNew) {
                String id = PackageVariantEntity.idOf(target.repository(), target.packageName());
                transactions.executeWithoutResult(s -> variants.findById(id).ifPresent(variants::delete));
            }
        } catch (RuntimeException e) {
            // the site's result still says FAILED; the leftover Draft is visible and can be deleted or retried
            log.warn(
                    "Variant set {}: could not undo site {}",
                    target.set(),
                    target.site().site(),
                    e);
        }
    }

    /** Every variant set, by name; {@code upstreamPackage} keeps the sets of one upstream package only. */
    @Transactional(readOnly = true)
    PagedResponse<VariantSetSummary> list(String upstreamPackage, PageQuery paging) {
        // the queries order by name themselves: an aggregate has no entity property to sort on
        Pageable page = Pages.pageable(paging, Sort.unsorted());
        return Pages.response(
                upstreamPackage == null
                        ? variants.findSets(page)
                        : variants.findSetsByUpstreamPackage(upstreamPackage, page),
                paging,
                VariantSetSummary::of);
    }

    VariantSetView get(String name) {
        List<PackageVariantEntity> members = variants.findByVariantSetOrderByPackageName(name);
        if (members.isEmpty()) {
            throw new ApiException(ErrorCode.NOT_FOUND, "No variant set named " + name);
        }
        return new VariantSetView(
                name,
                members.stream()
                        .map(m -> new VariantSetView.Member(
                                m.site(),
                                m.repository(),
                                m.packageName(),
                                m.upstreamPackage(),
                                m.adoptionPolicy(),
                                m.deletionPolicy(),
                                revisions.findByRepositoryAndPackageName(m.repository(), m.packageName()).stream()
                                        .sorted(Comparator.comparing(PackageRevisionEntity::revision)
                                                .reversed())
                                        .map(PackageRevisionEntity::toSummary)
                                        .toList()))
                        .toList());
    }

    /**
     * Deletes the set: per its deletion policy each downstream package is deleted (every revision; a published
     * one is proposed for deletion first, so main loses it) or orphaned (kept, unowned). A site that fails
     * keeps its ownership, so deleting the set again retries it.
     */
    VariantSetResult delete(String name, String correlationId) {
        List<PackageVariantEntity> members = variants.findByVariantSetOrderByPackageName(name);
        if (members.isEmpty()) {
            throw new ApiException(ErrorCode.NOT_FOUND, "No variant set named " + name);
        }
        List<SiteResult> results = new ArrayList<>();
        for (PackageVariantEntity member : members) {
            try {
                Outcome outcome = Outcome.ORPHANED;
                if (VariantSetRequest.DELETE.equals(member.deletionPolicy())) {
                    List<PackageRevisionEntity> all =
                            revisions.findByRepositoryAndPackageName(member.repository(), member.packageName());
                    // unpublished revisions first, then published ones newest first
                    all.sort(Comparator.comparing((PackageRevisionEntity r) -> r.revision() > 0)
                            .thenComparing(PackageRevisionEntity::revision, Comparator.reverseOrder()));
                    for (PackageRevisionEntity revision : all) {
                        if (revision.lifecycle() == PackageLifecycle.PUBLISHED) {
                            packages.proposeDelete(revision.id(), correlationId);
                        }
                        packages.delete(revision.id(), correlationId);
                    }
                    outcome = Outcome.DELETED;
                }
                transactions.executeWithoutResult(s -> variants.deleteById(member.id()));
                results.add(new SiteResult(member.site(), member.packageName(), outcome, false, null, null));
            } catch (ApiException e) {
                results.add(failed(member.site(), member.packageName(), false, e));
            }
        }
        return VariantSetResult.of(
                name, members.get(0).repository(), members.get(0).upstreamPackage(), null, results);
    }

    private static SiteResult failed(String site, String pkg, boolean adopted, ApiException e) {
        return new SiteResult(
                site,
                pkg,
                Outcome.FAILED,
                adopted,
                null,
                new Failure(e.code().name(), e.getMessage(), e.properties().get("conflicts")));
    }

    private static String downstreamName(String upstream, VariantSetRequest.Site site) {
        return site.packageName() != null ? site.packageName() : upstream + "-" + site.site();
    }

    private static void validate(VariantSetRequest request) {
        if (request == null) {
            throw ApiException.validation(List.of(new FieldViolation("body", "must not be null")));
        }
        List<FieldViolation> violations = new ArrayList<>();
        if (!Names.isDnsLabel(request.name())) {
            violations.add(new FieldViolation("name", "must be a DNS-1123 label"));
        }
        if (request.repository() != null && !Names.isDnsLabel(request.repository())) {
            violations.add(new FieldViolation("repository", "must be a DNS-1123 label"));
        }
        String upstream = null;
        if (request.upstream() == null) {
            violations.add(new FieldViolation("upstream", "must not be null"));
        } else {
            upstream = request.upstream().packageName();
            if (!Names.isDnsLabel(upstream)) {
                violations.add(new FieldViolation("upstream.package_name", "must be a DNS-1123 label"));
            }
            if (request.upstream().revision() != null && request.upstream().revision() < 1) {
                violations.add(new FieldViolation("upstream.revision", "must be a published revision (1 or more)"));
            }
        }
        if (request.adoptionPolicy() != null
                && !List.of(VariantSetRequest.ADOPT_EXISTING, VariantSetRequest.ADOPT_NONE)
                        .contains(request.adoptionPolicy())) {
            violations.add(new FieldViolation("adoption_policy", "must be adoptExisting or adoptNone"));
        }
        if (request.deletionPolicy() != null
                && !List.of(VariantSetRequest.DELETE, VariantSetRequest.ORPHAN).contains(request.deletionPolicy())) {
            violations.add(new FieldViolation("deletion_policy", "must be delete or orphan"));
        }
        if (request.sites() == null
                || request.sites().isEmpty()
                || request.sites().size() > MAX_SITES) {
            violations.add(new FieldViolation("sites", "must list 1 to " + MAX_SITES + " sites"));
        } else {
            Set<String> seenSites = new HashSet<>();
            Set<String> seenPackages = new HashSet<>();
            for (int i = 0; i < request.sites().size(); i++) {
                VariantSetRequest.Site site = request.sites().get(i);
                String at = "sites[" + i + "]";
                if (site == null || !Names.isDnsLabel(site.site())) {
                    violations.add(new FieldViolation(at + ".site", "must be a DNS-1123 label"));
                    continue;
                }
                if (!seenSites.add(site.site())) {
                    violations.add(new FieldViolation(at + ".site", "is listed twice"));
                }
                if (site.packageName() != null && !Names.isDnsLabel(site.packageName())) {
                    violations.add(new FieldViolation(at + ".package_name", "must be a DNS-1123 label"));
                } else if (upstream != null) {
                    String pkg = downstreamName(upstream, site);
                    if (!Names.isDnsLabel(pkg)) {
                        violations.add(new FieldViolation(
                                at + ".package_name", "the default " + pkg + " is not a DNS-1123 label; name one"));
                    } else if (pkg.equals(upstream) || !seenPackages.add(pkg)) {
                        violations.add(new FieldViolation(
                                at + ".package_name", "must differ from the upstream and from the other sites'"));
                    }
                }
                if (site.namespace() != null && !Names.isDnsLabel(site.namespace())) {
                    violations.add(new FieldViolation(at + ".namespace", "must be a DNS-1123 label"));
                }
                if (site.config() != null) {
                    for (Map.Entry<String, String> entry : site.config().entrySet()) {
                        if (entry.getKey() == null
                                || !CONFIG_KEY.matcher(entry.getKey()).matches()
                                || entry.getValue() == null) {
                            violations.add(new FieldViolation(
                                    at + ".config." + entry.getKey(),
                                    "must be a ConfigMap key ([-._a-zA-Z0-9]) with a string value"));
                        }
                    }
                }
            }
        }
        if (!violations.isEmpty()) {
            throw ApiException.validation(violations);
        }
    }
}
