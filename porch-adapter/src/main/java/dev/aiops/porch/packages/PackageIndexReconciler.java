package dev.aiops.porch.packages;

import dev.aiops.model.packages.PackageLifecycle;
import dev.aiops.porch.git.CommitInfo;
import dev.aiops.porch.git.GitPackageStore;
import dev.aiops.porch.repositories.PackageStores;
import dev.aiops.porch.repositories.RemoteRepositoryFetched;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Makes the index agree with git at start-up. Git is the source of truth: each operation's ref update is
 * its commit point and happens before the database commit, so after a crash the refs may be ahead of the
 * rows, never behind. This reads the refs once (tags, drafts, proposals, deletion proposals; no tree is
 * read except a Kptfile for a revision the index never saw) and fixes the rows: missing ones inserted,
 * lifecycles and revisions corrected, rows whose refs are gone removed. Each fix is reported as a
 * PACKAGE_REVISION_CHANGED event, like the operation that was interrupted would have.
 */
@Component
class PackageIndexReconciler implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(PackageIndexReconciler.class);
    private static final String DRAFTS = Constants.R_HEADS + "drafts/";
    private static final String PROPOSED = Constants.R_HEADS + "proposed/";
    private static final String DELETION = Constants.R_HEADS + "deletionProposed/";

    private final PackageStores stores;
    private final PackageRevisionRepository revisions;
    private final PackageEvents events;
    private final TransactionTemplate transactions;

    PackageIndexReconciler(
            PackageStores stores,
            PackageRevisionRepository revisions,
            PackageEvents events,
            TransactionTemplate transactions) {
        this.stores = stores;
        this.revisions = revisions;
        this.events = events;
        this.transactions = transactions;
    }

    @Override
    public void run(ApplicationArguments args) {
        stores.all().forEach((name, store) -> {
            int fixed = transactions.execute(status -> reconcile(name, store));
            if (fixed > 0) {
                log.warn("Repaired {} package revision rows of repository {} from its git refs", fixed, name);
            }
        });
    }

    /**
     * A remote repository just registered and cloned: its revisions enter the index, in a transaction of their own
     * after the registration's committed (a failure here leaves the registration standing; the next start
     * reconciles again).
     */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void fetched(RemoteRepositoryFetched event) {
        if (!stores.serves(event.repository())) {
            return;
        }
        TransactionTemplate own = new TransactionTemplate(transactions.getTransactionManager());
        own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        int fixed = own.execute(status -> reconcile(event.repository(), stores.store(event.repository())));
        log.info("Indexed {} package revision rows of the remote repository {}", fixed, event.repository());
    }

    /** Returns how many rows changed. */
    int reconcile(String repository, GitPackageStore store) {
        Map<String, PackageRevisionEntity> rows = new HashMap<>();
        for (PackageRevisionEntity row : revisions.findByRepository(repository)) {
            rows.put(row.id(), row);
        }
        // published rows by {package}/v{revision}, the tag's own name: one lookup per tag, not a scan
        Map<String, PackageRevisionEntity> byRevision = new HashMap<>();
        for (PackageRevisionEntity row : rows.values()) {
            if (row.revision() > 0) {
                byRevision.put(row.packageName() + "/v" + row.revision(), row);
            }
        }
        Set<String> seen = new HashSet<>();
        int fixed = 0;
        // the site of a package rebuilt into the index: from main's Kptfiles, read in one pass, so a rebuild
        // of 10,000 revisions does not look each one up in a 10,000-entry root tree
        Map<String, String> mainSites = new HashMap<>();

        Set<String> deletionProposed = new HashSet<>();
        for (String ref : store.refs(DELETION).keySet()) {
            deletionProposed.add(ref.substring(DELETION.length())); // {package}/v{n}
        }
        for (Map.Entry<String, ObjectId> tag : store.refs(Constants.R_TAGS).entrySet()) {
            String path = tag.getKey().substring(Constants.R_TAGS.length());
            int slash = path.lastIndexOf("/v");
            if (slash <= 0) {
                continue;
            }
            String pkg = path.substring(0, slash);
            int revision;
            try {
                revision = Integer.parseInt(path.substring(slash + 2));
            } catch (NumberFormatException e) {
                continue;
            }
            PackageLifecycle lifecycle =
                    deletionProposed.contains(path) ? PackageLifecycle.DELETION_PROPOSED : PackageLifecycle.PUBLISHED;
            PackageRevisionEntity row = byRevision.get(pkg + "/v" + revision);
            if (row == null) {
                Map<String, String> trailers = store.trailers(tag.getValue());
                String workspace = trailers.getOrDefault(CommitInfo.WORKSPACE, "v" + revision);
                row = rows.get(PackageRevisionEntity.nameOf(repository, pkg, workspace));
                if (row == null) {
                    row = new PackageRevisionEntity(
                            repository,
                            pkg,
                            workspace,
                            lifecycle,
                            site(store, mainSites, tag.getValue(), pkg),
                            trailers.get(CommitInfo.INTENT),
                            trailers.get(CommitInfo.CORRELATION));
                    row.publish(revision);
                    row.moveTo(lifecycle);
                    revisions.save(row);
                    rows.put(row.id(), row);
                    events.changed(row, null, lifecycle, null);
                    fixed++;
                    seen.add(row.id());
                    continue;
                }
                PackageLifecycle old = row.lifecycle();
                row.publish(revision);
                row.moveTo(lifecycle);
                events.changed(row, old, lifecycle, null);
                fixed++;
            } else if (row.lifecycle() != lifecycle) {
                PackageLifecycle old = row.lifecycle();
                row.moveTo(lifecycle);
                events.changed(row, old, lifecycle, null);
                fixed++;
            }
            seen.add(row.id());
        }
        fixed += branches(repository, store, DRAFTS, PackageLifecycle.DRAFT, rows, seen);
        fixed += branches(repository, store, PROPOSED, PackageLifecycle.PROPOSED, rows, seen);
        for (PackageRevisionEntity row : List.copyOf(rows.values())) {
            if (!seen.contains(row.id())) {
                // its refs are gone: the deletion reached git's commit point, not the database
                revisions.delete(row);
                events.changed(row, row.lifecycle(), null, null);
                fixed++;
            }
        }
        revisions.flush();
        return fixed;
    }

    private static String site(GitPackageStore store, Map<String, String> mainSites, ObjectId commit, String pkg) {
        if (mainSites.isEmpty()) {
            store.resolve(Constants.R_HEADS + GitPackageStore.MAIN)
                    .ifPresent(main -> store.kptfiles(main)
                            .forEach((name, kptfile) -> Kptfiles.site(Map.of("Kptfile", kptfile))
                                    .ifPresent(site -> mainSites.put(name, site))));
            mainSites.putIfAbsent("", ""); // read once even when main has no sites
        }
        String site = mainSites.get(pkg);
        return site != null
                ? site
                : Kptfiles.site(store.readPackage(commit, pkg)).orElse(null);
    }

    private int branches(
            String repository,
            GitPackageStore store,
            String prefix,
            PackageLifecycle lifecycle,
            Map<String, PackageRevisionEntity> rows,
            Set<String> seen) {
        int fixed = 0;
        for (Map.Entry<String, ObjectId> ref : store.refs(prefix).entrySet()) {
            String path = ref.getKey().substring(prefix.length());
            int slash = path.indexOf('/');
            if (slash <= 0) {
                continue;
            }
            String pkg = path.substring(0, slash);
            String workspace = path.substring(slash + 1);
            String id = PackageRevisionEntity.nameOf(repository, pkg, workspace);
            if (seen.contains(id)) {
                continue; // already published: a leftover branch does not demote it
            }
            PackageRevisionEntity row = rows.get(id);
            if (row == null) {
                Map<String, String> trailers = store.trailers(ref.getValue());
                row = new PackageRevisionEntity(
                        repository,
                        pkg,
                        workspace,
                        lifecycle,
                        Kptfiles.site(store.readPackage(ref.getValue(), pkg)).orElse(null),
                        trailers.get(CommitInfo.INTENT),
                        trailers.get(CommitInfo.CORRELATION));
                revisions.save(row);
                rows.put(id, row);
                events.changed(row, null, lifecycle, null);
                fixed++;
            } else if (row.lifecycle() != lifecycle) {
                PackageLifecycle old = row.lifecycle();
                row.moveTo(lifecycle);
                events.changed(row, old, lifecycle, null);
                fixed++;
            }
            seen.add(id);
        }
        return fixed;
    }
}
