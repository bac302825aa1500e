package dev.gantry.core.internal;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Syntax checks for the values of an inventory. Each check returns its argument when it is valid
 * and otherwise throws {@link IllegalArgumentException} with a message that quotes the value and
 * says what was expected. Nothing here resolves names or touches the network.
 */
public final class Syntax {

    /** What a machine name is expected to look like, for error messages. */
    public static final String NAME_EXPECTED = "expected lower-case letters, digits, '-' and '.', starting and"
            + " ending with a letter or digit, at most 253 characters, like cp-1 or worker-3.dc1";
    /** What a failure domain is expected to look like, for error messages. */
    public static final String DOMAIN_EXPECTED = "expected letters, digits and '.', '_', '/', ':', '-', starting and"
            + " ending with a letter or digit, at most 253 characters, like eu-west-1a or dc1-rack1";
    /** What a disk is expected to look like, for error messages. */
    public static final String DISK_EXPECTED = "expected a device name like nvme0n1 or sdb, or a /dev path like"
            + " /dev/disk/by-id/nvme-Samsung_SSD_980_S64ANS0T123456";
    /** What a label key is expected to look like, for error messages. */
    public static final String LABEL_KEY_EXPECTED = "expected a Kubernetes label key: an optional DNS prefix and '/',"
            + " then at most 63 letters, digits, '-', '_' or '.', like tier or example.com/rack";
    /** What a label value is expected to look like, for error messages. */
    public static final String LABEL_VALUE_EXPECTED = "expected a Kubernetes label value: empty, or at most 63"
            + " letters, digits, '-', '_' or '.', starting and ending with a letter or digit";
    /** What a ssh user is expected to look like, for error messages. */
    public static final String USER_EXPECTED = "expected a login name of letters, digits, '.', '_' or '-' that does"
            + " not start with '-' or '.', at most 64 characters, like ubuntu";

    private static final int MAX_DNS_NAME = 253;
    private static final int MAX_LABEL = 63;
    private static final int MAX_PATH = 255;
    private static final int MAX_USER = 64;

    private static final Pattern DNS_1123_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern DOMAIN = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9._/:]*[A-Za-z0-9])?");
    private static final Pattern DEVICE = Pattern.compile("[a-z][a-z0-9_-]{0,63}");
    private static final Pattern PATH_SEGMENT = Pattern.compile("[A-Za-z0-9._:+@=,-]+");
    private static final Pattern K8S_NAME = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?");
    private static final Pattern USER = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]*");

    private Syntax() {}

    /**
     * Checks a machine name: a DNS subdomain of lower-case labels, like {@code cp-1}.
     *
     * @param name the value
     * @return the value
     * @throws IllegalArgumentException quoting the value and saying what was expected
     */
    public static String machineName(String name) {
        if (!isDnsSubdomain(name)) {
            throw invalid(name, "machine name", NAME_EXPECTED);
        }
        return name;
    }

    /**
     * Checks a machine address: an IP literal or a DNS host name; see {@link Addresses}.
     *
     * @param address the value
     * @return the value
     * @throws IllegalArgumentException quoting the value and saying what was expected
     */
    public static String address(String address) {
        return Addresses.requireHost(address, "address");
    }

    /**
     * Checks a failure domain such as {@code eu-west-1a}.
     *
     * @param domain the value
     * @return the value
     * @throws IllegalArgumentException quoting the value and saying what was expected
     */
    public static String failureDomain(String domain) {
        if (domain.length() > MAX_DNS_NAME || !DOMAIN.matcher(domain).matches()) {
            throw invalid(domain, "failure domain", DOMAIN_EXPECTED);
        }
        return domain;
    }

    /**
     * Checks a disk: a device name such as {@code nvme0n1} or a {@code /dev} path.
     *
     * @param disk the value
     * @return the value
     * @throws IllegalArgumentException quoting the value and saying what was expected
     */
    public static String disk(String disk) {
        boolean valid = disk.startsWith("/") ? isDevPath(disk) : DEVICE.matcher(disk).matches();
        if (!valid) {
            throw invalid(disk, "disk", DISK_EXPECTED);
        }
        return disk;
    }

    /**
     * Checks a Kubernetes label key, with an optional DNS prefix.
     *
     * @param key the value
     * @return the value
     * @throws IllegalArgumentException quoting the value and saying what was expected
     */
    public static String labelKey(String key) {
        int slash = key.indexOf('/');
        String prefix = slash < 0 ? "" : key.substring(0, slash);
        String name = key.substring(slash + 1);
        boolean valid = (slash < 0 || isDnsSubdomain(prefix)) && isK8sName(name);
        if (!valid) {
            throw invalid(key, "label key", LABEL_KEY_EXPECTED);
        }
        return key;
    }

    /**
     * Checks a Kubernetes label value; empty is allowed.
     *
     * @param value the value
     * @return the value
     * @throws IllegalArgumentException quoting the value and saying what was expected
     */
    public static String labelValue(String value) {
        if (!value.isEmpty() && !isK8sName(value)) {
            throw invalid(value, "label value", LABEL_VALUE_EXPECTED);
        }
        return value;
    }

    /**
     * Checks an ssh login name such as {@code ubuntu}.
     *
     * @param user the value
     * @return the value
     * @throws IllegalArgumentException quoting the value and saying what was expected
     */
    public static String sshUser(String user) {
        if (user.length() > MAX_USER || !USER.matcher(user).matches()) {
            throw invalid(user, "ssh user", USER_EXPECTED);
        }
        return user;
    }

    /** Builds the "unknown value" error of an enumerated field, listing the valid values. */
    public static IllegalArgumentException unknown(String what, String value, List<String> valid) {
        String hint = Spelling.closest(value, valid).map(s -> "did you mean '" + s + "'? ").orElse("");
        return new IllegalArgumentException(
                "unknown " + what + " " + quoted(value) + " (" + hint + "expected " + oneOf(valid) + ")");
    }

    /** Lists choices for a message: {@code a, b or c}. */
    public static String oneOf(List<String> choices) {
        int last = choices.size() - 1;
        return last == 0 ? choices.get(0) : String.join(", ", choices.subList(0, last)) + " or " + choices.get(last);
    }

    /** Quotes a value for an error message, shortened and with control characters escaped. */
    public static String quoted(String value) {
        return "'" + Lines.shown(value) + "'";
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
