package dev.aiops.collector.alert;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;

/**
 * Vets an {@code alertmanager_url} right before the poll calls it: the URL comes from a user's cluster
 * registration. Only http(s), a host and no user information; the host is resolved and every address it
 * resolves to must not be unspecified, link-local (which covers the 169.254.169.254 cloud metadata
 * service), multicast, a known metadata host or address, or loopback unless allowed. The same idea as the
 * registry's {@code OutboundUrlGuard}, which checks the URL once more when it is stored.
 *
 * <p>Not covered here: the HTTP client resolves the name again to connect, so a name that answers
 * differently the second time (DNS rebinding) is caught only at the registry's registration check.
 */
final class AlertmanagerUrlGuard {

    private static final Set<String> DENIED_HOSTS =
            Set.of("metadata.google.internal", "metadata.goog", "metadata", "instance-data", "metadata.azure.internal");

    // Alibaba Cloud's metadata service and AWS's IPv6 one are not link-local
    private static final Set<String> DENIED_ADDRESSES = Set.of("100.100.100.200", "fd00:ec2:0:0:0:0:0:254");

    private final boolean allowLoopback;

    AlertmanagerUrlGuard(boolean allowLoopback) {
        this.allowLoopback = allowLoopback;
    }

    /** Thrown when a URL must not be called; its message is safe to log. */
    static final class BlockedUrlException extends RuntimeException {
        BlockedUrlException(String reason) {
            super("alertmanager_url " + reason);
        }
    }

    /** The URI to call for {@code path} under the checked base URL. */
    URI check(String baseUrl, String path) {
        URI base;
        try {
            base = URI.create(baseUrl.trim().endsWith("/") ? baseUrl.trim() : baseUrl.trim() + "/");
        } catch (IllegalArgumentException e) {
            throw new BlockedUrlException("is not a valid URL");
        }
        String scheme = base.getScheme() == null ? "" : base.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new BlockedUrlException("must be an http or https URL");
        }
        if (base.getHost() == null || base.getHost().isBlank()) {
            throw new BlockedUrlException("must name a host");
        }
        if (base.getRawUserInfo() != null) {
            throw new BlockedUrlException("must not carry user information");
        }
        String host = base.getHost().toLowerCase(Locale.ROOT).replaceAll("^\\[|]$", "");
        while (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (DENIED_HOSTS.contains(host)) {
            throw new BlockedUrlException("points at a cloud metadata host");
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new BlockedUrlException("host does not resolve");
        }
        for (InetAddress address : addresses) {
            String problem = problem(address);
            if (problem != null) {
                throw new BlockedUrlException(problem);
            }
        }
        return base.resolve(path);
    }

    String problem(InetAddress address) {
        if (address instanceof Inet6Address v6 && isIpv4Mapped(v6)) {
            try {
                address = Inet4Address.getByAddress(java.util.Arrays.copyOfRange(v6.getAddress(), 12, 16));
            } catch (UnknownHostException e) {
                return "is not a valid address";
            }
        }
        if (address.isAnyLocalAddress()) {
            return "points at the unspecified address";
        }
        if (address.isLoopbackAddress()) {
            return allowLoopback ? null : "points at a loopback address";
        }
        if (address.isLinkLocalAddress()) {
            return "points at a link-local address";
        }
        if (address.isMulticastAddress()) {
            return "points at a multicast address";
        }
        if (DENIED_ADDRESSES.contains(address.getHostAddress())) {
            return "points at a cloud metadata address";
        }
        return null;
    }

    private static boolean isIpv4Mapped(Inet6Address address) {
        byte[] b = address.getAddress();
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return (b[10] == (byte) 0xff && b[11] == (byte) 0xff) || (b[10] == 0 && b[11] == 0);
    }
}
