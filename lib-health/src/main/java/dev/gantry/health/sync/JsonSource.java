package dev.gantry.health.sync;

import dev.gantry.health.HttpEndpoint;
import dev.gantry.health.internal.HttpTransport;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Any node that answers one HTTP call with JSON: the values are read at the pointers of a
 * {@link JsonSourceSpec}, in whichever encoding the node uses (numbers, decimal or 0x-hex
 * strings). A pointer that finds nothing fails the read and says what the answer has there
 * instead, so a changed API or a wrong pointer never reads as height 0.
 */
final class JsonSource extends NodeSource {

    private static final int SHOWN = 60;
    private static final int FIELDS_SHOWN = 12;

    private final String call;
    private final JsonSourceSpec spec;

    JsonSource(HttpEndpoint endpoint, JsonSourceSpec spec, Clock clock) {
        super("json " + endpoint.resolve(spec.path()), endpoint, clock);
        this.call = spec.method() + " " + spec.path();
        this.spec = spec;
    }

    @Override
    public SyncStatus read() {
        HttpTransport.Answer answer = spec.body().isPresent()
                ? http.post(spec.path(), spec.body().get())
                : http.get(spec.path());
        JsonNode root = http.json(http.requireOk(answer));
        if (root.isMissingNode()) {
            throw http.failure("expected a JSON answer but got an empty body", null);
        }
        SyncStatus status = SyncStatus.of(name, fields.anyCount(at(root, "height", spec.height()),
                what("height", spec.height())), clock.instant());
        if (spec.networkHeight().isPresent()) {
            String pointer = spec.networkHeight().get();
            status = status.withNetworkHeight(fields.anyCount(at(root, "networkHeight", pointer),
                    what("networkHeight", pointer)));
        }
        if (spec.syncing().isPresent()) {
            String pointer = spec.syncing().get();
            status = status.withSyncing(fields.flagValue(at(root, "syncing", pointer), what("syncing", pointer)));
        }
        if (spec.peers().isPresent()) {
            status = status.withPeers(peers(root, spec.peers().get()));
        }
        if (spec.tipTime().isPresent()) {
            String pointer = spec.tipTime().get();
            status = status.withTipTime(fields.timeValue(at(root, "tipTime", pointer), what("tipTime", pointer)));
        }
        return status;
    }

    private int peers(JsonNode root, String pointer) {
        JsonNode node = at(root, "peers", pointer);
        long peers = node.isArray() ? node.size() : fields.anyCount(node, what("peers", pointer));
        if (peers > Integer.MAX_VALUE) {
            throw http.failure(what("peers", pointer) + " should be a peer count below 2^31 but was " + peers
                    + "; does the pointer name the peer count?", null);
        }
        return (int) peers;
    }

    private String what(String role, String pointer) {
        return call + ": " + role + " at \"" + pointer + "\"";
    }

    private JsonNode at(JsonNode root, String role, String pointer) {
        JsonNode node = root.at(pointer);
        if (node.isNull()) {
            throw http.failure(what(role, pointer) + " is null; expected a value there", null);
        }
        if (node.isMissingNode()) {
            throw http.failure(what(role, pointer) + " matches nothing: " + nearest(root, pointer), null);
        }
        return node;
    }

    /** Describes the deepest part of the pointer the answer has. */
    private static String nearest(JsonNode root, String pointer) {
        String parent = pointer;
        JsonNode node;
        do {
            parent = parent.substring(0, parent.lastIndexOf('/'));
            node = root.at(parent);
        } while (node.isMissingNode() && !parent.isEmpty());
        String where = parent.isEmpty() ? "the answer" : "\"" + parent + "\"";
        if (node.isObject()) {
            List<String> names = new ArrayList<>(node.propertyNames());
            String shown = String.join(", ", names.subList(0, Math.min(FIELDS_SHOWN, names.size())))
                    + (names.size() > FIELDS_SHOWN ? ", …" : "");
            return where + " is an object with fields [" + shown + "]";
        }
        if (node.isArray()) {
            return where + " is an array of " + node.size();
        }
        String text = node.toString();
        return where + " is " + (text.length() > SHOWN ? text.substring(0, SHOWN) + "…" : text);
    }
}
