package dev.aiops.registry.config;

import dev.aiops.model.error.FieldViolation;
import java.net.IDN;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Keeps the registry's outbound calls to user-supplied URLs (API servers, Prometheus, Tempo, Loki,
 * O2 IMS callbacks) away from link-local and cloud metadata addresses. Checked twice: when a URL is
 * stored (so the caller learns at once, with the field named) and right before each call, after
 * resolving the host, because a name can be re-pointed after registration.
 */
public class OutboundUrlGuard implements AutoCloseable {

    private final Set<String> deniedHosts;
    private final List<Network> deniedNetworks;
    private final boolean allowLoopback;
    private final long resolveTimeoutMillis;
    private final ExecutorService resolver = Executors.newFixedThreadPool(2, r -> {
        Thread thread = new Thread(r, "url-guard-resolver");
        thread.setDaemon(true);
        return thread;
    });

    public OutboundUrlGuard(RegistryProperties.UrlGuard properties) {
        this.deniedHosts = properties.deniedHosts().stream()
                .map(OutboundUrlGuard::normalizeHost)
                .collect(Collectors.toUnmodifiableSet());
        this.deniedNetworks =
                properties.deniedNetworks().stream().map(Network::parse).toList();
        this.allowLoopback = properties.allowLoopback();
        this.resolveTimeoutMillis = properties.resolveTimeout().toMillis();
    }

    /**
     * Checks URLs about to be stored. Hosts that do not resolve (yet) are accepted; hosts that resolve
     * to a denied address are not.
     *
     * @param field the JSON field name reported back, for example {@code endpoints.prometheus_url}
     */
    public List<FieldViolation> checkForRegistration(String field, String url) {
        if (url == null || url.isBlank()) {
            return List.of();
        }
        String problem = shapeProblem(url);
        if (problem == null) {
            problem = addressProblem(URI.create(url.trim()).getHost(), false);
        }
        return problem == null ? List.of() : List.of(new FieldViolation(field, problem));
    }

    /** Checks a URL right before calling it, resolving the host; throws when the call must not happen. */
    public void checkBeforeCall(String url) {
        String problem = shapeProblem(url);
        if (problem == null) {
            problem = addressProblem(URI.create(url.trim()).getHost(), true);
        }
        if (problem != null) {
            throw new BlockedUrlException(problem);
        }
    }

    private static String shapeProblem(String url) {
        URI uri;
        try {
            uri = URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            return "must be a valid URL";
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return "must be an http or https URL";
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            return "must name a host";
        }
        if (uri.getUserInfo() != null) {
            return "must not carry user information";
        }
        return null;
    }

    private String addressProblem(String rawHost, boolean mustResolve) {
        String host = normalizeHost(rawHost);
        if (deniedHosts.contains(host)) {
            return "points at a cloud metadata host, which is not allowed";
        }
        InetAddress[] addresses;
        try {
            addresses = resolve(host);
        } catch (UnknownHostException e) {
            if (isLiteral(host)) {
                return "is not a valid IP address";
            }
            return mustResolve ? "host does not resolve" : null;
        }
        for (InetAddress address : addresses) {
            String problem = addressProblem(address);
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    /** Why an address is off limits, or null when it is allowed. */
    public String addressProblem(InetAddress address) {
        if (address.isLoopbackAddress()) {
            return allowLoopback ? null : "points at a loopback address, which is not allowed";
        }
        if (address.isLinkLocalAddress()) {
            return "points at a link-local address, which is not allowed";
        }
        for (Network network : deniedNetworks) {
            if (network.contains(address)) {
                return "points at a denied address (" + network + ")";
            }
        }
        return null;
    }

    private InetAddress[] resolve(String host) throws UnknownHostException {
        if (isLiteral(host)) {
            return InetAddress.getAllByName(host);
        }
        CompletableFuture<InetAddress[]> lookup = CompletableFuture.supplyAsync(
                () -> {
                    try {
                        return InetAddress.getAllByName(host);
                    } catch (UnknownHostException e) {
                        throw new java.util.concurrent.CompletionException(e);
                    }
                },
                resolver);
        try {
            return lookup.get(resolveTimeoutMillis, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new UnknownHostException(host);
        } catch (java.util.concurrent.TimeoutException e) {
            lookup.cancel(true);
            throw new UnknownHostException(host);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnknownHostException(host);
        }
    }

    private static boolean isLiteral(String host) {
        return host.contains(":") || host.matches("[0-9.]+");
    }

    static String normalizeHost(String host) {
        if (host == null) {
            return "";
        }
        String h = host.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        h = h.replace("%25", "%"); // an IPv6 zone id as it appears in a URL
        while (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        try {
            return IDN.toASCII(h);
        } catch (IllegalArgumentException e) {
            return h;
        }
    }

    @Override
    public void close() {
        resolver.shutdownNow();
    }

    /** Thrown when a call is refused; its message is safe to show and to store as a last error. */
    public static class BlockedUrlException extends RuntimeException {
        public BlockedUrlException(String message) {
            super("outbound call refused: " + message);
        }
    }

    /** An address block in CIDR notation. */
    record Network(byte[] prefix, int bits, String text) {

        static Network parse(String cidr) {
            String[] parts = cidr.trim().split("/");
            try {
                byte[] address = InetAddress.getByName(parts[0]).getAddress();
                int bits = parts.length > 1 ? Integer.parseInt(parts[1]) : address.length * 8;
                return new Network(address, bits, cidr.trim());
            } catch (UnknownHostException | NumberFormatException e) {
                throw new IllegalArgumentException("Invalid network in aiops.registry.url-guard: " + cidr, e);
            }
        }

        boolean contains(InetAddress address) {
            byte[] candidate = address.getAddress();
            if (candidate.length != prefix.length) {
                return false;
            }
            int full = bits / 8;
            if (!Arrays.equals(Arrays.copyOf(candidate, full), Arrays.copyOf(prefix, full))) {
                return false;
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xFF << (8 - rest) & 0xFF;
            return (candidate[full] & mask) == (prefix[full] & mask);
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** All URLs in one list, for callers checking several fields. */
    public List<FieldViolation> checkAll(java.util.Map<String, String> fieldsToUrls) {
        List<FieldViolation> violations = new ArrayList<>();
        fieldsToUrls.forEach((field, url) -> violations.addAll(checkForRegistration(field, url)));
        return violations;
    }
}
