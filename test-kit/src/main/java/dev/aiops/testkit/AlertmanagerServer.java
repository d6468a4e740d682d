package dev.aiops.testkit;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * A real Alertmanager (the machine's binary, Debian package {@code prometheus-alertmanager}) on a free
 * loopback port, with its own temporary storage folder, clustering switched off (unless {@link
 * Builder#cluster()} asks for an HA peer) and a generated configuration that routes every alert to one
 * receiver (a webhook, if given).
 *
 * <p>The binary is {@code /usr/bin/prometheus-alertmanager} unless the system property or environment
 * variable {@code AIOPS_ALERTMANAGER_BIN} names another. Without it, {@link Builder#start()} fails and
 * says how to install it. Close it when done; a JVM shutdown hook stops it otherwise.
 */
public final class AlertmanagerServer implements AutoCloseable {

    /** System property or environment variable naming the binary. */
    public static final String BINARY_VARIABLE = "AIOPS_ALERTMANAGER_BIN";

    private static final String DEFAULT_BINARY = "/usr/bin/prometheus-alertmanager";
    private static final int PORT_ATTEMPTS = 3;

    private final ServerProcess process;
    private final int port;
    private final int clusterPort;

    private AlertmanagerServer(ServerProcess process, int port, int clusterPort) {
        this.process = process;
        this.port = port;
        this.clusterPort = clusterPort;
    }

    /** An Alertmanager whose receiver sends nowhere: alerts are only kept and shown by its API. */
    public static AlertmanagerServer start() {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    public int port() {
        return port;
    }

    /** Base URL, e.g. {@code http://127.0.0.1:41235}. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** {@code 127.0.0.1:<port>}, the form {@link PrometheusServer.Builder#alertmanager(String)} takes. */
    public String hostPort() {
        return "127.0.0.1:" + port;
    }

    /** {@code 127.0.0.1:<gossip port>} of a clustered Alertmanager, what {@link Builder#peer(String)} takes. */
    public String clusterHostPort() {
        if (clusterPort == 0) {
            throw new IllegalStateException("this Alertmanager was started without clustering");
        }
        return "127.0.0.1:" + clusterPort;
    }

    /** Its own metrics in the Prometheus text format ({@code alertmanager_notifications_total}, ...). */
    public String metrics() {
        return Http.get(url().resolve("/metrics"));
    }

    /** The raw JSON of {@code /api/v2/alerts}. */
    public String alerts() {
        return Http.get(url().resolve("/api/v2/alerts"));
    }

    /** What Alertmanager has logged so far. */
    public String log() {
        return process.log();
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    /** Stops Alertmanager and deletes its folder. */
    public void stop() {
        process.stop();
    }

    @Override
    public void close() {
        stop();
    }

    /** Configures the generated {@code alertmanager.yml}. */
    public static final class Builder {

        private URI webhook;
        private boolean cluster;
        private final List<String> peers = new java.util.ArrayList<>();
        private java.time.Duration peerTimeout = java.time.Duration.ofSeconds(15);

        private Builder() {}

        /**
         * Gossips as an HA peer on a second free loopback port (clustering is off by default). Alone, it forms
         * a cluster of one that {@link #peer(String)} of another Alertmanager can join.
         */
        public Builder cluster() {
            this.cluster = true;
            return this;
        }

        /** Joins the cluster of this peer ({@link AlertmanagerServer#clusterHostPort()}); implies {@link #cluster()}. */
        public Builder peer(String clusterHostPort) {
            this.cluster = true;
            this.peers.add(clusterHostPort);
            return this;
        }

        /**
         * How long this peer waits per position in the cluster before notifying
         * ({@code --cluster.peer-timeout}, 15 s by default): the pause that lets the first peer's notification
         * log reach the others so that they stay silent. Zero makes every peer notify at once, as a pair does
         * whose gossip is slower than its notifications.
         */
        public Builder peerTimeout(java.time.Duration timeout) {
            this.peerTimeout = timeout;
            return this;
        }

        /** Posts every alert notification (firing and resolved) to this URL. */
        public Builder webhook(URI url) {
            this.webhook = url;
            return this;
        }

        /** Starts Alertmanager and waits until {@code /-/ready} answers 200. */
        public AlertmanagerServer start() {
            Path binary = ServerProcess.binary(BINARY_VARIABLE, DEFAULT_BINARY);
            IllegalStateException failure = null;
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

        private AlertmanagerServer startOnce(Path binary, int port) {
            Path dir = ServerProcess.createWorkDir("alertmanager");
            Yaml.write(dir.resolve("alertmanager.yml"), config());
            List<String> command = new java.util.ArrayList<>(List.of(
                    binary.toString(),
                    "--config.file=" + dir.resolve("alertmanager.yml"),
                    "--storage.path=" + dir.resolve("data"),
                    "--web.listen-address=127.0.0.1:" + port));
            int clusterPort = 0;
            if (cluster) {
                clusterPort = FreePorts.find();
                String gossip = "127.0.0.1:" + clusterPort;
                command.add("--cluster.listen-address=" + gossip);
                // loopback is no private address: without an explicit one memberlist refuses to advertise
                command.add("--cluster.advertise-address=" + gossip);
                peers.forEach(p -> command.add("--cluster.peer=" + p));
                command.add("--cluster.peer-timeout=" + peerTimeout.toMillis() + "ms");
                // a pair on one machine settles in well under the default minute
                command.add("--cluster.settle-timeout=2s");
                command.add("--cluster.pushpull-interval=1s");
            } else {
                // an empty address switches gossip off: no second port to find, no peers to wait for
                command.add("--cluster.listen-address=");
            }
            URI ready = URI.create("http://127.0.0.1:" + port + "/-/ready");
            return new AlertmanagerServer(ServerProcess.start("alertmanager", command, dir, ready), port, clusterPort);
        }

        // short group timings so a test sees a notification within seconds, not the default minutes
        private String config() {
            StringBuilder yaml = new StringBuilder()
                    .append("route:\n")
                    .append("  receiver: 'default'\n")
                    .append("  group_by: ['alertname']\n")
                    .append("  group_wait: 1s\n")
                    .append("  group_interval: 1s\n")
                    .append("  repeat_interval: 1h\n")
                    .append("receivers:\n")
                    .append("  - name: 'default'\n");
            if (webhook != null) {
                yaml.append("    webhook_configs:\n")
                        .append("      - url: ")
                        .append(Yaml.quote(webhook.toString()))
                        .append("\n")
                        .append("        send_resolved: true\n");
            }
            return yaml.toString();
        }
    }
}
