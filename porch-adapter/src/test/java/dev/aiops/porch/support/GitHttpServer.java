package dev.aiops.porch.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real git server for tests: git's own smart-HTTP server, {@code git http-backend}, run as a CGI program
 * behind the JDK's HTTP server on 127.0.0.1, with HTTP basic authentication in front of it. Repositories are
 * bare repositories under {@link #root()}.
 */
public final class GitHttpServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final Path root;
    private final String username;
    private final String password;
    private final AtomicInteger requests = new AtomicInteger();

    private GitHttpServer(Path root, String username, String password) throws IOException {
        this.root = root;
        this.username = username;
        this.password = password;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** Starts a server whose only account is {@code username}/{@code password}. */
    public static GitHttpServer start(Path root, String username, String password) {
        try {
            Files.createDirectories(root);
            return new GitHttpServer(root, username, password);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates an empty bare repository {@code name}.git whose HEAD is main; answers its URL. */
    public String createRepository(String name) {
        run(root, "git", "init", "--bare", "--quiet", "--initial-branch=main", name + ".git");
        return url(name);
    }

    public String url(String name) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + name + ".git";
    }

    public Path root() {
        return root;
    }

    /** How many HTTP requests reached the server. */
    public int requests() {
        return requests.get();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        try (exchange) {
            String expected = "Basic "
                    + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
            if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"git\"");
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            byte[] body = exchange.getRequestBody().readAllBytes();
            ProcessBuilder builder = new ProcessBuilder("git", "http-backend");
            Map<String, String> env = builder.environment();
            env.put("GIT_PROJECT_ROOT", root.toString());
            env.put("GIT_HTTP_EXPORT_ALL", "1");
            env.put("REQUEST_METHOD", exchange.getRequestMethod());
            env.put("PATH_INFO", exchange.getRequestURI().getPath());
            String query = exchange.getRequestURI().getRawQuery();
            env.put("QUERY_STRING", query == null ? "" : query);
            String type = exchange.getRequestHeaders().getFirst("Content-Type");
            env.put("CONTENT_TYPE", type == null ? "" : type);
            env.put("CONTENT_LENGTH", String.valueOf(body.length));
            String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
            if (encoding != null) {
                env.put("HTTP_CONTENT_ENCODING", encoding);
            }
            String protocol = exchange.getRequestHeaders().getFirst("Git-Protocol");
            if (protocol != null) {
                env.put("GIT_PROTOCOL", protocol);
            }
            // receive-pack is enabled for authenticated users
            env.put("REMOTE_USER", username);
            env.put("REMOTE_ADDR", "127.0.0.1");
            Process process = builder.start();
            CompletableFuture<Void> input = CompletableFuture.runAsync(
                    () -> {
                        try (OutputStream in = process.getOutputStream()) {
                            in.write(body);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    },
                    executor);
            byte[] output;
            try (InputStream out = process.getInputStream()) {
                output = out.readAllBytes();
            }
            input.join();
            respond(exchange, output);
        }
    }

    /** Copies the CGI answer: its headers (Status among them), a blank line, the body. */
    private static void respond(HttpExchange exchange, byte[] output) throws IOException {
        int split = -1;
        int skip = 0;
        for (int i = 0; i < output.length - 1; i++) {
            if (output[i] == '\n' && output[i + 1] == '\n') {
                split = i;
                skip = 2;
                break;
            }
            if (i < output.length - 3
                    && output[i] == '\r'
                    && output[i + 1] == '\n'
                    && output[i + 2] == '\r'
                    && output[i + 3] == '\n') {
                split = i;
                skip = 4;
                break;
            }
        }
        if (split < 0) {
            exchange.sendResponseHeaders(502, -1);
            return;
        }
        int status = 200;
        for (String line : new String(output, 0, split, StandardCharsets.ISO_8859_1).split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("Status")) {
                status = Integer.parseInt(value.split(" ")[0]);
            } else {
                exchange.getResponseHeaders().add(name, value);
            }
        }
        ByteArrayOutputStream rest = new ByteArrayOutputStream();
        rest.write(output, split + skip, output.length - split - skip);
        byte[] payload = rest.toByteArray();
        exchange.sendResponseHeaders(status, payload.length == 0 ? -1 : payload.length);
        if (payload.length > 0) {
            try (OutputStream response = exchange.getResponseBody()) {
                response.write(payload);
            }
        }
    }

    /** Runs a git command in {@code directory}; fails the test when it fails. */
    public static String run(Path directory, String... command) {
        try {
            Process process = new ProcessBuilder(command)
                    .directory(directory.toFile())
                    .redirectErrorStream(true)
                    .start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
