package dev.gantry.health.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The references of one {@link SyncCheck} and what the check remembers of them between reads:
 * each one's {@link HeightProgress} and whether it was unavailable at the last read.
 *
 * <p>Logs a reference that becomes unavailable at WARN and one that is back at INFO, under the
 * {@link SyncCheck} logger. Not thread-safe; the owning check synchronizes.
 */
final class ReferenceReads {

    private static final Logger log = LoggerFactory.getLogger(SyncCheck.class);

    private final String nodeName;
    private final List<SyncSource> references;
    private final List<HeightProgress> progress = new ArrayList<>();
    private final boolean[] unavailable;

    /**
     * Creates the memory of references never read.
     *
     * @param nodeName the name of the node they are references for, for the log
     * @param references the references, in the order they are read
     */
    ReferenceReads(String nodeName, List<SyncSource> references) {
        this.nodeName = nodeName;
        this.references = List.copyOf(references);
        this.references.forEach(reference -> progress.add(new HeightProgress()));
        this.unavailable = new boolean[references.size()];
    }

    /**
     * Reads every reference once, in order; a reference that throws anything is unavailable.
     *
     * @param clock the check's clock, which times each read
     * @return each reference's height, in order; empty for an unavailable one
     */
    List<OptionalLong> read(Clock clock) {
        List<OptionalLong> heights = new ArrayList<>(references.size());
        for (int i = 0; i < references.size(); i++) {
            heights.add(read(i, clock));
        }
        return heights;
    }

    /**
     * Returns whether at least one reference was read and every one read has stalled.
     *
     * @param heights the heights of the last {@link #read(Clock)}
     * @param maxStall the longest a height may stay put; empty when stalls are not judged
     * @param now the current time by the check's clock
     * @return whether the whole network seems to have stopped
     */
    boolean everyAvailableStalled(List<OptionalLong> heights, Optional<Duration> maxStall, Instant now) {
        boolean anyAvailable = false;
        for (int i = 0; i < heights.size(); i++) {
            if (heights.get(i).isPresent()) {
                anyAvailable = true;
                if (maxStall.isEmpty() || !progress.get(i).stalled(maxStall.get(), now)) {
                    return false;
                }
            }
        }
        return anyAvailable;
    }

    private OptionalLong read(int i, Clock clock) {
        SyncSource reference = references.get(i);
        try {
            long height = reference.read().height();
            progress.get(i).observe(height, clock.instant());
            if (unavailable[i]) {
                log.info("{}: reference {} is available again", nodeName, reference.name());
            }
            unavailable[i] = false;
            return OptionalLong.of(height);
        } catch (RuntimeException e) {
            if (!unavailable[i]) {
                log.warn("{}: reference {} is unavailable: {}", nodeName, reference.name(), e.toString());
            }
            unavailable[i] = true;
            return OptionalLong.empty();
        }
    }
}
