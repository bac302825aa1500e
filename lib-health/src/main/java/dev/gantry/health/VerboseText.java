package dev.gantry.health;

import java.util.List;

/**
 * Renders {@code ?verbose} bodies the way the Kubernetes API server does: one line per check,
 * {@code [+]} for ready and {@code [-]} for not ready, with the reason code but never the
 * message, and a last line with the verdict.
 *
 * <pre>
 * [+]disk ok
 * [-]node failed: reason SYNC-LAGGING
 * readiness check failed
 * </pre>
 */
final class VerboseText {

    private VerboseText() {
    }

    /**
     * Returns the text body.
     *
     * @param what {@code readiness} or {@code liveness}
     * @param verdict the combined status
     * @param checks the checks to list
     * @param extra lines listed before the checks, e.g. the evaluator's own state
     * @return the text body
     */
    static String render(String what, Status verdict, List<CheckSnapshot> checks, List<String> extra) {
        StringBuilder text = new StringBuilder();
        extra.forEach(line -> text.append(line).append('\n'));
        checks.forEach(check -> text.append(line(check)).append('\n'));
        text.append(what).append(verdict.isReady() ? " check passed" : " check failed").append('\n');
        return text.toString();
    }

    /**
     * Returns its line, e.g. {@code [-]node failed: reason SYNC-LAGGING}.
     *
     * @param check one check
     * @return its line, e.g. {@code [-]node failed: reason SYNC-LAGGING}
     */
    static String line(CheckSnapshot check) {
        Status status = check.status();
        String mark = status.isReady() ? "[+]" : "[-]";
        String word = switch (status) {
            case UP -> "ok";
            case DEGRADED -> "degraded";
            case DOWN -> "failed";
            case UNKNOWN -> "unknown";
        };
        if (status == Status.UP) {
            return mark + check.name() + " " + word;
        }
        String reason = check.result().reason().map(code -> "reason " + code).orElse("reason withheld");
        return mark + check.name() + " " + word + ": " + reason;
    }
}
