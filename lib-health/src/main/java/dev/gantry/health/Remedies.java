package dev.gantry.health;

import java.util.Map;

/** What to do about a health result, by reason code, for {@link CheckResult#toFinding(String)}. */
final class Remedies {

    private static final Map<String, String> BY_REASON = Map.ofEntries(
            Map.entry("SYNC-SYNCING", "wait for the node to finish syncing; it receives no traffic meanwhile"),
            Map.entry("SYNC-LAGGING", "wait for the node to catch up; if the lag does not shrink, check its peers,"
                    + " disk and CPU"),
            Map.entry("SYNC-STALLED", "the height does not advance: check the node's logs, peers and disk, and"
                    + " restart it if it is wedged"),
            Map.entry("SYNC-NETWORK-STALLED", "the whole network (or every reference) stopped advancing; check the"
                    + " references before touching the node"),
            Map.entry("SYNC-NO-PEERS", "check the node's network, firewall and peer configuration"),
            Map.entry("SYNC-SOURCE-DOWN", "check that the node's RPC runs, listens on the endpoint's address and"
                    + " accepts the credentials"),
            Map.entry("SYNC-REFERENCE-UNAVAILABLE", "check that the reference nodes or RPCs are reachable"),
            Map.entry("SYNC-DIVERGED", "compare both services' heights; the one behind needs to catch up or be"
                    + " restarted"),
            Map.entry("HEALTH-TIMEOUT", "the check did not return within its timeout; check the dependency it calls"
                    + " or raise the timeout"),
            Map.entry("HEALTH-STALE", "no recent result: the evaluator is stuck or the check hangs; look at the"
                    + " service's logs and thread dump"),
            Map.entry("HEALTH-CHECK-FAILED", "the check threw; read the message and the service's logs"),
            Map.entry("HEALTH-NOT-RUN", "wait for the first run of the check"));

    private Remedies() {
    }

    /**
     * Returns the remedy for a reason code, or a general one for the status.
     *
     * @param code the reason code
     * @param status the result's status
     * @return what to do; never empty
     */
    static String of(String code, Status status) {
        String known = BY_REASON.get(code);
        if (known != null) {
            return known;
        }
        return status == Status.UNKNOWN ? "nothing is known yet; wait for the next run or check what the check"
                + " depends on" : "read the message and the check's details (/healthcheck/{check}?verbose)";
    }
}
