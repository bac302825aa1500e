package dev.gantry.core.etcd;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The {@code ETCD_*} environment file of one etcd member: etcd reads every flag from the variable
 * of the same name ({@code ETCD_INITIAL_CLUSTER} is {@code --initial-cluster}), so one file serves
 * a systemd unit ({@code EnvironmentFile=}) and a shell start script ({@code set -a; . file}).
 *
 * <p>The quoting is the one both readers parse the same way: a value made only of letters, digits
 * and {@code _ - . / : , @ % + =} stays bare, so the usual URLs and paths read plainly; any other
 * value goes in double quotes with {@code \ " $ `} escaped by a backslash, which POSIX {@code sh}
 * and systemd both undo. (Single quotes would not do: systemd does not join {@code 'it'\''s'} back
 * into one word the way a shell does.) Control characters such as a newline are refused, since no
 * etcd flag takes them and they could forge a second variable.
 *
 * <pre>{@code
 * String text = EtcdEnvFile.of("etcd member e1, written by Gantry")
 *         .with("ETCD_NAME", "e1")
 *         .with("ETCD_DATA_DIR", "/var/lib/etcd data")
 *         .render();
 * // # etcd member e1, written by Gantry
 * // ETCD_NAME=e1
 * // ETCD_DATA_DIR="/var/lib/etcd data"
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class EtcdEnvFile {

    private static final Pattern NAME = Pattern.compile("ETCD_[A-Z0-9_]+");
    private static final Pattern BARE = Pattern.compile("[A-Za-z0-9_\\-./:,@%+=]+");
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}]");

    private final List<String> comments;
    private final Map<String, String> variables;

    private EtcdEnvFile(List<String> comments, Map<String, String> variables) {
        this.comments = List.copyOf(comments);
        this.variables = new LinkedHashMap<>(variables);
    }

    /**
     * Creates an empty file that starts with comment lines.
     *
     * @param comments the lines of the leading comment, without {@code #}; none may hold a line break
     * @return the file
     */
    public static EtcdEnvFile of(String... comments) {
        for (String comment : comments) {
            if (CONTROL.matcher(Objects.requireNonNull(comment, "comment")).find()) {
                throw new IllegalArgumentException("a comment line of an etcd environment file cannot hold control"
                        + " characters such as a line break, got: " + comment.replaceAll("\\p{Cntrl}", "?"));
            }
        }
        return new EtcdEnvFile(List.of(comments), Map.of());
    }

    /**
     * Returns a copy with one more variable, or with a new value for one already set (it keeps its place).
     *
     * @param name the variable, {@code ETCD_} and upper-case letters, digits or {@code _}
     * @param value its value; any text without control characters
     * @return the copy
     * @throws IllegalArgumentException naming the variable when the name is not an etcd variable or
     *     the value holds a control character
     */
    public EtcdEnvFile with(String name, String value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("an etcd variable must look like ETCD_INITIAL_CLUSTER, got '" + name + "'");
        }
        if (CONTROL.matcher(value).find()) {
            throw new IllegalArgumentException(name + " cannot hold control characters such as a line break; no etcd"
                    + " flag takes them");
        }
        Map<String, String> copy = new LinkedHashMap<>(variables);
        copy.put(name, value);
        return new EtcdEnvFile(comments, copy);
    }

    /**
     * Returns the variables in the order they were first set.
     *
     * @return the names and their unquoted values
     */
    public Map<String, String> variables() {
        return Collections.unmodifiableMap(variables);
    }

    /**
     * Renders the file: the comment lines, then one {@code NAME=value} line per variable, quoted as
     * described above, ending with a line break.
     *
     * @return the file's text
     */
    public String render() {
        List<String> lines = new ArrayList<>();
        comments.forEach(c -> lines.add(c.isEmpty() ? "#" : "# " + c));
        variables.forEach((name, value) -> lines.add(name + "=" + quote(value)));
        return String.join("\n", lines) + "\n";
    }

    /** Quotes one value so that {@code sh} and systemd read it back unchanged. */
    static String quote(String value) {
        if (BARE.matcher(value).matches()) {
            return value;
        }
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            if (c == '\\' || c == '"' || c == '$' || c == '`') {
                quoted.append('\\');
            }
            quoted.append(c);
        }
        return quoted.append('"').toString();
    }

    /**
     * Renders the file, as {@link #render()} does.
     *
     * @return the file's text
     */
    @Override
    public String toString() {
        return render();
    }
}
