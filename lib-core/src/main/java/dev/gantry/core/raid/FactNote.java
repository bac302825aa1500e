package dev.gantry.core.raid;

import dev.gantry.core.Finding;
import java.util.Objects;

/**
 * Something {@link NodeFacts} could not read on a node, and why: a tool that is not installed, a
 * command that failed, or output that could not be parsed.
 *
 * @param host the host's name
 * @param command the command line, such as {@code lvs --reportformat json ...}
 * @param kind what went wrong
 * @param message the detail: the command's error output or the parse error
 */
public record FactNote(String host, String command, Kind kind, String message) {

    /** What went wrong with one source of facts. */
    public enum Kind {
        /** The tool or file is not there (exit code 127, "No such file or directory"): nothing to read. */
        MISSING,
        /** The command ran and failed (another non-zero exit code). */
        FAILED,
        /** The command's output could not be parsed. */
        UNREADABLE
    }

    /** Checks that no field is null. */
    public FactNote {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
    }

    /**
     * Turns the note into a finding about the host: {@code RAID-SOURCE-MISSING} (INFO) for a
     * missing tool, {@code RAID-SOURCE-FAILED} and {@code RAID-SOURCE-UNREADABLE} (WARN) otherwise.
     *
     * @return the finding
     */
    public Finding toFinding() {
        String detail = command + ": " + (message.isBlank() ? "no detail" : message);
        return switch (kind) {
            case MISSING -> Finding.info("RAID-SOURCE-MISSING", host, detail);
            case FAILED -> Finding.warn("RAID-SOURCE-FAILED", host, detail,
                    "run the command on the host by hand; arrays it would show are not checked");
            case UNREADABLE -> Finding.warn("RAID-SOURCE-UNREADABLE", host, detail,
                    "report the output to Gantry; arrays it would show are not checked");
        };
    }
}
