package dev.gantry.core.storage;

import java.util.Objects;
import java.util.regex.Pattern;

/** Syntax checks for the names the planner puts into Kubernetes objects and LVM commands. */
final class Names {

    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern SUBDOMAIN = Pattern.compile(
            "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern POOL = Pattern.compile("[A-Za-z0-9+_.][A-Za-z0-9+_.-]*");
    private static final Pattern LABEL_VALUE = Pattern.compile("([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?");

    private Names() {}

    /** A DNS-1123 label (namespaces, claim templates): at most 63 characters. */
    static String label(String value, String what) {
        return check(value, what, LABEL, 63, "a DNS-1123 label: lower-case letters, digits and '-', "
                + "starting and ending with a letter or digit, at most 63 characters, e.g. prod");
    }

    /** A DNS-1123 subdomain (node, pod, claim and workload names): at most 253 characters. */
    static String subdomain(String value, String what) {
        return check(value, what, SUBDOMAIN, 253, "a DNS-1123 subdomain: lower-case letters, digits, '-' and"
                + " '.', at most 253 characters, e.g. worker-1");
    }

    /** An LVM volume group or device-class name: at most 127 characters. */
    static String pool(String value, String what) {
        return check(value, what, POOL, 127, "an LVM volume group name: letters, digits and + _ . -,"
                + " not starting with '-', at most 127 characters, e.g. vg0");
    }

    /** A Kubernetes label value (failure domains): at most 63 characters. */
    static String labelValue(String value, String what) {
        String checked = check(value, what, LABEL_VALUE, 63, "a label value: letters, digits, '-', '_' and"
                + " '.', starting and ending with a letter or digit, at most 63 characters, e.g. dc1-rack1");
        if (checked.isEmpty()) {
            throw new IllegalArgumentException(what + " must not be empty (expected e.g. dc1-rack1)");
        }
        return checked;
    }

    private static String check(String value, String what, Pattern pattern, int max, String expected) {
        Objects.requireNonNull(value, what);
        if (value.length() > max || !pattern.matcher(value).matches()) {
            String shown = value.length() > 80 ? value.substring(0, 80) + "…(" + value.length() + " chars)" : value;
            throw new IllegalArgumentException(what + " '" + shown + "' is not valid; expected " + expected);
        }
        return value;
    }
}
