package dev.gantry.test.harness;

/**
 * The last lines of a real program's log, attached to a failed test as a suppressed exception so
 * that they show wherever the failure shows. It has no stack trace of its own.
 */
final class ProcessLogTail extends RuntimeException {

    private static final long serialVersionUID = 1L;

    ProcessLogTail(RealProcess process, int lines) {
        super("last " + lines + " lines of " + process + ":" + process.indentedLogTail(lines), null, false, false);
    }
}
