package dev.gantry.core.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one validator of host names, IPv4 and IPv6 literals and CIDRs, with
 * the subnet arithmetic that goes with them.
 *
 * <p>Nothing here resolves a name or touches the network: literals are parsed by hand and turned
 * into {@link InetAddress}es with {@link InetAddress#getByAddress(byte[])}. IPv6 literals are
 * accepted without brackets and without a zone ({@code fe80::1%eth0} is rejected: a zone names an
 * interface of one machine and means nothing in a cluster's configuration). Every method is
 * thread-safe.
 */
public final class Addresses {

    /** What a host is expected to look like, for error messages. */
    public static final String HOST_EXPECTED = "expected an IPv4 address like 10.0.1.11, an IPv6 address like"
            + " fd00::11, or a DNS host name like cp-1.example.com";

    private static final Pattern HOST_LABEL = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9]*[A-Za-z0-9])?");
    private static final Pattern OCTET = Pattern.compile("0|[1-9][0-9]{0,2}");
    private static final Pattern HEX_GROUP = Pattern.compile("[0-9A-Fa-f]{1,4}");
    private static final int MAX_NAME = 253;
    private static final int MAX_LABEL = 63;
    private static final int MAX_IPV6 = 45;

    private Addresses() {}

    /**
     * Parses an IPv4 or IPv6 literal (IPv6 without brackets or zone) without any name lookup.
     *
     * @param text the literal
     * @return the address, or empty when the text is not an IP literal
     */
    public static Optional<InetAddress> ipLiteral(String text) {
        Optional<byte[]> bytes = text.indexOf(':') >= 0 ? ipv6(text) : ipv4(text);
        return bytes.map(Addresses::toInetAddress);
    }

    /**
     * Tells whether the text is a DNS host name: dot-separated labels of letters, digits and
     * {@code -}, at most 253 characters, whose last label is not all digits (so never an IP).
     *
     * @param text the candidate
     * @return whether it is a host name
     */
    public static boolean isHostName(String text) {
        if (text.isEmpty() || text.length() > MAX_NAME || looksNumeric(text)) {
            return false;
        }
        for (String label : text.split("\\.", -1)) {
            if (label.length() > MAX_LABEL || !HOST_LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Tells whether the text is an IP literal or a DNS host name.
     *
     * @param text the candidate
     * @return whether it names a host
     */
    public static boolean isHost(String text) {
        return ipLiteral(text).isPresent() || isHostName(text);
    }

    /**
     * Checks that the text names a host, with a message that says which kind of address it looked
     * like.
     *
     * @param text the candidate
     * @param what what the value is, e.g. {@code "address"}, for the message
     * @return the text
     * @throws IllegalArgumentException quoting the value and saying what was expected
     */
    public static String requireHost(String text, String what) {
        if (isHost(text)) {
            return text;
        }
        String kind = text.indexOf(':') >= 0 ? "IPv6 address" : looksNumeric(text) ? "IPv4 address" : what;
        throw new IllegalArgumentException(Syntax.quoted(text) + " is not a valid " + kind + " (" + HOST_EXPECTED
                + ")");
    }

    /**
     * Returns a canonical form, so that two spellings of one address compare equal: IP literals in
     * the JDK's form (IPv6 fully expanded, lower case), host names in lower case.
     *
     * @param host a host name or IP literal
     * @return the canonical form
     */
    public static String key(String host) {
        return ipLiteral(host).map(InetAddress::getHostAddress).orElse(host.toLowerCase(Locale.ROOT));
    }

    /**
     * Tells whether two addresses of the same family share their first {@code prefix} bits.
     *
     * @param a one address
     * @param b the other
     * @param prefix the number of leading bits compared
     * @return false for addresses of different families
     */
    public static boolean sameSubnet(InetAddress a, InetAddress b, int prefix) {
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

    /**
     * Renders the network of an address, e.g. {@code 10.0.1.0/24}.
     *
     * @param address an address in the network
     * @param prefix the prefix length
     * @return the network in CIDR notation
     */
    public static String network(InetAddress address, int prefix) {
        byte[] bytes = address.getAddress();
        for (int bit = prefix; bit < bytes.length * 8; bit++) {
            bytes[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        return toInetAddress(bytes).getHostAddress() + "/" + prefix;
    }

    /**
     * Writes the host as it appears in a URL or {@code host:port}: an IPv6 literal in brackets.
     *
     * @param host a host name or IP literal
     * @return the host, bracketed when it is IPv6
     */
    public static String forUrl(String host) {
        return host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    }

    /**
     * Validates a CIDR such as {@code 10.244.0.0/16} or {@code fd00:10:244::/56}.
     *
     * @param cidr the candidate
     * @param what the setting it is, for the message
     * @return the CIDR
     * @throws IllegalArgumentException naming the setting, quoting the value and showing examples
     */
    public static String cidr(String cidr, String what) {
        int slash = cidr.indexOf('/');
        Optional<InetAddress> base = slash < 0 ? Optional.empty() : ipLiteral(cidr.substring(0, slash));
        String bits = slash < 0 ? "" : cidr.substring(slash + 1);
        boolean valid = base.isPresent() && bits.matches("[0-9]{1,3}")
                && Integer.parseInt(bits) <= base.get().getAddress().length * 8;
        if (!valid) {
            throw new IllegalArgumentException(what + " " + Syntax.quoted(cidr) + " is not a CIDR (expected an"
                    + " address and a prefix length, like 10.244.0.0/16 or fd00:10:244::/56)");
        }
        return cidr;
    }

    /** Tells whether the last dot-separated label is all digits, as in an IPv4 address. */
    private static boolean looksNumeric(String text) {
        String last = text.substring(text.lastIndexOf('.') + 1);
        return !last.isEmpty() && last.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static Optional<byte[]> ipv4(String text) {
        String[] octets = text.split("\\.", -1);
        if (text.length() > 15 || octets.length != 4) {
            return Optional.empty();
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            if (!OCTET.matcher(octets[i]).matches() || Integer.parseInt(octets[i]) > 255) {
                return Optional.empty();
            }
            bytes[i] = (byte) Integer.parseInt(octets[i]);
        }
        return Optional.of(bytes);
    }

    /** Parses an IPv6 literal (no zone, no brackets) into its 16 bytes. */
    private static Optional<byte[]> ipv6(String text) {
        int gap = text.indexOf("::");
        if (text.length() > MAX_IPV6 || (gap >= 0 && gap != text.lastIndexOf("::"))) {
            return Optional.empty();
        }
        Optional<int[]> before = groups(gap < 0 ? text : text.substring(0, gap), gap < 0);
        Optional<int[]> after = groups(gap < 0 ? "" : text.substring(gap + 2), true);
        if (before.isEmpty() || after.isEmpty()) {
            return Optional.empty();
        }
        int given = before.get().length + after.get().length;
        if (gap < 0 ? given != 8 : given > 7) {
            return Optional.empty();
        }
        int[] all = new int[8];
        System.arraycopy(before.get(), 0, all, 0, before.get().length);
        System.arraycopy(after.get(), 0, all, 8 - after.get().length, after.get().length);
        byte[] bytes = new byte[16];
        for (int i = 0; i < 8; i++) {
            bytes[2 * i] = (byte) (all[i] >>> 8);
            bytes[2 * i + 1] = (byte) all[i];
        }
        return Optional.of(bytes);
    }

    /** The 16-bit groups of one side of an IPv6 literal; an embedded IPv4 address may end it. */
    private static Optional<int[]> groups(String part, boolean mayEndWithIpv4) {
        if (part.isEmpty()) {
            return Optional.of(new int[0]);
        }
        String[] pieces = part.split(":", -1);
        String last = pieces[pieces.length - 1];
        Optional<byte[]> ipv4 = mayEndWithIpv4 && last.indexOf('.') >= 0 ? ipv4(last) : Optional.empty();
        if (last.indexOf('.') >= 0 && ipv4.isEmpty()) {
            return Optional.empty();
        }
        int hexCount = ipv4.isPresent() ? pieces.length - 1 : pieces.length;
        int[] out = new int[ipv4.isPresent() ? hexCount + 2 : hexCount];
        for (int i = 0; i < hexCount; i++) {
            if (!HEX_GROUP.matcher(pieces[i]).matches()) {
                return Optional.empty();
            }
            out[i] = Integer.parseInt(pieces[i], 16);
        }
        ipv4.ifPresent(b -> {
            out[hexCount] = (b[0] & 0xff) << 8 | (b[1] & 0xff);
            out[hexCount + 1] = (b[2] & 0xff) << 8 | (b[3] & 0xff);
        });
        return Optional.of(out);
    }

    private static InetAddress toInetAddress(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a 4- or 16-byte address is always valid", e);
        }
    }
}
