package dev.gantry.core;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Syntax checks for the values of an inventory. Each check returns its argument when it is valid
 * and otherwise throws {@link IllegalArgumentException} with a message that quotes the value and
 * says what was expected. Nothing here resolves names or touches the network.
 */
final class Syntax {

    static final String NAME_EXPECTED = "expected lower-case letters, digits, '-' and '.', starting and"
            + " ending with a letter or digit, at most 253 characters, like cp-1 or worker-3.dc1";
    static final String ADDRESS_EXPECTED = "expected an IPv4 address like 10.0.1.11, an IPv6 address like"
            + " fd00::11, or a DNS host name like cp-1.example.com";
    static final String DOMAIN_EXPECTED = "expected letters, digits and '.', '_', '/', ':', '-', starting and"
            + " ending with a letter or digit, at most 253 characters, like eu-west-1a or dc1-rack1";
    static final String DISK_EXPECTED = "expected a device name like nvme0n1 or sdb, or a /dev path like"
            + " /dev/disk/by-id/nvme-Samsung_SSD_980_S64ANS0T123456";
    static final String LABEL_KEY_EXPECTED = "expected a Kubernetes label key: an optional DNS prefix and '/',"
            + " then at most 63 letters, digits, '-', '_' or '.', like tier or example.com/rack";
    static final String LABEL_VALUE_EXPECTED = "expected a Kubernetes label value: empty, or at most 63"
            + " letters, digits, '-', '_' or '.', starting and ending with a letter or digit";
    static final String USER_EXPECTED = "expected a login name of letters, digits, '.', '_' or '-' that does"
            + " not start with '-' or '.', at most 64 characters, like ubuntu";

    private static final int MAX_DNS_NAME = 253;
    private static final int MAX_LABEL = 63;
    private static final int MAX_PATH = 255;
    private static final int MAX_USER = 64;

    private static final Pattern DNS_1123_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern HOST_LABEL = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9]*[A-Za-z0-9])?");
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");
    private static final Pattern HEX_GROUP = Pattern.compile("[0-9A-Fa-f]{1,4}");
    private static final Pattern DOMAIN = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9._/:]*[A-Za-z0-9])?");
    private static final Pattern DEVICE = Pattern.compile("[a-z][a-z0-9_-]{0,63}");
    private static final Pattern PATH_SEGMENT = Pattern.compile("[A-Za-z0-9._:+@=,-]+");
    private static final Pattern K8S_NAME = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?");
    private static final Pattern USER = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]*");

    private Syntax() {}

    static String machineName(String name) {
        if (!isDnsSubdomain(name)) {
            throw invalid(name, "machine name", NAME_EXPECTED);
        }
        return name;
    }

    static String address(String address) {
        addressKey(address);
        return address;
    }

    /**
     * Returns a canonical form of a valid address, so that two spellings of one address compare
     * equal: IPv6 literals are expanded, host names lower-cased.
     */
    static String addressKey(String address) {
        if (address.indexOf(':') >= 0) {
            return ipv6(address).orElseThrow(() -> invalid(address, "IPv6 address", ADDRESS_EXPECTED));
        }
        if (looksNumeric(address)) {
            if (!isIpv4(address)) {
                throw invalid(address, "IPv4 address", ADDRESS_EXPECTED);
            }
            return address;
        }
        if (!isHostName(address)) {
            throw invalid(address, "address", ADDRESS_EXPECTED);
        }
        return address.toLowerCase(Locale.ROOT);
    }

    static String failureDomain(String domain) {
        if (domain.length() > MAX_DNS_NAME || !DOMAIN.matcher(domain).matches()) {
            throw invalid(domain, "failure domain", DOMAIN_EXPECTED);
        }
        return domain;
    }

    static String disk(String disk) {
        boolean valid = disk.startsWith("/") ? isDevPath(disk) : DEVICE.matcher(disk).matches();
        if (!valid) {
            throw invalid(disk, "disk", DISK_EXPECTED);
        }
        return disk;
    }

    static String labelKey(String key) {
        int slash = key.indexOf('/');
        String prefix = slash < 0 ? "" : key.substring(0, slash);
        String name = key.substring(slash + 1);
        boolean valid = (slash < 0 || isDnsSubdomain(prefix)) && isK8sName(name);
        if (!valid) {
            throw invalid(key, "label key", LABEL_KEY_EXPECTED);
        }
        return key;
    }

    static String labelValue(String value) {
        if (!value.isEmpty() && !isK8sName(value)) {
            throw invalid(value, "label value", LABEL_VALUE_EXPECTED);
        }
        return value;
    }

    static String sshUser(String user) {
        if (user.length() > MAX_USER || !USER.matcher(user).matches()) {
            throw invalid(user, "ssh user", USER_EXPECTED);
        }
        return user;
    }

    /** Builds the "unknown value" error of an enumerated field, listing the valid values. */
    static IllegalArgumentException unknown(String what, String value, List<String> valid) {
        String hint = Spelling.closest(value, valid).map(s -> "did you mean '" + s + "'? ").orElse("");
        return new IllegalArgumentException(
                "unknown " + what + " " + quoted(value) + " (" + hint + "expected " + oneOf(valid) + ")");
    }

    /** Lists choices for a message: {@code a, b or c}. */
    static String oneOf(List<String> choices) {
        int last = choices.size() - 1;
        return last == 0 ? choices.get(0) : String.join(", ", choices.subList(0, last)) + " or " + choices.get(last);
    }

    /** Quotes a value for an error message, shortened and with control characters escaped. */
    static String quoted(String value) {
        return "'" + ParseException.shown(value) + "'";
    }

    private static IllegalArgumentException invalid(String value, String what, String expected) {
        return new IllegalArgumentException(quoted(value) + " is not a valid " + what + " (" + expected + ")");
    }

    private static boolean isDnsSubdomain(String name) {
        if (name.isEmpty() || name.length() > MAX_DNS_NAME) {
            return false;
        }
        for (String label : name.split("\\.", -1)) {
            if (label.length() > MAX_LABEL || !DNS_1123_LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }

    private static boolean isHostName(String name) {
        if (name.isEmpty() || name.length() > MAX_DNS_NAME) {
            return false;
        }
        for (String label : name.split("\\.", -1)) {
            if (label.length() > MAX_LABEL || !HOST_LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }

    private static boolean looksNumeric(String address) {
        String last = address.substring(address.lastIndexOf('.') + 1);
        return !last.isEmpty() && DIGITS.matcher(last).matches();
    }

    private static boolean isIpv4(String address) {
        String[] octets = address.split("\\.", -1);
        if (octets.length != 4) {
            return false;
        }
        for (String octet : octets) {
            if (!isOctet(octet)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isOctet(String octet) {
        if (octet.isEmpty() || octet.length() > 3 || !DIGITS.matcher(octet).matches()) {
            return false;
        }
        boolean leadingZero = octet.length() > 1 && octet.charAt(0) == '0';
        return !leadingZero && Integer.parseInt(octet) <= 255;
    }

    /** Parses an IPv6 literal (no zone, no brackets) into its fully expanded lower-case form. */
    private static Optional<String> ipv6(String address) {
        int gap = address.indexOf("::");
        if (address.length() > 45 || (gap >= 0 && gap != address.lastIndexOf("::"))) {
            return Optional.empty();
        }
        String head = gap < 0 ? address : address.substring(0, gap);
        String tail = gap < 0 ? "" : address.substring(gap + 2);
        Optional<int[]> before = groups(head, gap < 0);
        Optional<int[]> after = groups(tail, true);
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
        StringBuilder sb = new StringBuilder();
        for (int group : all) {
            sb.append(sb.length() == 0 ? "" : ":").append(Integer.toHexString(group));
        }
        return Optional.of(sb.toString());
    }

    /** The 16-bit groups of one side of an IPv6 literal; an embedded IPv4 address may end it. */
    private static Optional<int[]> groups(String part, boolean mayEndWithIpv4) {
        if (part.isEmpty()) {
            return Optional.of(new int[0]);
        }
        String[] pieces = part.split(":", -1);
        String last = pieces[pieces.length - 1];
        boolean ipv4 = mayEndWithIpv4 && last.indexOf('.') >= 0;
        if (ipv4 && !isIpv4(last)) {
            return Optional.empty();
        }
        int hexCount = ipv4 ? pieces.length - 1 : pieces.length;
        int[] out = new int[ipv4 ? hexCount + 2 : hexCount];
        for (int i = 0; i < hexCount; i++) {
            if (!HEX_GROUP.matcher(pieces[i]).matches()) {
                return Optional.empty();
            }
            out[i] = Integer.parseInt(pieces[i], 16);
        }
        if (ipv4) {
            String[] o = last.split("\\.");
            out[hexCount] = Integer.parseInt(o[0]) << 8 | Integer.parseInt(o[1]);
            out[hexCount + 1] = Integer.parseInt(o[2]) << 8 | Integer.parseInt(o[3]);
        }
        return Optional.of(out);
    }

    private static boolean isDevPath(String path) {
        if (!path.startsWith("/dev/") || path.length() > MAX_PATH) {
            return false;
        }
        for (String segment : path.substring("/dev/".length()).split("/", -1)) {
            boolean dots = segment.equals(".") || segment.equals("..");
            if (dots || !PATH_SEGMENT.matcher(segment).matches()) {
                return false;
            }
        }
        return true;
    }

    private static boolean isK8sName(String name) {
        return !name.isEmpty() && name.length() <= MAX_LABEL && K8S_NAME.matcher(name).matches();
    }
}
