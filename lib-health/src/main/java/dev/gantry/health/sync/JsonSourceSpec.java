package dev.gantry.health.sync;

import dev.gantry.health.HttpEndpoint;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where a node that no built-in source knows keeps its sync signals: one HTTP call and the
 * JSON Pointers (RFC 6901) of the values in its answer. For {@link SyncSource#json(HttpEndpoint, JsonSourceSpec)}.
 *
 * <pre>{@code
 * JsonSourceSpec cometbft = JsonSourceSpec.get("/status")
 *         .height("/result/sync_info/latest_block_height")
 *         .withSyncing("/result/sync_info/catching_up")
 *         .withTipTime("/result/sync_info/latest_block_time");
 * JsonSourceSpec geth = JsonSourceSpec.post("/", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_blockNumber\",\"params\":[]}")
 *         .height("/result");
 * }</pre>
 *
 * <p>Heights and peers may be JSON numbers, decimal strings ({@code "1262196"}, as CometBFT and
 * the Beacon API send) or 0x-hex strings ({@code "0x1b4"}, as Ethereum sends); peers may also
 * be an array, whose elements are counted. The syncing flag must be a JSON boolean. The tip
 * time may be an RFC 3339 string or whole seconds since the epoch. The pointer {@code ""} is the
 * whole answer. Pointers are checked here, so a typo fails at construction with an
 * {@link IllegalArgumentException} naming it. Immutable and thread-safe.
 *
 * @param method {@code GET} or {@code POST}
 * @param path the path of the call, relative to the endpoint's URL
 * @param body the JSON body a {@code POST} sends; empty for a {@code GET}
 * @param height the pointer to the node's height
 * @param networkHeight the pointer to the network height the node knows of, if it reports one
 * @param syncing the pointer to the node's syncing flag, if it has one; without it the node is
 *     reported as not syncing
 * @param peers the pointer to the node's peer count or peer list, if it reports one
 * @param tipTime the pointer to the time of the node's best block, if it reports one
 */
public record JsonSourceSpec(String method, String path, Optional<String> body, String height,
        Optional<String> networkHeight, Optional<String> syncing, Optional<String> peers, Optional<String> tipTime) {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    /** Validates the call and every pointer. */
    public JsonSourceSpec {
        new Request(method, path, body);
        pointer("height", height);
        Objects.requireNonNull(networkHeight, "networkHeight").ifPresent(p -> pointer("networkHeight", p));
        Objects.requireNonNull(syncing, "syncing").ifPresent(p -> pointer("syncing", p));
        Objects.requireNonNull(peers, "peers").ifPresent(p -> pointer("peers", p));
        Objects.requireNonNull(tipTime, "tipTime").ifPresent(p -> pointer("tipTime", p));
    }

    /**
     * Starts a spec that GETs {@code path}; name the height next.
     *
     * @param path the path relative to the endpoint's URL, e.g. {@code /status}
     * @return the call, to which {@link Request#height(String)} adds the height's pointer
     */
    public static Request get(String path) {
        return new Request("GET", path, Optional.empty());
    }

    /**
     * Starts a spec that POSTs a JSON body to {@code path}; name the height next.
     *
     * @param path the path relative to the endpoint's URL, e.g. {@code /}
     * @param jsonBody the JSON to send, e.g. a JSON-RPC request
     * @return the call, to which {@link Request#height(String)} adds the height's pointer
     * @throws IllegalArgumentException if the body is not JSON
     */
    public static Request post(String path, String jsonBody) {
        return new Request("POST", path, Optional.of(Objects.requireNonNull(jsonBody, "jsonBody")));
    }

    /**
     * Returns a copy that reads it.
     *
     * @param pointer the pointer to the network height the node knows of
     * @return a copy that reads it
     * @throws IllegalArgumentException if the pointer is not an RFC 6901 JSON Pointer
     */
    public JsonSourceSpec withNetworkHeight(String pointer) {
        return new JsonSourceSpec(method, path, body, height, Optional.of(given(pointer)), syncing, peers,
                tipTime);
    }

    /**
     * Returns a copy that reads it.
     *
     * @param pointer the pointer to the node's syncing flag, a JSON boolean
     * @return a copy that reads it
     * @throws IllegalArgumentException if the pointer is not an RFC 6901 JSON Pointer
     */
    public JsonSourceSpec withSyncing(String pointer) {
        return new JsonSourceSpec(method, path, body, height, networkHeight, Optional.of(given(pointer)), peers,
                tipTime);
    }

    /**
     * Returns a copy that reads it.
     *
     * @param pointer the pointer to the node's peer count, or to its list of peers
     * @return a copy that reads it
     * @throws IllegalArgumentException if the pointer is not an RFC 6901 JSON Pointer
     */
    public JsonSourceSpec withPeers(String pointer) {
        return new JsonSourceSpec(method, path, body, height, networkHeight, syncing, Optional.of(given(pointer)),
                tipTime);
    }

    /**
     * Returns a copy that reads it.
     *
     * @param pointer the pointer to the time of the node's best block
     * @return a copy that reads it
     * @throws IllegalArgumentException if the pointer is not an RFC 6901 JSON Pointer
     */
    public JsonSourceSpec withTipTime(String pointer) {
        return new JsonSourceSpec(method, path, body, height, networkHeight, syncing, peers,
                Optional.of(given(pointer)));
    }

    private static String given(String pointer) {
        return Objects.requireNonNull(pointer, "pointer");
    }

    /**
     * Checks that {@code pointer} is an RFC 6901 JSON Pointer: empty, or {@code /}-separated
     * tokens in which {@code ~} only appears as {@code ~0} or {@code ~1}.
     */
    static void pointer(String role, String pointer) {
        Objects.requireNonNull(pointer, role);
        if (!pointer.isEmpty() && !pointer.startsWith("/")) {
            throw new IllegalArgumentException(role + " pointer \"" + pointer + "\" is not a JSON Pointer (RFC 6901):"
                    + " it must be empty or start with '/', e.g. \"/result/sync_info/latest_block_height\"");
        }
        for (int i = 0; i < pointer.length(); i++) {
            if (pointer.charAt(i) == '~'
                    && (i + 1 == pointer.length() || (pointer.charAt(i + 1) != '0' && pointer.charAt(i + 1) != '1'))) {
                throw new IllegalArgumentException(role + " pointer \"" + pointer + "\" is not a JSON Pointer (RFC 6901):"
                        + " '~' at index " + i + " must be followed by 0 or 1 (write ~0 for '~' and ~1 for '/')");
            }
        }
    }

    /**
     * The HTTP call of a spec whose height pointer is not named yet, as returned by
     * {@link JsonSourceSpec#get(String)} and {@link JsonSourceSpec#post(String, String)}.
     * Immutable and thread-safe.
     *
     * @param method {@code GET} or {@code POST}
     * @param path the path relative to the endpoint's URL
     * @param body the JSON body of a {@code POST}; empty for a {@code GET}
     */
    public record Request(String method, String path, Optional<String> body) {

        /** Validates the method, path and body. */
        public Request {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(body, "body");
            if (!"GET".equals(method) && !"POST".equals(method)) {
                throw new IllegalArgumentException("method must be GET or POST but was " + method);
            }
            if (path.isBlank() || path.chars().anyMatch(c -> c <= ' ')) {
                throw new IllegalArgumentException("path must be a non-empty URL path without spaces but was \""
                        + path + "\"");
            }
            if ("GET".equals(method) && body.isPresent()) {
                throw new IllegalArgumentException("a GET has no body; use JsonSourceSpec.post(path, jsonBody)");
            }
            if ("POST".equals(method)) {
                requireJson(body.orElseThrow(() -> new IllegalArgumentException("a POST needs a JSON body")));
            }
        }

        /**
         * Completes the spec with the pointer to the node's height.
         *
         * @param pointer the JSON Pointer (RFC 6901) to the height, e.g.
         *     {@code /result/sync_info/latest_block_height}
         * @return the spec
         * @throws IllegalArgumentException if the pointer is not an RFC 6901 JSON Pointer
         */
        public JsonSourceSpec height(String pointer) {
            return new JsonSourceSpec(method, path, body, pointer, Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty());
        }

        private static void requireJson(String body) {
            try {
                if (MAPPER.readTree(body).isMissingNode()) {
                    throw new IllegalArgumentException("the POST body is empty; expected JSON such as a JSON-RPC request");
                }
            } catch (JacksonException e) {
                throw new IllegalArgumentException("the POST body is not JSON: " + e.getOriginalMessage(), e);
            }
        }
    }
}
