package dev.aiops.benchmarks;

import static dev.aiops.benchmarks.RegistryBenchmark.HTTP;
import static dev.aiops.benchmarks.RegistryBenchmark.log;
import static dev.aiops.benchmarks.RegistryBenchmark.ms;
import static dev.aiops.benchmarks.RegistryBenchmark.percentile;
import static dev.aiops.benchmarks.RegistryBenchmark.token;

import dev.aiops.testkit.PostgresDatabase;
import dev.aiops.testkit.ServiceJarServer;
import dev.aiops.testkit.SharedPostgres;
import dev.aiops.testkit.SharedRedis;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;

/**
 * Measures the porch adapter's git backend as it runs: its jar in its own JVM on the test kit's real
 * PostgreSQL and Redis, a fresh embedded package repository, at several repository sizes in one run.
 *
 * <p>For each size of {@code bench.sizes} (100, 1000, 10000), in increasing order:
 *
 * <ol>
 *   <li>the repository is grown to that many published packages, written straight into git (Porch's layout, one
 *       tag each; one commit on {@code main} per growth step), counting the packages the adapter published at the
 *       smaller sizes;
 *   <li>the adapter starts on a fresh database, so its start-up reconciles every tag into the index (it is
 *       stopped after each size: the repository is only grown while no adapter holds it);
 *   <li>propose + approve latency with all of them published ({@code bench.samples} sequential).
 * </ol>
 *
 * <p>At the largest size only: the start-up time, sustained create → propose → approve by {@code bench.clients}
 * clients for {@code bench.seconds} (packages published per second, per interval: flat = no rescans as the
 * repository grows), and a clone of {@code main} with a checkout, as a GitOps agent does.
 *
 * <p>Run from the repository root after {@code ./mvnw -pl porch-adapter package}: {@code java -jar
 * benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar porch}. Properties {@code bench.sizes} (100,1000,10000;
 * {@code bench.packages} alone = that one size), {@code bench.clients} (4), {@code bench.samples} (200),
 * {@code bench.seconds} (120), {@code aiops.root}.
 */
public final class PorchBenchmark {

    /** p99 at the largest size within this factor of p99 at the smallest: "flat". */
    static final double FLAT = 1.5;

    private final Path root;
    private final int[] sizes = sizes();
    private final int clients = Integer.getInteger("bench.clients", 4);
    private final int samples = Integer.getInteger("bench.samples", 200);
    private final int seconds = Integer.getInteger("bench.seconds", 120);
    private final StringBuilder report = new StringBuilder();
    private String token;
    /** seed packages written into git so far ({@code seed-00000} …) */
    private int seeded;

    private PorchBenchmark(Path root) {
        this.root = root;
    }

    public static void main(String[] args) throws Exception {
        Path root =
                Path.of(System.getProperty("aiops.root", ".")).toAbsolutePath().normalize();
        new PorchBenchmark(root).run();
        System.exit(0);
    }

    static int[] sizes() {
        String given = System.getProperty("bench.sizes");
        if (given == null) {
            Integer packages = Integer.getInteger("bench.packages");
            given = packages == null ? "100,1000,10000" : packages.toString();
        }
        int[] sizes = Arrays.stream(given.split(","))
                .map(String::trim)
                .mapToInt(Integer::parseInt)
                .toArray();
        for (int i = 0; i < sizes.length; i++) {
            if (sizes[i] < 0 || (i > 0 && sizes[i] <= sizes[i - 1])) {
                throw new IllegalArgumentException("bench.sizes must be increasing and not negative: " + given);
            }
        }
        if (sizes.length == 0) {
            throw new IllegalArgumentException("bench.sizes names no size");
        }
        return sizes;
    }

    void run() throws Exception {
        Path jar = root.resolve("porch-adapter/target/porch-adapter-0.1.0-SNAPSHOT.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(
                    "Build the adapter first: ./mvnw -pl porch-adapter package (missing " + jar + ")");
        }
        Path work = root.resolve("benchmarks/target/porch-bench");
        delete(work);
        Path gitDir = work.resolve("packages.git");
        SharedRedis redis = SharedRedis.get();
        Map<String, String> extra = Map.of("aiops.porch.git-directory", gitDir.toString());
        token = token("operator");
        header();
        report.append("### Propose and approve latency by repository size (sequential, one client)\n\n")
                .append(
                        "| published packages in the repository | propose p50 | propose p99 | approve p50 | approve p99 |"
                                + " propose + approve p50 | propose + approve p99 |\n")
                .append("|---|---|---|---|---|---|---|\n");

        int published = 0; // seeded, plus those the adapter published at the smaller sizes
        List<Latencies> measured = new ArrayList<>();
        List<Integer> measuredAt = new ArrayList<>();
        for (int s = 0; s < sizes.length; s++) {
            boolean largest = s == sizes.length - 1;
            int grow = Math.max(0, sizes[s] - published);
            long seedStarted = System.nanoTime();
            growRepository(gitDir, grow);
            published += grow;
            log(
                    "grew the repository by %,d to %,d published packages in %d ms",
                    grow, published, (System.nanoTime() - seedStarted) / 1_000_000);

            // a fresh index each time: every start reconciles all tags, as on a repository it has never seen
            PostgresDatabase db = SharedPostgres.get().createDatabase("aiops_bench_porch");
            long started = System.nanoTime();
            try (ServiceJarServer adapter = startAdapter(jar, db, redis, "porch", extra)) {
                String url = adapter.url().toString();
                long startup = System.nanoTime() - started;
                log("started on %,d published in %.1f s", published, startup / 1e9);
                log("with %,d published: %d propose + approve", published, samples);
                Latencies latencies = latencies(url, "at" + published, samples);
                report.append(latencies.row(published));
                measured.add(latencies);
                measuredAt.add(published);
                published += samples;
                if (!largest) {
                    continue;
                }
                report.append('\n').append(growth(measuredAt, measured)).append('\n');
                log("sustained create -> propose -> approve for %d s with %d clients", seconds, clients);
                seed(url, published);
                clone(work, gitDir, startup, measuredAt.get(measuredAt.size() - 1));
            }
        }
        footer();
        log("wrote %s", PerformanceReport.writeSection(root, "porch", report.toString()));
    }

    /** Whether p99 grows with the repository: largest size against smallest, per operation. */
    static String growth(List<Integer> sizes, List<Latencies> measured) {
        if (measured.size() < 2) {
            return "One size measured (bench.sizes): whether p99 grows with the repository is not measured by this run.\n";
        }
        Latencies first = measured.get(0);
        Latencies last = measured.get(measured.size() - 1);
        double propose = ratio(last.propose(), first.propose());
        double approve = ratio(last.approve(), first.approve());
        double both = ratio(last.both(), first.both());
        boolean flat = both <= FLAT;
        return String.format(
                Locale.ROOT,
                "**p99 %s with the repository size**: from %,d to %,d published packages, propose + approve p99 is"
                        + " ×%.2f (propose ×%.2f, approve ×%.2f); \"flat\" here means within ×%.1f. Goal p99 < 100 ms"
                        + " at %,d: %s (%.1f ms).%n",
                flat ? "stays flat" : "grows",
                sizes.get(0),
                sizes.get(sizes.size() - 1),
                both,
                propose,
                approve,
                FLAT,
                sizes.get(sizes.size() - 1),
                ms(percentile(last.both(), 0.99)) < 100 ? "met" : "not met",
                ms(percentile(last.both(), 0.99)));
    }

    static double ratio(long[] later, long[] earlier) {
        return (double) percentile(later, 0.99) / Math.max(1, percentile(earlier, 0.99));
    }

    /** {@code git clone --branch main} with checkout, as a GitOps agent does; with the start-up it completes. */
    void clone(Path work, Path gitDir, long startup, int startedOn) throws Exception {
        long cloneStarted = System.nanoTime();
        Path clone = work.resolve("agent-clone");
        try (Git git = Git.cloneRepository()
                .setURI(gitDir.toUri().toString())
                .setDirectory(clone.toFile())
                .setBranch("main")
                .setCloneAllBranches(false)
                .call()) {
            long cloneNanos = System.nanoTime() - cloneStarted;
            long dirs;
            try (Stream<Path> list = Files.list(clone)) {
                dirs = list.filter(Files::isDirectory)
                        .filter(p -> !p.getFileName().toString().equals(".git"))
                        .count();
            }
            report.append("### Start-up and clone\n\n")
                    .append("| what | time |\n|---|---|\n")
                    .append(String.format(
                            Locale.ROOT,
                            "| adapter start-up to ready on a repository of %,d published packages the index has never"
                                    + " seen (JVM start, Flyway, every tag reconciled into PostgreSQL) | %.1f s |%n",
                            startedOn,
                            startup / 1e9))
                    .append(String.format(
                            Locale.ROOT,
                            "| `git clone --branch main` with checkout (JGit, local), as a GitOps agent does: %,d package"
                                    + " directories | %.1f s |%n%n",
                            dirs,
                            cloneNanos / 1e9));
        }
    }

    record Latencies(long[] propose, long[] approve, long[] both) {
        String row(int published) {
            return String.format(
                    Locale.ROOT,
                    "| %,d | %.1f ms | %.1f ms | %.1f ms | %.1f ms | %.1f ms | %.1f ms |%n",
                    published,
                    ms(percentile(propose, 0.5)),
                    ms(percentile(propose, 0.99)),
                    ms(percentile(approve, 0.5)),
                    ms(percentile(approve, 0.99)),
                    ms(percentile(both, 0.5)),
                    ms(percentile(both, 0.99)));
        }
    }

    Latencies latencies(String url, String prefix, int count) throws Exception {
        long[] propose = new long[count];
        long[] approve = new long[count];
        long[] both = new long[count];
        for (int i = 0; i < count; i++) {
            String name = create(url, prefix + "-" + i);
            long t0 = System.nanoTime();
            action(url, name, "propose");
            long t1 = System.nanoTime();
            action(url, name, "approve");
            long t2 = System.nanoTime();
            propose[i] = t1 - t0;
            approve[i] = t2 - t1;
            both[i] = t2 - t0;
        }
        Arrays.sort(propose);
        Arrays.sort(approve);
        Arrays.sort(both);
        return new Latencies(propose, approve, both);
    }

    /** Create → propose → approve by concurrent clients for {@code bench.seconds}; published per second. */
    void seed(String url, int published) throws Exception {
        AtomicInteger next = new AtomicInteger();
        List<Long> finishedAt = java.util.Collections.synchronizedList(new ArrayList<>());
        long started = System.nanoTime();
        long stopAt = started + seconds * 1_000_000_000L;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            futures.add(pool.submit(() -> {
                while (System.nanoTime() < stopAt) {
                    String name = create(url, "nf-" + next.getAndIncrement());
                    action(url, name, "propose");
                    action(url, name, "approve");
                    finishedAt.add(System.nanoTime());
                }
                return null;
            }));
        }
        for (Future<?> future : futures) {
            future.get();
        }
        pool.shutdown();
        long total = System.nanoTime() - started;
        int done = finishedAt.size();
        report.append(String.format(
                        Locale.ROOT,
                        "### Sustained create → propose → approve, %d clients, on top of %,d published%n%n"
                                + "%,d packages created and published in %.0f s: **%.1f packages/s** (%.0f per minute).%n%n",
                        clients,
                        published,
                        done,
                        total / 1e9,
                        done / (total / 1e9),
                        done * 60 / (total / 1e9)))
                .append("| seconds | packages/s in this interval |\n|---|---|\n");
        int intervals = Math.max(1, seconds / 20);
        long width = (total + intervals - 1) / intervals;
        long[] counts = new long[intervals];
        for (long at : finishedAt) {
            counts[(int) Math.min(intervals - 1, (at - started) / width)]++;
        }
        for (int i = 0; i < intervals; i++) {
            report.append(String.format(
                    Locale.ROOT,
                    "| %.0f–%.0f | %.1f |%n",
                    i * width / 1e9,
                    (i + 1) * width / 1e9,
                    counts[i] / (width / 1e9)));
        }
        report.append('\n');
    }

    /**
     * Adds {@code count} published packages straight into the bare repository (created on the first call), in
     * Porch's layout: one directory per package on {@code main}, a tag {@code {package}/v1} each, one pack. Run only
     * while no adapter holds the repository: {@code main} gets one commit on top of what is there (the packages the
     * adapter published stay), whose root tree is the old one plus the new directories. The adapter started next
     * has never seen them (and, on a fresh database, none of the others), so its start-up reconciles them.
     */
    void growRepository(Path gitDir, int count) throws Exception {
        boolean fresh = !Files.isRegularFile(gitDir.resolve("HEAD"));
        Files.createDirectories(gitDir);
        try (org.eclipse.jgit.lib.Repository repository = new org.eclipse.jgit.storage.file.FileRepositoryBuilder()
                .setGitDir(gitDir.toFile())
                .setBare()
                .build()) {
            if (fresh) {
                repository.create(true);
            }
            org.eclipse.jgit.lib.ObjectId parent = fresh ? null : repository.resolve("refs/heads/main");
            // git's tree order: by name, a directory's name compared as if it ended in '/'
            java.util.TreeMap<String, TreeEntry> entries = new java.util.TreeMap<>();
            if (parent != null) {
                try (var walk = new org.eclipse.jgit.revwalk.RevWalk(repository);
                        var tree = new org.eclipse.jgit.treewalk.TreeWalk(repository)) {
                    tree.addTree(walk.parseCommit(parent).getTree());
                    tree.setRecursive(false);
                    while (tree.next()) {
                        TreeEntry entry = new TreeEntry(tree.getNameString(), tree.getFileMode(0), tree.getObjectId(0));
                        entries.put(entry.sortKey(), entry);
                    }
                }
            }
            var objects = (org.eclipse.jgit.internal.storage.file.ObjectDirectory) repository.getObjectDatabase();
            List<org.eclipse.jgit.transport.ReceiveCommand> refs = new ArrayList<>();
            List<String> names = new ArrayList<>();
            try (var inserter = objects.newPackInserter()) {
                String deployment = resource("deployment");
                String service = resource("service");
                for (int i = 0; i < count; i++) {
                    names.add(String.format(Locale.ROOT, "seed-%05d", seeded + i));
                }
                for (String name : names) {
                    org.eclipse.jgit.lib.TreeFormatter dir = new org.eclipse.jgit.lib.TreeFormatter();
                    dir.append(
                            "Kptfile",
                            org.eclipse.jgit.lib.FileMode.REGULAR_FILE,
                            blob(
                                    inserter,
                                    "apiVersion: \"kpt.dev/v1\"\nkind: \"Kptfile\"\nmetadata:\n  name: \"" + name
                                            + "\"\ninfo:\n  site: \"site-" + (name.hashCode() & 63) + "\"\n"));
                    dir.append(
                            "deployment.yaml",
                            org.eclipse.jgit.lib.FileMode.REGULAR_FILE,
                            blob(inserter, deployment.replace("NAME", name)));
                    dir.append(
                            "service.yaml",
                            org.eclipse.jgit.lib.FileMode.REGULAR_FILE,
                            blob(inserter, service.replace("NAME", name)));
                    TreeEntry entry = new TreeEntry(name, org.eclipse.jgit.lib.FileMode.TREE, inserter.insert(dir));
                    entries.put(entry.sortKey(), entry);
                }
                org.eclipse.jgit.lib.TreeFormatter root = new org.eclipse.jgit.lib.TreeFormatter();
                for (TreeEntry entry : entries.values()) {
                    root.append(entry.name(), entry.mode(), entry.id());
                }
                org.eclipse.jgit.lib.CommitBuilder commit = new org.eclipse.jgit.lib.CommitBuilder();
                commit.setTreeId(inserter.insert(root));
                if (parent != null) {
                    commit.setParentId(parent);
                }
                org.eclipse.jgit.lib.PersonIdent who =
                        new org.eclipse.jgit.lib.PersonIdent("benchmark", "bench@aiops.dev");
                commit.setAuthor(who);
                commit.setCommitter(who);
                commit.setMessage("Seed " + count + " published packages\n\nPorch-Revision: 1\n");
                var id = inserter.insert(commit);
                inserter.flush();
                refs.add(new org.eclipse.jgit.transport.ReceiveCommand(
                        parent == null ? org.eclipse.jgit.lib.ObjectId.zeroId() : parent, id, "refs/heads/main"));
                for (String name : names) {
                    refs.add(new org.eclipse.jgit.transport.ReceiveCommand(
                            org.eclipse.jgit.lib.ObjectId.zeroId(), id, "refs/tags/" + name + "/v1"));
                }
            }
            var batch = repository.getRefDatabase().newBatchUpdate();
            batch.addCommand(refs);
            try (var walk = new org.eclipse.jgit.revwalk.RevWalk(repository)) {
                batch.execute(walk, org.eclipse.jgit.lib.NullProgressMonitor.INSTANCE);
            }
            for (var command : refs) {
                if (command.getResult() != org.eclipse.jgit.transport.ReceiveCommand.Result.OK) {
                    throw new IllegalStateException(command.getRefName() + ": " + command.getResult());
                }
            }
            if (fresh) {
                repository.updateRef("HEAD").link("refs/heads/main");
            }
            seeded += count;
        }
    }

    record TreeEntry(String name, org.eclipse.jgit.lib.FileMode mode, org.eclipse.jgit.lib.ObjectId id) {
        String sortKey() {
            return mode == org.eclipse.jgit.lib.FileMode.TREE ? name + "/" : name;
        }
    }

    static org.eclipse.jgit.lib.ObjectId blob(org.eclipse.jgit.lib.ObjectInserter inserter, String text)
            throws IOException {
        return inserter.insert(
                org.eclipse.jgit.lib.Constants.OBJ_BLOB, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    static String resource(String kind) {
        return kind.equals("deployment")
                ? "apiVersion: \"apps/v1\"\nkind: \"Deployment\"\nmetadata:\n  name: \"NAME\"\n  namespace: \"5g-core\"\n"
                        + "spec:\n  replicas: 2\n  selector:\n    matchLabels:\n      app.kubernetes.io/instance: \"NAME\"\n"
                        + "  template:\n    metadata:\n      labels:\n        app.kubernetes.io/instance: \"NAME\"\n"
                        + "    spec:\n      containers:\n      - name: \"nf\"\n        image: \"docker.io/free5gc/amf:v3.4.4\"\n"
                : "apiVersion: \"v1\"\nkind: \"Service\"\nmetadata:\n  name: \"NAME\"\n  namespace: \"5g-core\"\n"
                        + "spec:\n  ports:\n  - name: \"sbi\"\n    port: 8000\n  selector:\n    app.kubernetes.io/instance: \"NAME\"\n";
    }

    String create(String url, String pkg) throws Exception {
        String body = "{\"package_name\":\"" + pkg + "\",\"correlation_id\":\"bench\",\"cnf\":{\"function\":\""
                + (pkg.hashCode() % 2 == 0 ? "UPF" : "AMF") + "\",\"site\":\"site-" + Math.floorMod(pkg.hashCode(), 100)
                + "\",\"replicas\":2}}";
        HttpResponse<String> response = send(url + "/api/v1/packages", body);
        if (response.statusCode() != 201) {
            throw new IllegalStateException("create " + pkg + ": " + response.statusCode() + " " + response.body());
        }
        return "packages." + pkg + ".v1";
    }

    void action(String url, String name, String action) throws Exception {
        HttpResponse<String> response = send(url + "/api/v1/packages/" + name + "/" + action, "");
        if (response.statusCode() != 200) {
            throw new IllegalStateException(action + " " + name + ": " + response.statusCode() + " " + response.body());
        }
    }

    HttpResponse<String> send(String url, String body) throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    void header() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        report.append(
                        "Git backend of the porch adapter: its jar in its own JVM on the test kit's PostgreSQL and Redis, ")
                .append(
                        "a fresh embedded repository, driven over HTTP with an operator token. Regenerate with:\n\n```\n")
                .append("./mvnw -pl porch-adapter package -DskipTests\n./mvnw -f benchmarks/pom.xml package\n")
                .append("java -jar benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar porch\n```\n\n")
                .append(String.format(
                        Locale.ROOT,
                        "Measured %s UTC on %d CPU(s), %s %s, Java %s; the adapter, PostgreSQL, Redis and the load driver "
                                + "share these CPUs. Repository sizes %s published packages, %d clients, %d sequential"
                                + " samples per size.%n%n",
                        Instant.now().toString().substring(0, 16).replace('T', ' '),
                        os.getAvailableProcessors(),
                        os.getName(),
                        os.getArch(),
                        System.getProperty("java.version"),
                        Arrays.stream(sizes)
                                .mapToObj(n -> String.format(Locale.ROOT, "%,d", n))
                                .collect(java.util.stream.Collectors.joining(" / ")),
                        clients,
                        samples));
    }

    void footer() {
        report.append("### How to read these\n\n")
                .append(
                        "- Every package is generated from a CNF spec, rendered (set-labels, set-namespace, apply-replacements) ")
                .append("and written as a draft commit; approve writes one commit on `main`, the tag and the branch ")
                .append("deletion in one atomic ref transaction, plus the index row and the outbox event.\n")
                .append("- Approval reads and rewrites only the root tree of `main` (one entry replaced) and the ")
                .append("package's own tree; nothing is checked out and no other package is read, so its cost grows ")
                .append("only with the root tree's size (one line per package).\n")
                .append("- Approvals of different packages serialise on `main` (one ref), so concurrent clients raise ")
                .append("throughput only for generation, rendering and drafts.\n")
                .append("- Tests never assert on these numbers.\n");
    }

    /** The adapter jar in its own JVM; start-up gets bench.startup.minutes (20), as a loaded shared machine may need them. */
    private static ServiceJarServer startAdapter(
            Path jar, PostgresDatabase db, SharedRedis redis, String name, Map<String, String> extra) {
        return BenchmarkServices.service(jar, name, db, redis)
                // JGit reads ~/.gitconfig; the benchmark's must not depend on the user's
                .jvmOptions("-Duser.home=" + System.getProperty("java.io.tmpdir"))
                .readinessPath("/actuator/health/readiness")
                .readyTimeout(java.time.Duration.ofMinutes(Integer.getInteger("bench.startup.minutes", 20)))
                .property("logging.level.root", "INFO")
                .properties(extra)
                .start();
    }

    static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
