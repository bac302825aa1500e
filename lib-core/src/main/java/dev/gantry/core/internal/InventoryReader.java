package dev.gantry.core.internal;

import dev.gantry.core.GantryException;
import dev.gantry.core.Machine;
import dev.gantry.core.ParseException;
import dev.gantry.core.ProviderKind;
import dev.gantry.core.Role;
import dev.gantry.core.SshAccess;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the machines of an inventory ({@code dev.gantry.core.Inventory}) from YAML or JSON text,
 * turning every problem into a {@link ParseException} that names the source, the line, the machine
 * and the field.
 *
 * <p>Not thread-safe; one instance per document, created by {@link #parse(String, String)}.
 */
public final class InventoryReader {

    /** How deeply an inventory may nest; it needs 4: machines, a machine, its ssh or labels, their values. */
    public static final int MAX_DEPTH = 32;

    /** The largest inventory read: 4 MiB of UTF-8. */
    public static final int MAX_INPUT_BYTES = 4 * 1024 * 1024;

    private static final Logger log = LoggerFactory.getLogger(InventoryReader.class);

    static final List<String> MACHINE_FIELDS =
            List.of("name", "address", "role", "failureDomain", "provider", "ssh", "labels", "disks");
    static final List<String> SSH_FIELDS = List.of("user", "port");

    /** Words people write for a field, mapped to the field they mean. */
    private static final Map<String, String> SYNONYMS = Map.of(
            "zone", "failureDomain", "az", "failureDomain", "rack", "failureDomain",
            "ip", "address", "host", "address", "hostname", "address",
            "user", "ssh", "port", "ssh", "disk", "disks", "label", "labels");

    private static final String ROLE_EXPECTED = "expected " + Syntax.oneOf(Role.yamlNames());
    private static final String PROVIDER_EXPECTED = "expected " + Syntax.oneOf(ProviderKind.yamlNames());
    private static final String PORT_EXPECTED = "expected a port number 1..65535";
    private static final String SSH_EXPECTED = "expected a map like {user: ubuntu, port: 22}";
    private static final String LABELS_EXPECTED = "expected a map of label keys to values like {tier: masters}";
    private static final String DISKS_EXPECTED = "expected a list of disks like [nvme0n1, nvme1n1]";

    private final String source;
    private final String text;

    private InventoryReader(String source, String text) {
        this.source = source;
        this.text = text;
    }

    /**
     * Reads an inventory file, at most {@value #MAX_INPUT_BYTES} bytes of UTF-8.
     *
     * @param file the file
     * @return the machines, in file order
     * @throws ParseException naming the file, line, machine and field of the first problem
     * @throws GantryException when the file does not exist or cannot be read
     */
    public static List<Machine> load(Path file) {
        String source = file.toString();
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_INPUT_BYTES + 1);
        } catch (NoSuchFileException e) {
            throw new GantryException("inventory file " + source + " does not exist"
                    + " (expected a YAML or JSON inventory file at that path)", e);
        } catch (IOException e) {
            throw new GantryException("cannot read inventory file " + source + ": " + e, e);
        }
        if (bytes.length > MAX_INPUT_BYTES) {
            throw tooLarge(source);
        }
        return parse(decode(bytes, source), source);
    }

    /**
     * Reads an inventory from YAML or JSON text.
     *
     * @param text the document
     * @param source the name of the input for messages
     * @return the machines, in file order
     * @throws ParseException naming the source, line, machine and field of the first problem
     */
    public static List<Machine> parse(String text, String source) {
        if (text.length() > MAX_INPUT_BYTES || utf8Length(text) > MAX_INPUT_BYTES) {
            throw tooLarge(source);
        }
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        if (body.isBlank()) {
            throw ParseException.of(source, "the input is empty (expected a YAML or JSON map with a 'machines' list)");
        }
        List<Machine> machines = new InventoryReader(source, body).read();
        log.debug("Read inventory {} with {} machines", source, machines.size());
        return machines;
    }

    private List<Machine> read() {
        TreeReader reader = isJson(text) ? TreeReader.json(source, text) : TreeReader.yaml(source, text);
        Node.Sequence list = machineList(reader.withMaxDepth(MAX_DEPTH).read("a map with a 'machines' list"));
        List<Parsed> parsed = new ArrayList<>(list.items().size());
        for (int i = 0; i < list.items().size(); i++) {
            parsed.add(machine(i, list.items().get(i)));
        }
        List<Machine> machines = parsed.stream().map(Parsed::machine).collect(Collectors.toList());
        MachineDuplicate.find(machines).ifPresent(d -> {
            throw duplicate(d, parsed);
        });
        return List.copyOf(machines);
    }

    /** A document whose first non-blank character is an opening brace is JSON. */
    private static boolean isJson(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (!Character.isWhitespace(text.charAt(i))) {
                return text.charAt(i) == '{';
            }
        }
        return false;
    }

    /** A machine with the lines of its name and address, for duplicate reports. */
    private record Parsed(Machine machine, int nameLine, int addressLine) {}

    private Node.Sequence machineList(Node root) {
        if (!(root instanceof Node.Mapping top)) {
            throw error(root.line(), "expected a map with a 'machines' list at the top level but found "
                    + root.describe());
        }
        Fields fields = new Fields(top, "", List.of("machines"));
        Node.Entry entry = fields.get("machines").orElseThrow(() -> error(top.line(),
                "no 'machines' key (expected a top-level 'machines:' list of machines)"));
        if (!(entry.value() instanceof Node.Sequence list)) {
            throw error(lineOf(entry), "'machines' must be a list of machines (expected '- name: …' items)"
                    + " but found " + entry.value().describe());
        }
        return list;
    }

    private Parsed machine(int index, Node node) {
        String at = "machines[" + index + "]";
        if (!(node instanceof Node.Mapping map)) {
            throw error(node.line(), at + ": expected a map of machine fields (" + String.join(", ", MACHINE_FIELDS)
                    + ") but found " + node.describe());
        }
        String where = validName(map).map(n -> "machine '" + n + "'").orElse(at);
        Fields fields = new Fields(map, where, MACHINE_FIELDS);
        Node.Entry name = fields.required("name", Syntax.NAME_EXPECTED);
        String validName = fields.convert(name, Syntax.NAME_EXPECTED, Syntax::machineName);
        Node.Entry address = fields.required("address", Addresses.HOST_EXPECTED);
        Machine machine = new Machine(
                validName,
                fields.convert(address, Addresses.HOST_EXPECTED, Syntax::address),
                fields.convert(fields.required("role", ROLE_EXPECTED), ROLE_EXPECTED, Role::parse),
                fields.optional("failureDomain", Syntax.DOMAIN_EXPECTED, Syntax::failureDomain)
                        .orElse(Machine.UNSPECIFIED_FAILURE_DOMAIN),
                fields.optional("provider", PROVIDER_EXPECTED, ProviderKind::parse).orElse(ProviderKind.BARE_METAL),
                fields.get("ssh").map(e -> ssh(e, where)).orElse(SshAccess.ofDefaults()),
                fields.get("labels").map(e -> labels(e, where)).orElse(Map.of()),
                fields.get("disks").map(e -> disks(e, where)).orElse(List.of()));
        return new Parsed(machine, lineOf(name), lineOf(address));
    }

    private static Optional<String> validName(Node.Mapping map) {
        return map.entries().stream()
                .filter(e -> e.key().equals("name") && e.value() instanceof Node.Scalar)
                .map(e -> ((Node.Scalar) e.value()).text())
                .findFirst()
                .filter(n -> isValid(n, Syntax::machineName));
    }

    private SshAccess ssh(Node.Entry entry, String where) {
        Fields ssh = new Fields(mapping(entry, where, SSH_EXPECTED), where, "ssh.", SSH_FIELDS);
        String user = ssh.optional("user", Syntax.USER_EXPECTED, Syntax::sshUser).orElse(SshAccess.DEFAULT_USER);
        int port = ssh.optional("port", PORT_EXPECTED, InventoryReader::port).orElse(SshAccess.DEFAULT_PORT);
        return SshAccess.of(user, port);
    }

    private static int port(String text) {
        if (text.isEmpty() || text.length() > 5 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException(Syntax.quoted(text) + " is not a port number (" + PORT_EXPECTED + ")");
        }
        int port = Integer.parseInt(text);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is out of range (" + PORT_EXPECTED + ")");
        }
        return port;
    }

    private Map<String, String> labels(Node.Entry entry, String where) {
        Fields labels = new Fields(mapping(entry, where, LABELS_EXPECTED), where, "labels.", List.of());
        Map<String, String> out = new LinkedHashMap<>();
        for (Node.Entry label : labels.entries()) {
            String field = "labels." + label.key();
            check(where, field, lineOf(label), () -> Syntax.labelKey(label.key()));
            out.put(label.key(), labels.convert(label, "expected a single label value like masters",
                    Syntax::labelValue));
        }
        return out;
    }

    private List<String> disks(Node.Entry entry, String where) {
        if (!(entry.value() instanceof Node.Sequence list)) {
            throw fieldError(where, "disks", lineOf(entry), DISKS_EXPECTED + " but found " + entry.value().describe());
        }
        List<String> disks = new ArrayList<>();
        for (int i = 0; i < list.items().size(); i++) {
            Node item = list.items().get(i);
            String field = "disks[" + i + "]";
            if (!(item instanceof Node.Scalar disk)) {
                throw fieldError(where, field, item.line(), Syntax.DISK_EXPECTED + " but found " + item.describe());
            }
            check(where, field, disk.line(), () -> Syntax.disk(disk.text()));
            int first = disks.indexOf(disk.text());
            if (first >= 0) {
                throw fieldError(where, field, disk.line(), "disk " + Syntax.quoted(disk.text())
                        + " is already listed as disks[" + first + "] (expected each disk once)");
            }
            disks.add(disk.text());
        }
        return disks;
    }

    private Node.Mapping mapping(Node.Entry entry, String where, String expected) {
        if (!(entry.value() instanceof Node.Mapping map)) {
            throw fieldError(where, entry.key(), lineOf(entry), expected + " but found " + entry.value().describe());
        }
        return map;
    }

    private ParseException duplicate(MachineDuplicate d, List<Parsed> parsed) {
        boolean name = d.what().equals("machine name");
        Parsed first = parsed.get(d.first());
        Parsed second = parsed.get(d.second());
        int firstLine = name ? first.nameLine() : first.addressLine();
        int secondLine = name ? second.nameLine() : second.addressLine();
        String where = name ? "machines[" + d.second() + "]" : "machine '" + second.machine().name() + "'";
        String other = name ? "machines[" + d.first() + "]" : "machine '" + first.machine().name() + "'";
        return error(secondLine, where + ": field '" + (name ? "name" : "address") + "': duplicate " + d.what()
                + " " + Syntax.quoted(d.value()) + ", already used by " + other + at(firstLine)
                + " (expected each machine to have its own " + d.what() + ")");
    }

    private void check(String where, String field, int line, Runnable validation) {
        try {
            validation.run();
        } catch (IllegalArgumentException e) {
            throw fieldError(where, field, line, e.getMessage(), e);
        }
    }

    private ParseException fieldError(String where, String field, int line, String problem) {
        return fieldError(where, field, line, problem, null);
    }

    private ParseException fieldError(String where, String field, int line, String problem, Throwable cause) {
        return ParseException.atLine(source, text, line, where + ": field '" + field + "': " + problem, cause);
    }

    private ParseException error(int line, String problem) {
        return ParseException.atLine(source, text, line, problem, null);
    }

    private static ParseException tooLarge(String source) {
        return ParseException.of(source, "the input is larger than 4 MiB (" + MAX_INPUT_BYTES
                + " bytes), the most an inventory may have (expected a smaller file; split it if need be)");
    }

    private static String decode(byte[] bytes, String source) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ParseException(source, 0, "", "the file is not valid UTF-8 text"
                    + " (expected a UTF-8 YAML or JSON inventory)", e);
        }
    }

    private static long utf8Length(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
        }
        return bytes;
    }

    private static int lineOf(Node.Entry entry) {
        return entry.value().line() > 0 ? entry.value().line() : entry.line();
    }

    private static String at(int line) {
        return line > 0 ? " at line " + line : "";
    }

    private static boolean isValid(String value, Function<String, ?> check) {
        try {
            check.apply(value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * The keys of one map of the document, checked for duplicates and unknown keys, with the
     * context ("machine 'cp-1'", a field prefix such as "ssh.") for error messages.
     */
    private final class Fields {

        private final Node.Mapping map;
        private final String where;
        private final String prefix;
        private final Map<String, Node.Entry> byKey = new LinkedHashMap<>();

        Fields(Node.Mapping map, String where, List<String> known) {
            this(map, where, "", known);
        }

        Fields(Node.Mapping map, String where, String prefix, List<String> known) {
            this.map = map;
            this.where = where;
            this.prefix = prefix;
            for (Node.Entry entry : map.entries()) {
                Node.Entry earlier = byKey.putIfAbsent(entry.key(), entry);
                if (earlier != null) {
                    throw error(entry.line(), context() + "field '" + prefix + entry.key() + "' appears twice"
                            + " (at lines " + earlier.line() + " and " + entry.line() + "; expected each key once)");
                }
                if (!known.isEmpty() && !known.contains(entry.key())) {
                    throw error(entry.line(), context() + unknown(entry.key(), known));
                }
            }
        }

        List<Node.Entry> entries() {
            return map.entries();
        }

        Optional<Node.Entry> get(String key) {
            return Optional.ofNullable(byKey.get(key));
        }

        Node.Entry required(String key, String expected) {
            return get(key).orElseThrow(() -> error(map.line(),
                    context() + "missing required field '" + prefix + key + "' (" + expected + ")"));
        }

        <T> Optional<T> optional(String key, String expected, Function<String, T> parse) {
            return get(key).map(entry -> convert(entry, expected, parse));
        }

        <T> T convert(Node.Entry entry, String expected, Function<String, T> parse) {
            String field = prefix + entry.key();
            if (!(entry.value() instanceof Node.Scalar scalar)) {
                throw fieldError(where, field, lineOf(entry), expected + " but found " + entry.value().describe());
            }
            try {
                return parse.apply(scalar.text());
            } catch (IllegalArgumentException e) {
                throw fieldError(where, field, lineOf(entry), e.getMessage(), e);
            }
        }

        private String context() {
            return where.isEmpty() ? "" : where + ": ";
        }

        private String unknown(String key, List<String> known) {
            String field = prefix + key;
            Optional<String> guess = Spelling.closest(key, known)
                    .or(() -> Optional.ofNullable(SYNONYMS.get(key)).filter(known::contains));
            String hint = key.equals("<<") ? "YAML merge keys are not supported; "
                    : guess.map(g -> "did you mean '" + prefix + g + "'? ").orElse("");
            String scope = prefix.isEmpty() && known.size() == 1 ? "top-level key" : "field";
            return "unknown " + scope + " '" + Lines.shown(field) + "' (" + hint + "expected "
                    + (known.size() == 1 ? "only '" + known.get(0) + "'" : "one of " + String.join(", ", known))
                    + ")";
        }
    }
}
