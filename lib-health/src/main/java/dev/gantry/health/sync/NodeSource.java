package dev.gantry.health.sync;

import dev.gantry.health.HttpEndpoint;
import java.time.Clock;

/**
 * What every HTTP-based source shares: its name, the HTTP client for its endpoint, the field
 * readers that name that endpoint in their errors, and the clock that stamps its statuses.
 */
abstract class NodeSource implements SyncSource {

    /** The source's name: its family and endpoint, e.g. {@code bitcoin http://127.0.0.1:8332/}. */
    final String name;
    final HttpJson http;
    final JsonFields fields;
    final Clock clock;

    NodeSource(String name, HttpEndpoint endpoint, Clock clock) {
        this.name = name;
        this.http = new HttpJson(name, endpoint);
        this.fields = new JsonFields(http);
        this.clock = clock;
    }

    @Override
    public final String name() {
        return name;
    }
}
