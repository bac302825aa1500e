package dev.gantry.health.sidecar;

import dev.gantry.core.GantryException;
import dev.gantry.core.ParseException;
import dev.gantry.core.Secret;
import dev.gantry.health.HttpEndpoint;
import dev.gantry.health.TlsSettings;
import dev.gantry.health.sync.JsonSourceSpec;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the sidecar's command line into {@link SidecarOptions}: first the flags and their values,
 * then each value into its type, then the rules between flags. Every problem becomes a
 * {@link ParseException} whose problem is one line naming the flag and what was expected.
 */
final class SidecarArguments {

    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h)");
    private static final Pattern HOST_PORT = Pattern.compile("(?:\\[([0-9A-Fa-f:.]+)]|([^:\\[\\]]+)):(\\d{1,5})");
    private static final int MAX_SHOWN = 80;

    /** One value given on the command line: which flag, the value, and where. */
    private record Given(SidecarFlag flag, String value, int position, String argument) {
    }

    private final Map<String, String> environment;
    private final Map<SidecarFlag, List<Given>> given = new EnumMap<>(SidecarFlag.class);

    SidecarArguments(List<String> arguments, Map<String, String> environment) {
        Objects.requireNonNull(arguments, "arguments");
        this.environment = Objects.requireNonNull(environment, "environment");
        split(List.copyOf(arguments));
    }

    SidecarOptions options() {
        SourceFamily source = family(required(SidecarFlag.SOURCE, "one of " + SourceFamily.all()));
        Optional<JsonSourceSpec> json = jsonSpec(source);
        Duration timeout = one(SidecarFlag.TIMEOUT).map(this::duration).orElse(HttpEndpoint.DEFAULT_TIMEOUT);
        HttpEndpoint node = nodeEndpoint(timeout);
        List<HttpEndpoint> references = referenceEndpoints(timeout);
        SidecarOptions options = new SidecarOptions(source, node, references, json, listen(),
                one(SidecarFlag.INTERVAL).map(this::duration).orElse(SidecarOptions.DEFAULT_INTERVAL), timeout,
                one(SidecarFlag.RISE).map(g -> (int) atLeast(g, 1)).orElse(SidecarOptions.DEFAULT_RISE),
                one(SidecarFlag.FALL).map(g -> (int) atLeast(g, 1)).orElse(SidecarOptions.DEFAULT_FALL),
                optionalLong(SidecarFlag.MAX_LAG), optionalLong(SidecarFlag.RESUME_LAG),
                one(SidecarFlag.EXPECTED_BLOCK_INTERVAL).map(this::duration),
                one(SidecarFlag.MAX_STALL).map(this::duration), minPeers());
        checkLagBand(options);
        return options;
    }

    private void split(List<String> arguments) {
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            int position = i + 1;
            if (!argument.startsWith("--")) {
                throw fail(position, argument, "unexpected argument " + shown(argument)
                        + "; every argument is a --flag (run with --help to list them)");
            }
            int equals = argument.indexOf('=');
            String name = equals < 0 ? argument : argument.substring(0, equals);
            SidecarFlag flag = SidecarFlag.named(name).orElseThrow(() -> fail(position, name,
                    "unknown flag " + shown(name) + hint(name) + " (run with --help to list the flags)"));
            String value;
            if (!flag.takesValue()) {
                if (equals >= 0) {
                    throw fail(position, argument, flag.flag() + " takes no value");
                }
                value = "";
            } else if (equals >= 0) {
                value = argument.substring(equals + 1);
            } else if (i + 1 < arguments.size() && !arguments.get(i + 1).startsWith("--")) {
                value = arguments.get(++i);
            } else {
                throw fail(position, argument, flag.flag() + " needs a value: " + flag.metavar());
            }
            add(new Given(flag, value, position, argument));
        }
    }

    private void add(Given value) {
        List<Given> values = given.computeIfAbsent(value.flag(), flag -> new ArrayList<>());
        if (!values.isEmpty() && !value.flag().repeatable()) {
            throw fail(value, value.flag().flag() + " is given twice (first at argument " + values.get(0).position()
                    + "); only --reference may repeat");
        }
        values.add(value);
    }

    private Optional<Given> one(SidecarFlag flag) {
        List<Given> values = given.getOrDefault(flag, List.of());
        return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    private Given required(SidecarFlag flag, String expected) {
        return one(flag).orElseThrow(() -> ParseException.of(SidecarOptions.SOURCE,
                flag.flag() + " is required: " + expected));
    }

    private SourceFamily family(Given value) {
        return SourceFamily.of(value.value()).orElseThrow(() -> fail(value,
                "--source expects one of " + SourceFamily.all() + " but was " + shown(value.value())));
    }

    private HttpEndpoint nodeEndpoint(Duration timeout) {
        Given url = required(SidecarFlag.URL, "the node's RPC URL, e.g. --url http://127.0.0.1:9332");
        HttpEndpoint endpoint = endpoint(url).withTimeout(timeout);
        endpoint = withBasicAuth(endpoint, SidecarFlag.RPC_USER, SidecarFlag.RPC_PASSWORD_ENV);
        Optional<Secret> token = one(SidecarFlag.BEARER_TOKEN_ENV).map(this::secret);
        return withTls(token.isPresent() ? endpoint.withBearerToken(token.get()) : endpoint);
    }

    /** The node's TLS from --cacert, --cert and --key, read and checked now so a wrong file fails at start. */
    private HttpEndpoint withTls(HttpEndpoint endpoint) {
        Optional<Given> ca = one(SidecarFlag.CACERT);
        Optional<Given> cert = one(SidecarFlag.CERT);
        Optional<Given> key = one(SidecarFlag.KEY);
        Optional<Given> first = ca.or(() -> cert).or(() -> key);
        if (first.isEmpty()) {
            return endpoint;
        }
        if (!"https".equals(endpoint.url().getScheme())) {
            throw fail(first.get(), first.get().flag().flag() + " applies to an https --url, but the URL is "
                    + endpoint.url().getScheme());
        }
        if (cert.isPresent() != key.isPresent()) {
            Given given = cert.isPresent() ? cert.get() : key.get();
            throw fail(given, "--cert and --key go together: give the client certificate and its key");
        }
        TlsSettings tls = endpoint.tls();
        if (ca.isPresent()) {
            tls = tlsFrom(ca.get(), tls, settings -> settings.withCaBundle(Path.of(ca.get().value())));
        }
        if (cert.isPresent()) {
            tls = tlsFrom(cert.get(), tls, settings -> settings.withClientCertificate(Path.of(cert.get().value()),
                    Path.of(key.get().value())));
        }
        return endpoint.withTls(tls);
    }

    private TlsSettings tlsFrom(Given given, TlsSettings tls, UnaryOperator<TlsSettings> with) {
        try {
            return with.apply(tls);
        } catch (GantryException | IllegalArgumentException e) {
            throw fail(given, given.flag().flag() + ": " + oneLine(e.getMessage()));
        }
    }

    private List<HttpEndpoint> referenceEndpoints(Duration timeout) {
        List<HttpEndpoint> references = new ArrayList<>();
        Optional<Secret> token = one(SidecarFlag.REFERENCE_BEARER_TOKEN_ENV).map(this::secret);
        for (Given url : given.getOrDefault(SidecarFlag.REFERENCE, List.of())) {
            HttpEndpoint endpoint = endpoint(url).withTimeout(timeout);
            endpoint = withBasicAuth(endpoint, SidecarFlag.REFERENCE_RPC_USER, SidecarFlag.REFERENCE_RPC_PASSWORD_ENV);
            references.add(token.isPresent() ? endpoint.withBearerToken(token.get()) : endpoint);
        }
        if (references.isEmpty()) {
            for (SidecarFlag flag : List.of(SidecarFlag.REFERENCE_RPC_USER, SidecarFlag.REFERENCE_RPC_PASSWORD_ENV,
                    SidecarFlag.REFERENCE_BEARER_TOKEN_ENV)) {
                Optional<Given> orphan = one(flag);
                if (orphan.isPresent()) {
                    throw fail(orphan.get(), flag.flag() + " applies to references, but no --reference is given");
                }
            }
        }
        return references;
    }

    private HttpEndpoint endpoint(Given url) {
        try {
            return HttpEndpoint.of(url.value());
        } catch (IllegalArgumentException e) {
            throw fail(url, url.flag().flag() + " expects an http or https URL such as http://127.0.0.1:9332 but was "
                    + shown(url.value()) + " (" + oneLine(e.getMessage()) + ")");
        }
    }

    private HttpEndpoint withBasicAuth(HttpEndpoint endpoint, SidecarFlag userFlag, SidecarFlag passwordFlag) {
        Optional<Given> user = one(userFlag);
        Optional<Given> password = one(passwordFlag);
        if (user.isPresent() && password.isEmpty()) {
            throw fail(user.get(), userFlag.flag() + " needs " + passwordFlag.flag()
                    + " VAR, the environment variable that holds the password");
        }
        if (password.isPresent() && user.isEmpty()) {
            throw fail(password.get(), passwordFlag.flag() + " needs " + userFlag.flag() + " USER");
        }
        if (user.isEmpty()) {
            return endpoint;
        }
        if (user.get().value().isEmpty()) {
            throw fail(user.get(), userFlag.flag() + " expects a user name but was empty");
        }
        return endpoint.withBasicAuth(user.get().value(), secret(password.get()));
    }

    private Secret secret(Given variable) {
        String name = variable.value();
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw fail(variable, variable.flag().flag() + " expects the NAME of an environment variable, such as"
                    + " RPC_PASSWORD, but was " + shown(name.length() > 3 ? name.substring(0, 3) + "…" : name)
                    + " (never put the secret itself on the command line)");
        }
        String value = environment.get(name);
        if (value == null || value.isEmpty()) {
            throw fail(variable, variable.flag().flag() + " names the environment variable " + name + ", which is "
                    + (value == null ? "not set" : "empty") + "; export it with the secret before starting");
        }
        return Secret.of(value);
    }

    private InetSocketAddress listen() {
        Optional<Given> value = one(SidecarFlag.LISTEN);
        String text = value.map(Given::value).orElse(SidecarOptions.DEFAULT_LISTEN);
        Matcher matcher = HOST_PORT.matcher(text);
        String expected = "--listen expects HOST:PORT such as 127.0.0.1:8080, 0.0.0.0:8080 or [::1]:8080 but was ";
        if (!matcher.matches()) {
            throw fail(value.orElseThrow(), expected + shown(text));
        }
        int port = Integer.parseInt(matcher.group(3));
        if (port > 65_535) {
            throw fail(value.orElseThrow(), "--listen port must be between 0 and 65535 but was " + port);
        }
        String host = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            throw fail(value.orElseThrow(), "--listen host " + shown(host) + " is not a known address of this"
                    + " machine; use an IP address such as 127.0.0.1 or 0.0.0.0");
        }
        return address;
    }

    private Optional<JsonSourceSpec> jsonSpec(SourceFamily source) {
        if (source != SourceFamily.JSON) {
            for (SidecarFlag flag : SidecarFlag.values()) {
                Optional<Given> misplaced = flag.jsonOnly() ? one(flag) : Optional.empty();
                if (misplaced.isPresent()) {
                    throw fail(misplaced.get(), flag.flag() + " applies only to --source json, not --source "
                            + source.flagValue());
                }
            }
            return Optional.empty();
        }
        Given height = one(SidecarFlag.HEIGHT_POINTER).orElseThrow(() -> ParseException.of(SidecarOptions.SOURCE,
                "--height-pointer is required with --source json: the JSON Pointer to the node's height,"
                        + " e.g. --height-pointer /result/sync_info/latest_block_height"));
        String path = one(SidecarFlag.PATH).map(Given::value).orElse("/");
        Optional<Given> body = one(SidecarFlag.BODY);
        JsonSourceSpec.Request request = jsonRequest(path, body);
        JsonSourceSpec spec = json(height, request::height);
        spec = withPointer(spec, SidecarFlag.NETWORK_HEIGHT_POINTER, spec::withNetworkHeight);
        spec = withPointer(spec, SidecarFlag.SYNCING_POINTER, spec::withSyncing);
        spec = withPointer(spec, SidecarFlag.PEERS_POINTER, spec::withPeers);
        return Optional.of(withPointer(spec, SidecarFlag.TIP_TIME_POINTER, spec::withTipTime));
    }

    private JsonSourceSpec.Request jsonRequest(String path, Optional<Given> body) {
        try {
            return body.isPresent() ? JsonSourceSpec.post(path, body.get().value()) : JsonSourceSpec.get(path);
        } catch (IllegalArgumentException e) {
            Given at = body.isPresent() ? body.get() : one(SidecarFlag.PATH).orElseThrow();
            throw fail(at, at.flag().flag() + ": " + oneLine(e.getMessage()));
        }
    }

    private JsonSourceSpec withPointer(JsonSourceSpec spec, SidecarFlag flag, Function<String, JsonSourceSpec> with) {
        Optional<Given> pointer = one(flag);
        return pointer.isPresent() ? json(pointer.get(), with) : spec;
    }

    private JsonSourceSpec json(Given pointer, Function<String, JsonSourceSpec> with) {
        try {
            return with.apply(pointer.value());
        } catch (IllegalArgumentException e) {
            throw fail(pointer, pointer.flag().flag() + ": " + oneLine(e.getMessage()));
        }
    }

    private Duration duration(Given value) {
        Matcher matcher = DURATION.matcher(value.value());
        if (!matcher.matches()) {
            throw fail(value, value.flag().flag() + " expects a duration such as 500ms, 1s, 2m or 1h but was "
                    + shown(value.value()));
        }
        long amount = Long.parseLong(matcher.group(1));
        Duration duration = switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
        if (duration.isZero()) {
            throw fail(value, value.flag().flag() + " must be longer than zero but was " + shown(value.value()));
        }
        return duration;
    }

    private OptionalLong optionalLong(SidecarFlag flag) {
        Optional<Given> value = one(flag);
        return value.isPresent() ? OptionalLong.of(atLeast(value.get(), 0)) : OptionalLong.empty();
    }

    private OptionalInt minPeers() {
        Optional<Given> value = one(SidecarFlag.MIN_PEERS);
        return value.isPresent() ? OptionalInt.of((int) atLeast(value.get(), 0)) : OptionalInt.empty();
    }

    private long atLeast(Given value, long minimum) {
        long number;
        try {
            number = Long.parseLong(value.value());
        } catch (NumberFormatException e) {
            number = Long.MIN_VALUE;
        }
        long max = value.flag() == SidecarFlag.MAX_LAG || value.flag() == SidecarFlag.RESUME_LAG
                ? Long.MAX_VALUE : Integer.MAX_VALUE;
        if (number < minimum || number > max) {
            throw fail(value, value.flag().flag() + " expects a whole number >= " + minimum + " but was "
                    + shown(value.value()));
        }
        return number;
    }

    private void checkLagBand(SidecarOptions options) {
        try {
            options.syncCheck();
        } catch (IllegalStateException e) {
            Given at = one(SidecarFlag.RESUME_LAG).or(() -> one(SidecarFlag.MAX_LAG))
                    .or(() -> one(SidecarFlag.EXPECTED_BLOCK_INTERVAL)).orElseThrow(() -> e);
            throw fail(at, at.flag().flag() + ": " + oneLine(e.getMessage()));
        }
    }

    private static ParseException fail(Given at, String problem) {
        // The value of a flag that names a secret's variable is not echoed: it may be the secret, given by mistake.
        return fail(at.position(), at.flag().metavar().equals("VAR") ? at.flag().flag() : at.argument(), problem);
    }

    private static String hint(String unknown) {
        return unknown.contains("password") || unknown.contains("token")
                ? "; secrets come only from the environment: name the variable with --rpc-password-env or"
                        + " --bearer-token-env"
                : "";
    }

    private static ParseException fail(int position, String argument, String problem) {
        return new ParseException(SidecarOptions.SOURCE, position, argument, problem);
    }

    /** Quotes a value for a one-line message: control characters escaped, long values cut. */
    static String shown(String value) {
        String flat = value.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")
                .replaceAll("\\p{Cntrl}", "?");
        return "\"" + (flat.length() <= MAX_SHOWN ? flat : flat.substring(0, MAX_SHOWN) + "…") + "\"";
    }

    private static String oneLine(String text) {
        return String.valueOf(text).replaceAll("[\\r\\n\\t]+", " ").strip();
    }
}
