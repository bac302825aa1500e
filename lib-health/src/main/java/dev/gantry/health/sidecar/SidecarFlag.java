package dev.gantry.health.sidecar;

import java.util.Arrays;
import java.util.Optional;

/** Every flag of the sidecar, with the text {@code --help} prints for it. */
enum SidecarFlag {
    SOURCE("--source", "FAMILY", "the node family, one of: " + SourceFamily.all() + ". Required"),
    URL("--url", "URL", "the node's RPC base URL, http or https, e.g. http://127.0.0.1:9332. Required"),
    RPC_USER("--rpc-user", "USER", "basic-auth user of the node's RPC; needs --rpc-password-env"),
    RPC_PASSWORD_ENV("--rpc-password-env", "VAR",
            "name of the environment variable holding the RPC password (the password itself is never a flag)"),
    BEARER_TOKEN_ENV("--bearer-token-env", "VAR",
            "name of the environment variable holding a token sent as 'Authorization: Bearer'"),
    CACERT("--cacert", "FILE", "PEM CA bundle that signed the node's https certificate, instead of the JDK's"
            + " trust store (like etcdctl --cacert). Host names are always checked"),
    CERT("--cert", "FILE", "PEM client certificate shown to the node (mutual TLS, like etcdctl --cert); needs --key"),
    KEY("--key", "FILE", "unencrypted PEM private key of --cert (PKCS#8, PKCS#1 or SEC1); read once, never printed"),
    REFERENCE("--reference", "URL", "a reference node of the same family; the highest height of the node's own"
            + " view and every reference is the network height. Repeat for more references. Default: none"),
    REFERENCE_RPC_USER("--reference-rpc-user", "USER",
            "basic-auth user of every reference; needs --reference-rpc-password-env. Default: no credentials"),
    REFERENCE_RPC_PASSWORD_ENV("--reference-rpc-password-env", "VAR",
            "name of the environment variable holding the references' RPC password"),
    REFERENCE_BEARER_TOKEN_ENV("--reference-bearer-token-env", "VAR",
            "name of the environment variable holding a bearer token for every reference"),
    LISTEN("--listen", "HOST:PORT", "where to serve /healthcheck, /readyz, /livez and /metrics; IPv6 as"
            + " [::1]:8080; port 0 picks a free port. Use 0.0.0.0:8080 in a container. Default "
            + SidecarOptions.DEFAULT_LISTEN),
    INTERVAL("--interval", "DURATION", "how often the node and its references are read. Default "
            + SidecarOptions.DEFAULT_INTERVAL.toSeconds() + "s"),
    TIMEOUT("--timeout", "DURATION", "deadline of one RPC call to the node or a reference. Default 2s"),
    MAX_LAG("--max-lag", "BLOCKS", "lag above which the node is not ready (SYNC-LAGGING). Default 3, or one"
            + " minute of blocks (at least 3) with --expected-block-interval"),
    RESUME_LAG("--resume-lag", "BLOCKS",
            "lag at or below which a lagging node is ready again; at most --max-lag. Default 0"),
    EXPECTED_BLOCK_INTERVAL("--expected-block-interval", "DURATION", "the chain's average block time, e.g. 10m"
            + " for Bitcoin; derives --max-stall (one false alarm in 30 days) and the default --max-lag"),
    MAX_STALL("--max-stall", "DURATION", "longest time the height may stay put before SYNC-STALLED. Default:"
            + " derived from --expected-block-interval, else stalls are not judged"),
    MIN_PEERS("--min-peers", "N", "fewest peers of a ready node, judged when the node reports peers;"
            + " 0 turns the rule off. Default 1"),
    RISE("--rise", "N", "consecutive ready results before /healthcheck turns 200. Default "
            + SidecarOptions.DEFAULT_RISE),
    FALL("--fall", "N", "consecutive not-ready results before /healthcheck turns 503. Default "
            + SidecarOptions.DEFAULT_FALL),
    PATH("--path", "PATH", "json only: the path of the call, relative to --url. Default /", true),
    BODY("--body", "JSON", "json only: a JSON body to POST, e.g. a JSON-RPC request. Default: a GET", true),
    HEIGHT_POINTER("--height-pointer", "POINTER",
            "json only: JSON Pointer (RFC 6901) to the node's height, e.g. /result/height. Required with json", true),
    NETWORK_HEIGHT_POINTER("--network-height-pointer", "POINTER",
            "json only: JSON Pointer to the network height the node knows of", true),
    SYNCING_POINTER("--syncing-pointer", "POINTER",
            "json only: JSON Pointer to a boolean that is true while the node syncs", true),
    PEERS_POINTER("--peers-pointer", "POINTER", "json only: JSON Pointer to the peer count or peer list", true),
    TIP_TIME_POINTER("--tip-time-pointer", "POINTER",
            "json only: JSON Pointer to the best block's time (RFC 3339 or epoch seconds)", true),
    HELP("--help", "", "print this help and exit 0 (also -h)");

    private final String flag;
    private final String metavar;
    private final String help;
    private final boolean jsonOnly;

    SidecarFlag(String flag, String metavar, String help) {
        this(flag, metavar, help, false);
    }

    SidecarFlag(String flag, String metavar, String help, boolean jsonOnly) {
        this.flag = flag;
        this.metavar = metavar;
        this.help = help;
        this.jsonOnly = jsonOnly;
    }

    /** Returns the flag as typed, e.g. {@code --max-lag}. */
    String flag() {
        return flag;
    }

    /** Returns what the value looks like, e.g. {@code DURATION}; empty for a flag without value. */
    String metavar() {
        return metavar;
    }

    /** Returns whether the flag takes a value. */
    boolean takesValue() {
        return !metavar.isEmpty();
    }

    /** Returns whether the flag may be given more than once. */
    boolean repeatable() {
        return this == REFERENCE;
    }

    /** Returns whether the flag applies only to {@code --source json}. */
    boolean jsonOnly() {
        return jsonOnly;
    }

    /**
     * Returns the flag it names, if any.
     *
     * @param text an argument such as {@code --max-lag}
     * @return the flag it names, if any
     */
    static Optional<SidecarFlag> named(String text) {
        return Arrays.stream(values()).filter(value -> value.flag.equals(text)).findFirst();
    }

    /** Returns the whole {@code --help} text. */
    static String usage() {
        StringBuilder text = new StringBuilder()
                .append("Usage: java -cp <classpath> dev.gantry.health.sidecar.Sidecar --source FAMILY --url URL"
                        + " [flags]\n\n")
                .append("Serves /healthcheck (200 while the node is in sync, 503 while it syncs, lags, stalls,\n")
                .append("has too few peers or cannot be read), /readyz (the same), /livez (200 while the sidecar\n")
                .append("runs; never judges the sync) and /metrics for a node that has no such endpoint.\n\n")
                .append("Flags (--flag VALUE or --flag=VALUE):\n");
        for (SidecarFlag value : values()) {
            String left = "  " + value.flag + (value.takesValue() ? " " + value.metavar : "");
            text.append(String.format("%-40s %s%n", left, value.help));
        }
        return text.append("\nDURATION is a whole number with a unit: 500ms, 1s, 2m or 1h.\n")
                .append("Example:\n")
                .append("  RPC_PASSWORD=... java -cp <classpath> dev.gantry.health.sidecar.Sidecar --source bitcoin \\\n")
                .append("      --url http://127.0.0.1:8332 --rpc-user rpc --rpc-password-env RPC_PASSWORD \\\n")
                .append("      --listen 0.0.0.0:8080 --max-lag 2 --resume-lag 0 --interval 5s\n\n")
                .append("Exit codes: 0 after --help; 2 for a bad command line (one line on stderr names the flag);\n")
                .append("1 when the sidecar cannot start (e.g. the listen address is taken); 143 after SIGTERM,\n")
                .append("the JVM's code for a clean stop on a signal.\n")
                .toString();
    }
}
