package dev.aiops.porch.packages;

import dev.aiops.porch.generation.Manifests;
import dev.aiops.porch.generation.PackageGenerator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/** Reads and rewrites the Kptfile of a package's files. */
final class Kptfiles {

    private Kptfiles() {}

    /**
     * A clone of an upstream package: same files, the Kptfile renamed and pointing at its upstream
     * ({@code upstream} = where to follow, {@code upstreamLock} = the exact commit cloned), as kpt writes it.
     */
    static SortedMap<String, String> cloned(
            SortedMap<String, String> upstreamFiles,
            String packageName,
            String repository,
            String upstreamPackage,
            int upstreamRevision,
            String commit) {
        SortedMap<String, String> files = new TreeMap<>(upstreamFiles);
        Map<String, Object> kptfile = Manifests.toTree(files.get(PackageGenerator.KPTFILE));
        @SuppressWarnings("unchecked")
        Map<String, Object> metadata =
                (Map<String, Object>) kptfile.computeIfAbsent("metadata", k -> new LinkedHashMap<>());
        metadata.put("name", packageName);
        Map<String, Object> git = new LinkedHashMap<>();
        git.put("repo", repository);
        git.put("directory", "/" + upstreamPackage);
        git.put("ref", upstreamPackage + "/v" + upstreamRevision);
        Map<String, Object> upstream = new LinkedHashMap<>();
        upstream.put("type", "git");
        upstream.put("git", git);
        upstream.put("updateStrategy", "resource-merge");
        Map<String, Object> lockGit = new LinkedHashMap<>(git);
        lockGit.put("commit", commit);
        Map<String, Object> lock = new LinkedHashMap<>();
        lock.put("type", "git");
        lock.put("git", lockGit);
        kptfile.put("upstream", upstream);
        kptfile.put("upstreamLock", lock);
        files.put(PackageGenerator.KPTFILE, Manifests.toYaml(Manifests.typed(kptfile)));
        return files;
    }

    /**
     * The files with the Kptfile's {@code upstream} and {@code upstreamLock} removed: they say where a package
     * came from, not what it holds, and an upgrade rewrites them itself instead of merging them.
     */
    static SortedMap<String, String> withoutUpstream(SortedMap<String, String> files) {
        String text = files.get(PackageGenerator.KPTFILE);
        if (text == null) {
            return files;
        }
        Map<String, Object> kptfile = Manifests.toTree(text);
        if (!kptfile.containsKey("upstream") && !kptfile.containsKey("upstreamLock")) {
            return files;
        }
        kptfile.remove("upstream");
        kptfile.remove("upstreamLock");
        SortedMap<String, String> out = new TreeMap<>(files);
        out.put(PackageGenerator.KPTFILE, Manifests.toYaml(Manifests.typed(kptfile)));
        return out;
    }

    /** The Kptfile's {@code info.site}, if the package has one. */
    static Optional<String> site(Map<String, String> files) {
        String text = files.get(PackageGenerator.KPTFILE);
        if (text == null) {
            return Optional.empty();
        }
        try {
            Object info = Manifests.toTree(text).get("info");
            if (info instanceof Map<?, ?> map && map.get("site") != null) {
                return Optional.of(map.get("site").toString());
            }
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
