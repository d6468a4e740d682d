package dev.aiops.collector.gpu;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import okhttp3.Dns;

/**
 * The DNS of the clients that call clusters' API servers, whose URLs users registered: it hands OkHttp only
 * addresses it has just checked, so the address checked is the address connected to (no rebinding window
 * between a check and the connection, the idea of cluster-registry's guarded client). Refused: cloud
 * metadata host names, link-local (169.254/16, fe80::/10, which holds the metadata services), unspecified
 * and multicast addresses, and loopback unless explicitly allowed.
 */
final class GuardedDns implements Dns {

    private static final Set<String> DENIED_HOSTS = Set.of(
            "metadata.google.internal",
            "metadata.goog",
            "metadata",
            "instance-data",
            "instance-data.ec2.internal",
            "metadata.azure.internal");

    private final boolean allowLoopback;

    GuardedDns(boolean allowLoopback) {
        this.allowLoopback = allowLoopback;
    }

    @Override
    public List<InetAddress> lookup(String hostname) throws UnknownHostException {
        String host = hostname.toLowerCase(Locale.ROOT);
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (DENIED_HOSTS.contains(host)) {
            throw new UnknownHostException("API server host is a cloud metadata service, which is not allowed");
        }
        List<InetAddress> addresses = List.of(InetAddress.getAllByName(host));
        for (InetAddress address : addresses) {
            String problem = problem(address);
            if (problem != null) {
                throw new UnknownHostException("API server host resolves to " + problem + ", which is not allowed");
            }
        }
        return addresses;
    }

    private String problem(InetAddress address) {
        InetAddress effective = embeddedIpv4(address);
        if (effective.isLinkLocalAddress()) {
            return "a link-local address";
        }
        if (effective.isAnyLocalAddress()) {
            return "an unspecified address";
        }
        if (effective.isMulticastAddress()) {
            return "a multicast address";
        }
        if (effective.isLoopbackAddress() && !allowLoopback) {
            return "a loopback address";
        }
        return null;
    }

    /** The IPv4 address hidden in an IPv4-mapped or IPv4-compatible IPv6 address, else the address itself. */
    private static InetAddress embeddedIpv4(InetAddress address) {
        if (address instanceof Inet6Address) {
            byte[] b = address.getAddress();
            boolean zeroPrefix = true;
            for (int i = 0; i < 10; i++) {
                zeroPrefix &= b[i] == 0;
            }
            boolean mapped = zeroPrefix && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
            boolean compatible = zeroPrefix && b[10] == 0 && b[11] == 0 && (b[12] != 0 || b[13] != 0);
            if (mapped || compatible) {
                try {
                    return InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
                } catch (UnknownHostException e) {
                    return address;
                }
            }
        }
        return address;
    }
}
