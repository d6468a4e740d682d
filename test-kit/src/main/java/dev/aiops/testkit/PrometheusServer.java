package dev.aiops.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real Prometheus (the machine's binary, Debian package {@code prometheus}) on a free loopback port,
 * with its own temporary data folder and a generated {@code prometheus.yml}.
 *
 * <p>The binary is {@code /usr/bin/prometheus} unless the system property or environment variable
 * {@code AIOPS_PROMETHEUS_BIN} names another. Without it, {@link Builder#start()} fails and says how to
 * install it. It scrapes itself (job {@code prometheus}) plus any targets given, evaluates the given rules,
 * sends alerts to an Alertmanager if given one, and accepts remote writes. Close it when done; a JVM
 * shutdown hook stops it otherwise.
 *
 * <pre>{@code
 * try (PrometheusServer prometheus = PrometheusServer.builder()
 *         .scrapeTarget("registry", "127.0.0.1:" + port, "/actuator/prometheus")
 *         .start()) {
 *     String json = prometheus.query("up");
 * }
 * }</pre>
 */
public final class PrometheusServer implements AutoCloseable {

    /** System property or environment variable naming the binary. */
    public static final String BINARY_VARIABLE = "AIOPS_PROMETHEUS_BIN";

    private static final String DEFAULT_BINARY = "/usr/bin/prometheus";
    private static final int PORT_ATTEMPTS = 3;

    private final ServerProcess process;
    private final int port;

    private PrometheusServer(ServerProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /** A Prometheus that scrapes only itself, every second. */
    public static PrometheusServer start() {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    public int port() {
        return port;
    }

    /** Base URL, e.g. {@code http://127.0.0.1:41234}. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** The raw JSON answer of {@code /api/v1/query} for an instant query at the current time. */
    public String query(String promql) {
        URI uri = url().resolve("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        return Http.get(uri);
    }

    /** What Prometheus has logged so far. */
    public String log() {
        return process.log();
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    /** Stops Prometheus and deletes its data folder. */
    public void stop() {
        process.stop();
    }

    @Override
    public void close() {
        stop();
    }

    /** Configures what the generated {@code prometheus.yml} contains. */
    public static final class Builder {

        private final List<String> scrapeConfigs = new ArrayList<>();
        private final List<String> ruleFiles = new ArrayList<>();
        private Duration interval = Duration.ofSeconds(1);
        private final List<String> alertmanagers = new ArrayList<>();

        private Builder() {}

        /** Scrape and rule-evaluation interval; one second by default so tests see data quickly. */
        public Builder interval(Duration interval) {
            this.interval = interval;
            return this;
        }

        /**
         * Adds a scrape job.
         *
         * @param job the {@code job} label
         * @param hostPort e.g. {@code 127.0.0.1:8081}
         * @param metricsPath e.g. {@code /actuator/prometheus}
         */
        public Builder scrapeTarget(String job, String hostPort, String metricsPath) {
            return scrapeTarget(job, hostPort, metricsPath, java.util.Map.of());
        }

        /**
         * Adds a scrape job whose series also carry the given target labels (a {@code static_configs}
         * {@code labels} block), e.g. {@code cluster} on a "global" Prometheus that scrapes every cluster's
         * targets.
         */
        public Builder scrapeTarget(
                String job, String hostPort, String metricsPath, java.util.Map<String, String> labels) {
            StringBuilder yaml = new StringBuilder("  - job_name: " + Yaml.quote(job) + "\n"
                    + "    metrics_path: " + Yaml.quote(metricsPath) + "\n"
                    + "    static_configs:\n"
                    + "      - targets: [" + Yaml.quote(hostPort) + "]\n");
            if (!labels.isEmpty()) {
                yaml.append("        labels:\n");
                new java.util.TreeMap<>(labels)
                        .forEach((k, v) -> yaml.append("          ")
                                .append(k)
                                .append(": ")
                                .append(Yaml.quote(v))
                                .append('\n'));
            }
            scrapeConfigs.add(yaml.toString());
            return this;
        }

        /** Adds a rule file (alerting or recording rules), copied into the server's folder. */
        public Builder ruleFile(Path rules) {
            try {
                return rules(Files.readString(rules));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read rule file " + rules, e);
            }
        }

        /** Adds rules given as the YAML text of a rule file ({@code groups: ...}). */
        public Builder rules(String yaml) {
            ruleFiles.add(yaml);
            return this;
        }

        /**
         * Sends alerts to this Alertmanager, e.g. {@code 127.0.0.1:9093}; called again, to each of them (an HA
         * pair gets every alert from Prometheus, as Prometheus's documentation tells to configure it).
         */
        public Builder alertmanager(String hostPort) {
            this.alertmanagers.add(hostPort);
            return this;
        }

        /** Starts Prometheus and waits until {@code /-/ready} answers 200. */
        public PrometheusServer start() {
            Path binary = ServerProcess.binary(BINARY_VARIABLE, DEFAULT_BINARY);
            IllegalStateException failure = null;
            // another process may grab the free port before Prometheus binds it
            for (int attempt = 0; attempt < PORT_ATTEMPTS; attempt++) {
                try {
                    return startOnce(binary, FreePorts.find());
                } catch (IllegalStateException e) {
                    failure = e;
                    if (!String.valueOf(e.getMessage()).contains("address already in use")) {
                        throw e;
                    }
                }
            }
            throw failure;
        }

        private PrometheusServer startOnce(Path binary, int port) {
            Path dir = ServerProcess.createWorkDir("prometheus");
            List<String> ruleFileNames = new ArrayList<>();
            for (int i = 0; i < ruleFiles.size(); i++) {
                String name = "rules-" + i + ".yml";
                Yaml.write(dir.resolve(name), ruleFiles.get(i));
                ruleFileNames.add(name);
            }
            Yaml.write(dir.resolve("prometheus.yml"), config(port, ruleFileNames));
            List<String> command = List.of(
                    binary.toString(),
                    "--config.file=" + dir.resolve("prometheus.yml"),
                    "--storage.tsdb.path=" + dir.resolve("data"),
                    "--web.listen-address=127.0.0.1:" + port,
                    // the first alerts go out before the Alertmanager is discovered (about 5 s) and are
                    // dropped; the default one-minute resend delay would hide them that long
                    "--rules.alert.resend-delay=" + interval.toMillis() + "ms",
                    "--web.enable-lifecycle",
                    "--web.enable-remote-write-receiver");
            URI ready = URI.create("http://127.0.0.1:" + port + "/-/ready");
            return new PrometheusServer(ServerProcess.start("prometheus", command, dir, ready), port);
        }

        private String config(int port, List<String> ruleFileNames) {
            StringBuilder yaml = new StringBuilder()
                    .append("global:\n")
                    .append("  scrape_interval: ")
                    .append(interval.toMillis())
                    .append("ms\n")
                    .append("  evaluation_interval: ")
                    .append(interval.toMillis())
                    .append("ms\n");
            if (!ruleFileNames.isEmpty()) {
                yaml.append("rule_files:\n");
                ruleFileNames.forEach(
                        name -> yaml.append("  - ").append(Yaml.quote(name)).append('\n'));
            }
            if (!alertmanagers.isEmpty()) {
                yaml.append("alerting:\n")
                        .append("  alertmanagers:\n")
                        .append("    - static_configs:\n")
                        .append("        - targets: [")
                        .append(String.join(
                                ", ", alertmanagers.stream().map(Yaml::quote).toList()))
                        .append("]\n");
            }
            yaml.append("scrape_configs:\n")
                    .append("  - job_name: 'prometheus'\n")
                    .append("    static_configs:\n")
                    .append("      - targets: ['127.0.0.1:")
                    .append(port)
                    .append("']\n");
            scrapeConfigs.forEach(yaml::append);
            return yaml.toString();
        }
    }
}
