package dev.gantry.health.sync;

import java.time.Instant;
import java.util.function.UnaryOperator;

/**
 * A sync source that answers what the test told it last, or fails, and counts its reads.
 *
 * <pre>{@code
 * FakeSource node = FakeSource.named("node").at(100, s -> s.withNetworkHeight(112).withPeers(8));
 * }</pre>
 */
final class FakeSource implements SyncSource {

    private final String name;
    private SyncStatus answer;
    private RuntimeException failure;
    private int reads;

    private FakeSource(String name) {
        this.name = name;
    }

    static FakeSource named(String name) {
        return new FakeSource(name);
    }

    /** Answers a status with only this height from now on. */
    FakeSource at(long height) {
        return at(height, UnaryOperator.identity());
    }

    /** Answers a status with this height, shaped by {@code shape}, from now on. */
    FakeSource at(long height, UnaryOperator<SyncStatus> shape) {
        answer = shape.apply(SyncStatus.of(name, height, Instant.EPOCH));
        failure = null;
        return this;
    }

    /** Fails every read from now on, as an unreachable node does. */
    FakeSource failing() {
        return failing(new SyncSourceException(name, "cannot reach the node: connection refused"));
    }

    /** Fails every read with {@code error} from now on. */
    FakeSource failing(RuntimeException error) {
        failure = error;
        return this;
    }

    int reads() {
        return reads;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public synchronized SyncStatus read() {
        reads++;
        if (failure != null) {
            throw failure;
        }
        if (answer == null) {
            throw new IllegalStateException(name + ": the test did not script an answer");
        }
        return answer;
    }
}
