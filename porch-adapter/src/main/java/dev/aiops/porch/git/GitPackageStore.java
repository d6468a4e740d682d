package dev.aiops.porch.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.ReceiveCommand;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.util.Paths;

/**
 * Package revisions in a bare git repository, in the layout Porch uses: drafts on
 * {@code drafts/{package}/{workspace}}, proposals on {@code proposed/{package}/{workspace}}, published
 * revisions committed to {@code main} and tagged {@code {package}/v{revision}}, deletion proposals on
 * {@code deletionProposed/{package}/v{revision}}. Each package is the top-level directory of its name.
 *
 * <p>Cost does not grow with the repository beyond one root tree: no working tree is ever checked out;
 * a package's tree is built in memory from its files, and the root tree of a new commit is the previous
 * root with one entry replaced ({@link #replaceEntry}), so publishing into a repository of 10,000 packages
 * reads and writes one root tree object, not 10,000 directories.
 *
 * <p>Crash safety: objects are written first, refs last. A ref update is the commit point of every
 * operation, and each operation's refs change in one atomic batch (JGit's packed-refs transaction), so a
 * crash leaves either the old or the new state. Unreferenced objects from an interrupted operation are
 * harmless (git gc removes them); the operation can be retried. Compare-and-swap on every ref (the caller
 * passes the commit it read) turns concurrent edits into {@link ConcurrentRefChangeException}, never a
 * silent merge.
 *
 * <p>A store may mirror a remote ({@link #openMirror}): the bare repository is then a local mirror of it, and
 * every ref transaction is first pushed to the remote atomically with the old ids read ({@link RemoteGit}); the
 * mirror's refs move only after the remote accepted. A remote that moved meanwhile rejects the push, the mirror is
 * fetched again and the caller gets {@link ConcurrentRefChangeException}.
 */
public final class GitPackageStore implements AutoCloseable {

    public static final String MAIN = "main";
    private static final String HEADS = Constants.R_HEADS;
    private static final String TAGS = Constants.R_TAGS;

    private final Repository repository;
    private final PersonIdent committer;
    private final RemoteGit remote;
    // main is one ref every publication moves; serialise them in-process instead of retrying CAS losses
    private final ReentrantLock mainLock = new ReentrantLock();

    private GitPackageStore(Repository repository, PersonIdent committer, RemoteGit remote) {
        this.repository = repository;
        this.committer = committer;
        this.remote = remote;
    }

    /**
     * Opens the local mirror of a remote repository at {@code directory} (created on first use), fetches every
     * branch and tag of the remote into it, and creates {@code main} on the remote when it has none yet.
     *
     * @throws RemoteGitException when the remote cannot be fetched (credentials, address, reachability)
     */
    public static GitPackageStore openMirror(Path directory, RemoteGit remote) {
        Repository repository = null;
        try {
            boolean exists = Files.isDirectory(directory.resolve("objects"));
            repository = new FileRepositoryBuilder()
                    .setGitDir(directory.toFile())
                    .setBare()
                    .build();
            if (!exists) {
                Files.createDirectories(directory);
                repository.create(true);
                repository.getConfig().setString("core", null, "logallrefupdates", "false");
            }
            remote.configure(repository);
            remote.fetch(repository);
            GitPackageStore store = new GitPackageStore(
                    repository, new PersonIdent("porch-adapter", "porch-adapter@aiops.dev"), remote);
            store.ensureMain();
            return store;
        } catch (IOException e) {
            repository.close();
            throw new UncheckedIOException("Cannot open the mirror " + directory, e);
        } catch (RuntimeException e) {
            if (repository != null) {
                repository.close();
            }
            throw e;
        }
    }

    /** Fetches the remote again (a mirror only): its branches and tags replace the mirror's. */
    public void fetch() {
        if (remote != null) {
            remote.fetch(repository);
        }
    }

    /** The remote's URL, or empty for a local repository. */
    public Optional<String> remoteUrl() {
        return Optional.ofNullable(remote).map(RemoteGit::url);
    }

    /** Opens the bare repository at {@code directory}, creating it with an empty {@code main} on first start. */
    public static GitPackageStore openOrCreate(Path directory) {
        try {
            boolean exists = Files.isDirectory(directory.resolve("objects"));
            Repository repository = new FileRepositoryBuilder()
                    .setGitDir(directory.toFile())
                    .setBare()
                    .build();
            if (!exists) {
                Files.createDirectories(directory);
                repository.create(true);
                repository.getConfig().setString("core", null, "logallrefupdates", "false");
                repository.getConfig().save();
            }
            GitPackageStore store =
                    new GitPackageStore(repository, new PersonIdent("porch-adapter", "porch-adapter@aiops.dev"), null);
            store.ensureMain();
            return store;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open package repository " + directory, e);
        }
    }

    private void ensureMain() throws IOException {
        RefUpdate head = repository.updateRef(Constants.HEAD);
        head.link(HEADS + MAIN);
        if (repository.exactRef(HEADS + MAIN) != null) {
            return;
        }
        try (ObjectInserter inserter = repository.newObjectInserter()) {
            ObjectId emptyTree = inserter.insert(new TreeFormatter());
            ObjectId commit = commit(inserter, emptyTree, null, "Initialise the package repository\n");
            inserter.flush();
            update(List.of(new ReceiveCommand(ObjectId.zeroId(), commit, HEADS + MAIN)));
        }
    }

    public static String draftRef(String pkg, String workspace) {
        return HEADS + "drafts/" + pkg + "/" + workspace;
    }

    public static String proposedRef(String pkg, String workspace) {
        return HEADS + "proposed/" + pkg + "/" + workspace;
    }

    public static String tagRef(String pkg, int revision) {
        return TAGS + pkg + "/v" + revision;
    }

    public static String deletionProposedRef(String pkg, int revision) {
        return HEADS + "deletionProposed/" + pkg + "/v" + revision;
    }

    /** The commit a ref points at, if it exists. */
    public Optional<ObjectId> resolve(String ref) {
        try {
            Ref found = repository.exactRef(ref);
            return Optional.ofNullable(found == null ? null : found.getObjectId());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes a draft: a commit whose tree is {@code base}'s tree with the package directory replaced by
     * {@code files}, on the draft branch. {@code expected} is the branch's current commit (null to create).
     */
    public ObjectId writeDraft(
            String pkg, String workspace, SortedMap<String, String> files, ObjectId expected, CommitInfo info) {
        try (ObjectInserter inserter = repository.newObjectInserter();
                RevWalk walk = new RevWalk(repository)) {
            ObjectId parent = expected != null ? expected : head(HEADS + MAIN);
            RevCommit parentCommit = walk.parseCommit(parent);
            ObjectId packageTree = packageTree(inserter, files);
            ObjectId root = replaceEntry(inserter, walk.getObjectReader(), parentCommit.getTree(), pkg, packageTree);
            ObjectId commit = commit(inserter, root, parent, info.message(pkg, workspace, null));
            inserter.flush();
            String ref = draftRef(pkg, workspace);
            update(List.of(new ReceiveCommand(expected == null ? ObjectId.zeroId() : expected, commit, ref)));
            return commit;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The package's files as of a commit (draft, proposal or published), by path inside the package. */
    public SortedMap<String, String> readPackage(ObjectId commit, String pkg) {
        SortedMap<String, String> files = new TreeMap<>();
        try (RevWalk walk = new RevWalk(repository)) {
            RevCommit revCommit = walk.parseCommit(commit);
            ObjectReader reader = walk.getObjectReader();
            try (TreeWalk dir = TreeWalk.forPath(reader, pkg, revCommit.getTree())) {
                if (dir == null || !dir.isSubtree()) {
                    return files;
                }
                ObjectId tree = dir.getObjectId(0);
                try (TreeWalk tw = new TreeWalk(reader)) {
                    tw.addTree(tree);
                    tw.setRecursive(true);
                    while (tw.next()) {
                        byte[] bytes = reader.open(tw.getObjectId(0), Constants.OBJ_BLOB)
                                .getBytes();
                        files.put(tw.getPathString(), new String(bytes, StandardCharsets.UTF_8));
                    }
                }
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Draft → Proposed: the draft branch becomes the proposal branch, in one atomic ref transaction. */
    public void propose(String pkg, String workspace, ObjectId commit) {
        update(List.of(
                new ReceiveCommand(ObjectId.zeroId(), commit, proposedRef(pkg, workspace)),
                new ReceiveCommand(commit, ObjectId.zeroId(), draftRef(pkg, workspace), ReceiveCommand.Type.DELETE)));
    }

    /** Proposed → Draft. */
    public void reject(String pkg, String workspace, ObjectId commit) {
        update(List.of(
                new ReceiveCommand(ObjectId.zeroId(), commit, draftRef(pkg, workspace)),
                new ReceiveCommand(
                        commit, ObjectId.zeroId(), proposedRef(pkg, workspace), ReceiveCommand.Type.DELETE)));
    }

    /**
     * Proposed → Published: one commit on {@code main} setting the package directory to the proposal's,
     * the tag {@code {package}/v{revision}} on it, the proposal branch deleted; all three refs in one
     * atomic transaction, which is the commit point. Returns the commit on main.
     */
    public ObjectId publish(String pkg, String workspace, int revision, ObjectId proposal, CommitInfo info) {
        mainLock.lock();
        try (ObjectInserter inserter = repository.newObjectInserter();
                RevWalk walk = new RevWalk(repository)) {
            ObjectId packageTree = subtree(walk, walk.parseCommit(proposal), pkg);
            ObjectId mainHead = head(HEADS + MAIN);
            RevCommit mainCommit = walk.parseCommit(mainHead);
            ObjectId root = replaceEntry(inserter, walk.getObjectReader(), mainCommit.getTree(), pkg, packageTree);
            ObjectId commit = commit(inserter, root, mainHead, info.message(pkg, workspace, revision));
            inserter.flush();
            update(List.of(
                    new ReceiveCommand(mainHead, commit, HEADS + MAIN),
                    new ReceiveCommand(ObjectId.zeroId(), commit, tagRef(pkg, revision)),
                    new ReceiveCommand(
                            proposal, ObjectId.zeroId(), proposedRef(pkg, workspace), ReceiveCommand.Type.DELETE)));
            return commit;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            mainLock.unlock();
        }
    }

    /** Published → DeletionProposed: a branch on the published commit; main is untouched. */
    public void proposeDeletion(String pkg, int revision) {
        ObjectId tagged =
                resolve(tagRef(pkg, revision)).orElseThrow(() -> new MissingRefException(tagRef(pkg, revision)));
        update(List.of(new ReceiveCommand(ObjectId.zeroId(), tagged, deletionProposedRef(pkg, revision))));
    }

    /** DeletionProposed → Published. */
    public void rejectDeletion(String pkg, int revision) {
        String ref = deletionProposedRef(pkg, revision);
        ObjectId at = resolve(ref).orElseThrow(() -> new MissingRefException(ref));
        update(List.of(new ReceiveCommand(at, ObjectId.zeroId(), ref, ReceiveCommand.Type.DELETE)));
    }

    /** Deletes a draft or proposal branch. */
    public void deleteBranch(String ref, ObjectId expected) {
        update(List.of(new ReceiveCommand(expected, ObjectId.zeroId(), ref, ReceiveCommand.Type.DELETE)));
    }

    /**
     * Deletes a published revision whose deletion was proposed: its tag and deletion branch go, and
     * {@code main} gets the package as of {@code fallbackRevision} (the newest revision left), or loses
     * the directory when none is left, so a GitOps agent on main stops deploying it. One atomic transaction.
     */
    public void deletePublished(String pkg, int revision, Integer fallbackRevision, CommitInfo info) {
        mainLock.lock();
        try (ObjectInserter inserter = repository.newObjectInserter();
                RevWalk walk = new RevWalk(repository)) {
            ObjectId tagged =
                    resolve(tagRef(pkg, revision)).orElseThrow(() -> new MissingRefException(tagRef(pkg, revision)));
            List<ReceiveCommand> commands = new ArrayList<>();
            ObjectId mainHead = head(HEADS + MAIN);
            RevCommit mainCommit = walk.parseCommit(mainHead);
            ObjectId current = subtreeOrNull(walk, mainCommit, pkg);
            ObjectId wanted = fallbackRevision == null
                    ? null
                    : subtree(walk, walk.parseCommit(head(tagRef(pkg, fallbackRevision))), pkg);
            ObjectId deletedTree = subtreeOrNull(walk, walk.parseCommit(tagged), pkg);
            // main changes only when it still serves the deleted revision's content
            if (current != null && current.equals(deletedTree) && !current.equals(wanted)) {
                ObjectId root = replaceEntry(inserter, walk.getObjectReader(), mainCommit.getTree(), pkg, wanted);
                ObjectId commit = commit(inserter, root, mainHead, info.message(pkg, null, revision));
                inserter.flush();
                commands.add(new ReceiveCommand(mainHead, commit, HEADS + MAIN));
            }
            commands.add(
                    new ReceiveCommand(tagged, ObjectId.zeroId(), tagRef(pkg, revision), ReceiveCommand.Type.DELETE));
            resolve(deletionProposedRef(pkg, revision))
                    .ifPresent(at -> commands.add(new ReceiveCommand(
                            at, ObjectId.zeroId(), deletionProposedRef(pkg, revision), ReceiveCommand.Type.DELETE)));
            update(commands);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            mainLock.unlock();
        }
    }

    /**
     * The Kptfile of every package directory of a commit, read in one pass over its root tree (what a
     * rebuild of the index needs, instead of one root-tree lookup per package).
     */
    public Map<String, String> kptfiles(ObjectId commit) {
        Map<String, String> kptfiles = new TreeMap<>();
        try (RevWalk walk = new RevWalk(repository);
                TreeWalk tw = new TreeWalk(repository)) {
            tw.addTree(walk.parseCommit(commit).getTree());
            tw.setRecursive(false);
            ObjectReader reader = walk.getObjectReader();
            while (tw.next()) {
                if (!tw.isSubtree()) {
                    continue;
                }
                String pkg = tw.getPathString();
                try (TreeWalk file = TreeWalk.forPath(reader, "Kptfile", tw.getObjectId(0))) {
                    if (file != null && !file.isSubtree()) {
                        byte[] bytes = reader.open(file.getObjectId(0), Constants.OBJ_BLOB)
                                .getBytes();
                        kptfiles.put(pkg, new String(bytes, StandardCharsets.UTF_8));
                    }
                }
            }
            return kptfiles;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every ref under a prefix ({@code refs/tags/}, {@code refs/heads/drafts/}, ...), by full name. */
    public Map<String, ObjectId> refs(String prefix) {
        try {
            Map<String, ObjectId> refs = new TreeMap<>();
            for (Ref ref : repository.getRefDatabase().getRefsByPrefix(prefix)) {
                refs.put(ref.getName(), ref.getObjectId());
            }
            return refs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The trailers of a commit's message ({@code Porch-Workspace: ws1}), as the reconciler reads them. */
    public Map<String, String> trailers(ObjectId commit) {
        try (RevWalk walk = new RevWalk(repository)) {
            return CommitInfo.parseTrailers(walk.parseCommit(commit).getFullMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String fullMessage(ObjectId commit) {
        try (RevWalk walk = new RevWalk(repository)) {
            return walk.parseCommit(commit).getFullMessage();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Whether the repository answers: main resolves and its commit can be read, and for a mirror the remote
     * answers with its refs (the credentials still accepted).
     */
    public boolean healthy() {
        try (RevWalk walk = new RevWalk(repository)) {
            walk.parseCommit(head(HEADS + MAIN));
            return remote == null || remote.reachable(repository);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    public Path directory() {
        return repository.getDirectory().toPath();
    }

    @Override
    public void close() {
        repository.close();
    }

    private ObjectId head(String ref) throws IOException {
        Ref found = repository.exactRef(ref);
        if (found == null) {
            throw new MissingRefException(ref);
        }
        return found.getObjectId();
    }

    private ObjectId commit(ObjectInserter inserter, ObjectId tree, ObjectId parent, String message)
            throws IOException {
        CommitBuilder builder = new CommitBuilder();
        builder.setTreeId(tree);
        if (parent != null) {
            builder.setParentId(parent);
        }
        PersonIdent now = new PersonIdent(committer, java.time.Instant.now());
        builder.setAuthor(now);
        builder.setCommitter(now);
        builder.setMessage(message);
        return inserter.insert(builder);
    }

    /** A package directory's tree, built in memory; nested paths ({@code crds/a.yaml}) become subtrees. */
    private static ObjectId packageTree(ObjectInserter inserter, SortedMap<String, String> files) throws IOException {
        DirCache index = DirCache.newInCore();
        DirCacheBuilder builder = index.builder();
        for (Map.Entry<String, String> file : files.entrySet()) {
            DirCacheEntry entry = new DirCacheEntry(file.getKey());
            entry.setFileMode(FileMode.REGULAR_FILE);
            entry.setObjectId(
                    inserter.insert(Constants.OBJ_BLOB, file.getValue().getBytes(StandardCharsets.UTF_8)));
            builder.add(entry);
        }
        builder.finish();
        return index.writeTree(inserter);
    }

    /**
     * A copy of {@code root} with the entry {@code name} set to {@code subtree} (or removed when null),
     * written entry by entry in git's tree order. Reads only the root tree object.
     */
    static ObjectId replaceEntry(
            ObjectInserter inserter, ObjectReader reader, ObjectId root, String name, ObjectId subtree)
            throws IOException {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        int treeMode = FileMode.TREE.getBits();
        TreeFormatter formatter = new TreeFormatter();
        boolean placed = subtree == null;
        CanonicalTreeParser parser = new CanonicalTreeParser(null, reader, root);
        while (!parser.eof()) {
            byte[] entryName = parser.getEntryPathBuffer();
            int entryLength = parser.getEntryPathLength();
            int entryMode = parser.getEntryRawMode();
            boolean same = entryLength == nameBytes.length
                    && java.util.Arrays.equals(entryName, 0, entryLength, nameBytes, 0, nameBytes.length);
            if (!same) {
                if (!placed
                        && Paths.compare(nameBytes, 0, nameBytes.length, treeMode, entryName, 0, entryLength, entryMode)
                                < 0) {
                    formatter.append(nameBytes, FileMode.TREE, subtree);
                    placed = true;
                }
                formatter.append(entryName, 0, entryLength, parser.getEntryFileMode(), parser.getEntryObjectId());
            }
            parser.next();
        }
        if (!placed) {
            formatter.append(nameBytes, FileMode.TREE, subtree);
        }
        return inserter.insert(formatter);
    }

    private static ObjectId subtree(RevWalk walk, RevCommit commit, String pkg) throws IOException {
        ObjectId tree = subtreeOrNull(walk, commit, pkg);
        if (tree == null) {
            throw new MissingRefException(pkg + " in " + commit.name());
        }
        return tree;
    }

    private static ObjectId subtreeOrNull(RevWalk walk, RevCommit commit, String pkg) throws IOException {
        walk.parseHeaders(commit);
        try (TreeWalk dir = TreeWalk.forPath(walk.getObjectReader(), pkg, commit.getTree())) {
            return dir == null || !dir.isSubtree() ? null : dir.getObjectId(0);
        }
    }

    private void update(List<ReceiveCommand> commands) {
        if (remote != null) {
            try {
                remote.push(repository, commands);
            } catch (ConcurrentRefChangeException e) {
                // the remote moved: refresh the mirror, so the caller's next read sees what won
                try {
                    remote.fetch(repository);
                } catch (RemoteGitException ignored) {
                    // the rejection is what the caller must hear about
                }
                throw e;
            }
        }
        var batch = repository.getRefDatabase().newBatchUpdate();
        batch.setAtomic(true);
        batch.setAllowNonFastForwards(true);
        batch.addCommand(commands);
        try (RevWalk walk = new RevWalk(repository)) {
            batch.execute(walk, NullProgressMonitor.INSTANCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (ReceiveCommand command : commands) {
            if (command.getResult() != ReceiveCommand.Result.OK) {
                throw new ConcurrentRefChangeException(
                        command.getRefName(), command.getResult().name());
            }
        }
    }
}
