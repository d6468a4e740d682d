package dev.aiops.porch.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.internal.storage.file.FileRepository;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitPackageStoreTests {

    @TempDir
    Path dir;

    GitPackageStore store;
    final CommitInfo info = new CommitInfo("test", "intent-1", "corr-1");

    @BeforeEach
    void open() {
        store = GitPackageStore.openOrCreate(dir.resolve("packages.git"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    static SortedMap<String, String> files(String marker) {
        SortedMap<String, String> files = new TreeMap<>();
        files.put("Kptfile", "apiVersion: kpt.dev/v1\nkind: Kptfile\nmetadata:\n  name: " + marker + "\n");
        files.put("deployment.yaml", "# " + marker + "\n");
        files.put("sub/extra.yaml", "# nested\n");
        return files;
    }

    ObjectId main() {
        return store.resolve("refs/heads/main").orElseThrow();
    }

    @Test
    void shouldKeepDraftsOffMainAndPublishWithTagInOneStep() {
        ObjectId draft = store.writeDraft("amf", "ws1", files("a"), null, info);
        assertThat(store.readPackage(draft, "amf")).isEqualTo(files("a"));
        assertThat(store.readPackage(main(), "amf")).isEmpty();

        store.propose("amf", "ws1", draft);
        assertThat(store.resolve(GitPackageStore.draftRef("amf", "ws1"))).isEmpty();
        ObjectId published = store.publish("amf", "ws1", 1, draft, info);

        assertThat(main()).isEqualTo(published);
        assertThat(store.resolve("refs/tags/amf/v1")).contains(published);
        assertThat(store.resolve(GitPackageStore.proposedRef("amf", "ws1"))).isEmpty();
        assertThat(store.readPackage(main(), "amf")).isEqualTo(files("a"));
        assertThat(store.trailers(published))
                .containsEntry("Porch-Package", "amf")
                .containsEntry("Porch-Workspace", "ws1")
                .containsEntry("Porch-Revision", "1")
                .containsEntry("Intent-Id", "intent-1");
    }

    @Test
    void shouldRefuseAStaleWriterInsteadOfMerging() {
        ObjectId first = store.writeDraft("smf", "ws1", files("a"), null, info);
        store.writeDraft("smf", "ws1", files("b"), first, info);
        assertThatThrownBy(() -> store.writeDraft("smf", "ws1", files("c"), first, info))
                .isInstanceOf(ConcurrentRefChangeException.class);
        assertThatThrownBy(() -> store.writeDraft("smf", "ws1", files("c"), null, info))
                .isInstanceOf(ConcurrentRefChangeException.class);
        assertThat(store.readPackage(
                        store.resolve(GitPackageStore.draftRef("smf", "ws1")).orElseThrow(), "smf"))
                .isEqualTo(files("b"));
    }

    @Test
    void shouldBuildTheSameRootTreeAsAFullIndexWhateverThePublishingOrder() throws Exception {
        // names whose git order differs from plain string order: "a-b" < "a" (a tree sorts as "a/") < "a0"
        List<String> names = List.of("a0", "a", "b", "a-b", "ab", "a.b");
        int revision = 0;
        for (String name : names) {
            ObjectId draft = store.writeDraft(name, "ws", files(name), null, info);
            store.propose(name, "ws", draft);
            store.publish(name, "ws", ++revision, draft, info);
        }
        try (FileRepository repository =
                        new FileRepository(dir.resolve("packages.git").toFile());
                ObjectInserter inserter = repository.newObjectInserter();
                RevWalk walk = new RevWalk(repository)) {
            DirCache index = DirCache.newInCore();
            DirCacheBuilder builder = index.builder();
            List<String> paths = new ArrayList<>();
            for (String name : names) {
                files(name).keySet().forEach(file -> paths.add(name + "/" + file));
            }
            for (String path : paths.stream().sorted().toList()) {
                String pkg = path.substring(0, path.indexOf('/'));
                DirCacheEntry entry = new DirCacheEntry(path);
                entry.setFileMode(FileMode.REGULAR_FILE);
                entry.setObjectId(inserter.insert(
                        org.eclipse.jgit.lib.Constants.OBJ_BLOB,
                        files(pkg)
                                .get(path.substring(pkg.length() + 1))
                                .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                builder.add(entry);
            }
            builder.finish();
            ObjectId expected = index.writeTree(inserter);
            assertThat(walk.parseCommit(main()).getTree().getId()).isEqualTo(expected);
        }
    }

    @Test
    void shouldPutThePreviousRevisionBackOnMainWhenTheLatestIsDeleted() {
        ObjectId v1 = store.writeDraft("upf", "v1", files("one"), null, info);
        store.propose("upf", "v1", v1);
        store.publish("upf", "v1", 1, v1, info);
        ObjectId v2 = store.writeDraft("upf", "v2", files("two"), null, info);
        store.propose("upf", "v2", v2);
        store.publish("upf", "v2", 2, v2, info);
        assertThat(store.readPackage(main(), "upf")).isEqualTo(files("two"));

        store.proposeDeletion("upf", 2);
        assertThat(store.resolve(GitPackageStore.deletionProposedRef("upf", 2))).isPresent();
        store.deletePublished("upf", 2, 1, info);

        assertThat(store.readPackage(main(), "upf")).isEqualTo(files("one"));
        assertThat(store.resolve("refs/tags/upf/v2")).isEmpty();
        assertThat(store.resolve(GitPackageStore.deletionProposedRef("upf", 2))).isEmpty();

        store.proposeDeletion("upf", 1);
        store.deletePublished("upf", 1, null, info);
        assertThat(store.readPackage(main(), "upf")).isEmpty();
    }

    @Test
    void shouldReopenAnExistingRepositoryWithItsPackages() {
        ObjectId draft = store.writeDraft("nrf", "ws", files("x"), null, info);
        store.close();
        store = GitPackageStore.openOrCreate(dir.resolve("packages.git"));
        assertThat(store.resolve(GitPackageStore.draftRef("nrf", "ws"))).contains(draft);
        assertThat(store.healthy()).isTrue();
    }

    /**
     * Different packages never conflict: proposals of many packages at once (each one atomic ref batch
     * over two refs, as many intents at once cause) all succeed, instead of some failing on git's
     * packed-refs lock as a concurrent change would.
     */
    @Test
    void shouldProposeManyPackagesAtOnceWithoutAConflict() throws Exception {
        int packages = 24;
        List<ObjectId> drafts = new ArrayList<>();
        for (int i = 0; i < packages; i++) {
            drafts.add(store.writeDraft("pkg" + i, "ws", files("p" + i), null, info));
        }
        ExecutorService pool = Executors.newFixedThreadPool(packages);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> proposals = new ArrayList<>();
            for (int i = 0; i < packages; i++) {
                int n = i;
                proposals.add(pool.submit(() -> {
                    go.await();
                    store.propose("pkg" + n, "ws", drafts.get(n));
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> proposal : proposals) {
                proposal.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        for (int i = 0; i < packages; i++) {
            assertThat(store.resolve(GitPackageStore.proposedRef("pkg" + i, "ws")))
                    .contains(drafts.get(i));
        }
    }
}
