package dev.aiops.porch.repositories;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The outbound URL rule of the platform (the registry's {@code OutboundUrlGuard} idea) for the adapter's one
 * kind of user-supplied URL, a registered Porch API server: http or https only, a host, no user information,
 * and no address that is unspecified, link-local, multicast, a cloud metadata host or network, or loopback
 * unless configured — also when an IPv6 form (mapped, compatible, NAT64, 6to4) embeds such an IPv4 address.
 * Checked when the URL is registered and again, with a fresh lookup, right before every call.
 */
final class UrlGuard {

    private final boolean allowLoopback;
    private final List<String> deniedHosts;
    private final List<Network> deniedNetworks;

    UrlGuard(PorchProperties.UrlGuard properties) {
        this.allowLoopback = properties.allowLoopback();
        this.deniedHosts = properties.deniedHosts().stream()
                .map(h -> h.toLowerCase(Locale.ROOT))
                .toList();
        this.deniedNetworks =
                properties.deniedNetworks().stream().map(Network::parse).toList();
    }

    /** Why the URL must not be called, or null when it may. A host that does not resolve is refused. */
    String problem(String url) {
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
        String host =
                uri.getHost().toLowerCase(Locale.ROOT).replaceAll("^\\[|]$", "").replaceAll("\\.+$", "");
        if (deniedHosts.contains(host)) {
            return "points at a cloud metadata host, which is not allowed";
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            return "host does not resolve";
        }
        for (InetAddress address : addresses) {
            String problem = addressProblem(address);
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    private String addressProblem(InetAddress address) {
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
                return "points at a denied address (" + network.text() + ")";
            }
        }
        if (address instanceof Inet6Address v6) {
            Inet4Address embedded = embeddedIpv4(v6.getAddress());
            if (embedded != null) {
                String problem = addressProblem(embedded);
                return problem == null ? null : "embeds an IPv4 address that " + problem;
            }
        }
        return null;
    }

    /** IPv4-compatible/mapped (::/96, ::ffff:0:0/96), NAT64 (64:ff9b::/96) and 6to4 (2002::/16) forms. */
    private static Inet4Address embeddedIpv4(byte[] b) {
        boolean zeros = true;
        for (int i = 0; i < 10; i++) {
            zeros &= b[i] == 0;
        }
        boolean compatibleOrMapped =
                zeros && ((b[10] == 0 && b[11] == 0) || (b[10] == (byte) 0xff && b[11] == (byte) 0xff));
        boolean nat64 = b[0] == 0 && b[1] == 0x64 && b[2] == (byte) 0xff && b[3] == (byte) 0x9b;
        try {
            if (compatibleOrMapped || nat64) {
                return (Inet4Address) InetAddress.getByAddress(Arrays.copyOfRange(b, 12, 16));
            }
            if (b[0] == 0x20 && b[1] == 0x02) {
                return (Inet4Address) InetAddress.getByAddress(Arrays.copyOfRange(b, 2, 6));
            }
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // four bytes are always an address
        }
        return null;
    }

    private record Network(byte[] prefix, int bits, String text) {

        static Network parse(String cidr) {
            String[] parts = cidr.trim().split("/");
            try {
                byte[] address = InetAddress.getByName(parts[0]).getAddress();
                return new Network(address, parts.length > 1 ? Integer.parseInt(parts[1]) : address.length * 8, cidr);
            } catch (UnknownHostException | NumberFormatException e) {
                throw new IllegalArgumentException("Invalid network in aiops.porch.url-guard: " + cidr, e);
            }
        }

        boolean contains(InetAddress address) {
            byte[] candidate = address.getAddress();
            if (candidate.length != prefix.length) {
                return false;
            }
            for (int bit = 0; bit < bits; bit++) {
                int mask = 0x80 >> (bit % 8);
                if ((candidate[bit / 8] & mask) != (prefix[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
