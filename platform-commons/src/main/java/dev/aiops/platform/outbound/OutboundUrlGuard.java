package dev.aiops.platform.outbound;

import dev.aiops.model.error.FieldViolation;
import java.net.IDN;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Keeps outbound calls to user-supplied URLs (the registry's API servers, Prometheus, Tempo, Loki and
 * O2 IMS callbacks; the intent service's TMF921 hub callbacks) away from link-local, cloud metadata, unspecified and (in production) loopback
 * addresses, also when they hide inside an IPv6 form (IPv4-compatible, NAT64, 6to4, Teredo).
 *
 * <p>Checked twice: when a URL is stored (so the caller learns at once, with the field named) and right
 * before each call. The check before a call resolves the host once and <em>pins</em> the answer: the
 * HTTP clients of {@link GuardedHttpClients} connect only to the addresses this guard checked, so a name that
 * answers differently on its next lookup (DNS rebinding) cannot steer the connection elsewhere.
 */
public class OutboundUrlGuard implements AutoCloseable {

    /** How host names become addresses; the system resolver in production, a scripted one in tests. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;

        Resolver SYSTEM = InetAddress::getAllByName;
    }

    private record Pin(List<InetAddress> addresses, long expiresAtNanos) {}

    private static final int MAX_PINS = 10_000;

    private final Set<String> deniedHosts;
    private final List<Network> deniedNetworks;
    private final boolean allowLoopback;
    private final long resolveTimeoutMillis;
    private final long pinTtlNanos;
    private final Resolver dns;
    private final Map<String, Pin> pins = new ConcurrentHashMap<>();
    private final ExecutorService resolver = Executors.newFixedThreadPool(2, r -> {
        Thread thread = new Thread(r, "url-guard-resolver");
        thread.setDaemon(true);
        return thread;
    });

    public OutboundUrlGuard(UrlGuardProperties properties) {
        this(properties, Resolver.SYSTEM);
    }

    public OutboundUrlGuard(UrlGuardProperties properties, Resolver dns) {
        this.deniedHosts = properties.deniedHosts().stream()
                .map(OutboundUrlGuard::normalizeHost)
                .collect(Collectors.toUnmodifiableSet());
        this.deniedNetworks =
                properties.deniedNetworks().stream().map(Network::parse).toList();
        this.allowLoopback = properties.allowLoopback();
        this.resolveTimeoutMillis = properties.resolveTimeout().toMillis();
        this.pinTtlNanos = properties.pinTtl().toNanos();
        this.dns = dns;
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
            try {
                resolveChecked(URI.create(url.trim()).getHost());
            } catch (BlockedUrlException e) {
                problem = e.reason();
            } catch (UnknownHostException e) {
                problem =
                        isLiteral(normalizeHost(URI.create(url.trim()).getHost())) ? "is not a valid IP address" : null;
            }
        }
        return problem == null ? List.of() : List.of(new FieldViolation(field, problem));
    }

    /**
     * Checks a URL right before calling it: its shape, then its host, resolved once and pinned for the
     * connection that follows. Throws when the call must not happen.
     */
    public void checkBeforeCall(String url) {
        String problem = shapeProblem(url);
        if (problem != null) {
            throw new BlockedUrlException(problem);
        }
        try {
            resolveChecked(URI.create(url.trim()).getHost());
        } catch (UnknownHostException e) {
            throw new BlockedUrlException("host does not resolve");
        }
    }

    /**
     * The addresses a connection to {@code host} may use: the pinned answer of the last check while it
     * is fresh, else one new lookup whose every address is checked and then pinned.
     *
     * @throws BlockedUrlException when the host or any address it resolves to is denied
     * @throws UnknownHostException when the host does not resolve
     */
    public List<InetAddress> resolveChecked(String rawHost) throws UnknownHostException {
        String host = normalizeHost(rawHost);
        if (deniedHosts.contains(host)) {
            throw new BlockedUrlException("points at a cloud metadata host, which is not allowed");
        }
        if (isLiteral(host)) {
            // a literal needs no lookup, so there is nothing to rebind
            InetAddress address = InetAddress.getByName(host);
            throwIfDenied(address);
            return List.of(address);
        }
        Pin pin = pins.get(host);
        if (pin != null && pin.expiresAtNanos() - System.nanoTime() > 0) {
            return pin.addresses();
        }
        InetAddress[] addresses = resolve(host);
        if (addresses.length == 0) {
            throw new UnknownHostException(host);
        }
        for (InetAddress address : addresses) {
            throwIfDenied(address);
        }
        List<InetAddress> checked = List.of(addresses);
        if (pins.size() >= MAX_PINS) {
            long now = System.nanoTime();
            pins.values().removeIf(p -> p.expiresAtNanos() - now <= 0);
        }
        pins.put(host, new Pin(checked, System.nanoTime() + pinTtlNanos));
        return checked;
    }

    private void throwIfDenied(InetAddress address) {
        String problem = addressProblem(address);
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

    /** Why an address is off limits, or null when it is allowed. */
    public String addressProblem(InetAddress address) {
        if (address.isAnyLocalAddress()) {
            return "points at the unspecified address, which is not allowed";
        }
        if (address.isLoopbackAddress()) {
            return allowLoopback ? null : "points at a loopback address, which is not allowed";
        }
        if (address.isLinkLocalAddress()) {
            return "points at a link-local address, which is not allowed";
        }
        if (address.isMulticastAddress()) {
            return "points at a multicast address, which is not allowed";
        }
        for (Network network : deniedNetworks) {
            if (network.contains(address)) {
                return "points at a denied address (" + network + ")";
            }
        }
        if (address instanceof Inet6Address v6) {
            Inet4Address embedded = embeddedIpv4(v6);
            if (embedded != null) {
                String problem = addressProblem(embedded);
                return problem == null ? null : "embeds an IPv4 address that " + problem;
            }
        }
        return null;
    }

    /**
     * The IPv4 address carried inside an IPv6 one, for the forms that route to it: IPv4-compatible
     * {@code ::/96}, IPv4-mapped {@code ::ffff:0:0/96}, NAT64 {@code 64:ff9b::/96} and {@code
     * 64:ff9b:1::/48} (RFC 6052, 8215; last 32 bits), 6to4 {@code 2002::/16} (bits 16–47) and Teredo
     * {@code 2001::/32} (the client address, inverted, in the last 32 bits).
     */
    static Inet4Address embeddedIpv4(Inet6Address address) {
        byte[] b = address.getAddress();
        if (zero(b, 0, 10) && ((b[10] == 0 && b[11] == 0) || (b[10] == (byte) 0xff && b[11] == (byte) 0xff))) {
            return v4(b[12], b[13], b[14], b[15]);
        }
        boolean nat64 = b[0] == 0 && b[1] == 0x64 && b[2] == (byte) 0xff && b[3] == (byte) 0x9b;
        if (nat64 && (zero(b, 4, 12) || (b[4] == 0 && b[5] == 1))) {
            return v4(b[12], b[13], b[14], b[15]);
        }
        if (b[0] == 0x20 && b[1] == 0x02) {
            return v4(b[2], b[3], b[4], b[5]);
        }
        if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0 && b[3] == 0) {
            return v4((byte) ~b[12], (byte) ~b[13], (byte) ~b[14], (byte) ~b[15]);
        }
        return null;
    }

    private static boolean zero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static Inet4Address v4(byte a, byte b, byte c, byte d) {
        try {
            return (Inet4Address) InetAddress.getByAddress(new byte[] {a, b, c, d});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // four bytes are always a valid address
        }
    }

    private InetAddress[] resolve(String host) throws UnknownHostException {
        CompletableFuture<InetAddress[]> lookup = CompletableFuture.supplyAsync(
                () -> {
                    try {
                        return dns.resolve(host);
                    } catch (UnknownHostException e) {
                        throw new CompletionException(e);
                    }
                },
                resolver);
        try {
            return lookup.get(resolveTimeoutMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
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
        private final String reason;

        public BlockedUrlException(String reason) {
            super("outbound call refused: " + reason);
            this.reason = reason;
        }

        public String reason() {
            return reason;
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
                throw new IllegalArgumentException("Invalid network in the URL guard's denied-networks: " + cidr, e);
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
    public List<FieldViolation> checkAll(Map<String, String> fieldsToUrls) {
        List<FieldViolation> violations = new ArrayList<>();
        fieldsToUrls.forEach((field, url) -> violations.addAll(checkForRegistration(field, url)));
        return violations;
    }
}
