package dev.gantry.core.controlplane;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Syntax of host names and IP literals, and subnet arithmetic. Nothing here resolves a name: IPv6
 * literals are parsed in brackets, which the JDK never sends to DNS, and IPv4 literals are parsed
 * by hand.
 */
final class Addresses {

    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9]*[A-Za-z0-9])?");
    private static final Pattern OCTET = Pattern.compile("0|[1-9][0-9]{0,2}");
    private static final Pattern NUMERIC_END = Pattern.compile(".*\\.[0-9]+$|^[0-9]+$");
    private static final int MAX_NAME = 253;
    private static final int MAX_LABEL = 63;

    private Addresses() {}

    /** Parses an IPv4 or IPv6 literal (IPv6 without brackets or zone); empty for anything else. */
    static Optional<InetAddress> ipLiteral(String text) {
        if (text.indexOf(':') >= 0) {
            return ipv6(text);
        }
        return ipv4(text);
    }

    /** Tells whether the text is a DNS host name (letters, digits, '-', dot-separated), not an IP. */
    static boolean isHostName(String text) {
        if (text.isEmpty() || text.length() > MAX_NAME || NUMERIC_END.matcher(text).matches()) {
            return false;
        }
        for (String label : text.split("\\.", -1)) {
            if (label.length() > MAX_LABEL || !LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }

    /** Tells whether the text is an IP literal or a host name. */
    static boolean isHost(String text) {
        return ipLiteral(text).isPresent() || isHostName(text);
    }

    /** A canonical form, so that two spellings of one address compare equal. */
    static String key(String host) {
        return ipLiteral(host).map(InetAddress::getHostAddress).orElse(host.toLowerCase(Locale.ROOT));
    }

    /** Tells whether two addresses of the same family share the first {@code prefix} bits. */
    static boolean sameSubnet(InetAddress a, InetAddress b, int prefix) {
        byte[] x = a.getAddress();
        byte[] y = b.getAddress();
        if (x.length != y.length) {
            return false;
        }
        for (int bit = 0; bit < prefix; bit++) {
            int mask = 0x80 >>> (bit % 8);
            if ((x[bit / 8] & mask) != (y[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    /** Renders the network of an address, e.g. {@code 10.0.1.0/24}. */
    static String network(InetAddress address, int prefix) {
        byte[] bytes = address.getAddress();
        for (int bit = prefix; bit < bytes.length * 8; bit++) {
            bytes[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        try {
            return InetAddress.getByAddress(bytes).getHostAddress() + "/" + prefix;
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a 4- or 16-byte address is always valid", e);
        }
    }

    /** The host as it appears in a URL or {@code host:port}: IPv6 literals in brackets. */
    static String forUrl(String host) {
        return host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    }

    /** Validates a CIDR such as {@code 10.244.0.0/16} or {@code fd00:10:244::/56}. */
    static String cidr(String cidr, String what) {
        int slash = cidr.indexOf('/');
        Optional<InetAddress> base = slash < 0 ? Optional.empty() : ipLiteral(cidr.substring(0, slash));
        String bits = slash < 0 ? "" : cidr.substring(slash + 1);
        boolean valid = base.isPresent() && bits.matches("[0-9]{1,3}")
                && Integer.parseInt(bits) <= base.get().getAddress().length * 8;
        if (!valid) {
            throw new IllegalArgumentException(what + " '" + cidr + "' is not a CIDR (expected an address and a"
                    + " prefix length, like 10.244.0.0/16 or fd00:10:244::/56)");
        }
        return cidr;
    }

    private static Optional<InetAddress> ipv4(String text) {
        String[] octets = text.split("\\.", -1);
        if (octets.length != 4) {
            return Optional.empty();
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            if (!OCTET.matcher(octets[i]).matches() || Integer.parseInt(octets[i]) > 255) {
                return Optional.empty();
            }
            bytes[i] = (byte) Integer.parseInt(octets[i]);
        }
        try {
            return Optional.of(InetAddress.getByAddress(bytes));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static Optional<InetAddress> ipv6(String text) {
        if (text.indexOf('%') >= 0 || text.indexOf('[') >= 0 || text.indexOf(']') >= 0 || text.length() > 45) {
            return Optional.empty();
        }
        try {
            // In brackets the JDK parses an IPv6 literal and never looks the text up in DNS.
            return Optional.of(InetAddress.getByName("[" + text + "]"));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
