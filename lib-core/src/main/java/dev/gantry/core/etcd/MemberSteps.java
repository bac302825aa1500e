package dev.gantry.core.etcd;

import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;
import dev.gantry.core.GantryException;
import dev.gantry.core.exec.ExecResult;
import dev.gantry.core.exec.Host;
import dev.gantry.core.workflow.Retry;
import dev.gantry.core.workflow.Step;
import dev.gantry.core.workflow.StepContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** The two steps of one member: write its settings, then start it in the background. */
final class MemberSteps {

    /** Running, and the process is this member's etcd (its environment names the data dir). */
    private static final String RUNNING = "pid=$(cat \"$1\" 2>/dev/null) && [ -n \"$pid\" ]"
            + " && kill -0 \"$pid\" 2>/dev/null"
            + " && tr '\\000' '\\n' < \"/proc/$pid/environ\" | grep -qxF \"ETCD_DATA_DIR=$2\"";
    /** Alive and not a zombie (an unreaped exit still answers kill -0). */
    private static final String ALIVE = "pid=$(cat \"$1\") && kill -0 \"$pid\" 2>/dev/null"
            + " && ! grep -q '^State:[[:space:]]*Z' \"/proc/$pid/status\"";
    private static final String LAUNCH = "cd \"$1\" || exit 1; setsid nohup \"$2\" > \"$3\" 2>&1 < /dev/null &"
            + " echo $! > \"$4\"";
    private static final Duration POLL = Duration.ofMillis(500);
    private static final int LOG_LINES = 20;

    private final MemberFiles files;
    private final String stateDir;
    private final Duration timeout;
    private final Duration startDeadline;
    private final Retry retry;

    MemberSteps(MemberFiles files, String stateDir, Duration timeout, Duration startDeadline, Retry retry) {
        this.files = files;
        this.stateDir = stateDir;
        this.timeout = timeout;
        this.startDeadline = startDeadline;
        this.retry = retry;
    }

    List<Step> steps() {
        String name = files.member().name();
        return List.of(
                Step.of("etcd " + name + ": write settings", this::written, this::write).withRetry(retry),
                Step.of("etcd " + name + ": start", this::running, this::start).withRetry(retry));
    }

    private Host host() {
        return files.member().host();
    }

    private boolean written(StepContext context) {
        return sameContent(context, files.env(), files.envContent())
                && sameContent(context, files.script(), files.scriptContent())
                && exec(context, "test", "-d", files.member().dataDir()).ok();
    }

    private boolean sameContent(StepContext context, String path, String expected) {
        ExecResult cat = exec(context, "cat", path);
        return cat.ok() && cat.stdout().equals(expected);
    }

    private void write(StepContext context) {
        ExecResult mkdir = exec(context, "mkdir", "-p", stateDir, files.member().dataDir());
        require(mkdir, "create " + stateDir + " and " + files.member().dataDir());
        require(exec(context, "chmod", "700", files.member().dataDir()), "restrict " + files.member().dataDir());
        context.executor().upload(host(), files.env(), files.envContent().getBytes(StandardCharsets.UTF_8), 0600);
        context.executor().upload(host(), files.script(), files.scriptContent().getBytes(StandardCharsets.UTF_8), 0755);
    }

    private boolean running(StepContext context) {
        return exec(context, "sh", "-c", RUNNING, "sh", files.pid(), files.member().dataDir()).ok();
    }

    /**
     * Launches the member and waits until it is seen running on two polls in a row, so that an etcd
     * that dies right after exec (a bad flag) fails here with its log, not later as an unhealthy cluster.
     */
    private void start(StepContext context) {
        require(exec(context, "sh", "-c", LAUNCH, "sh", stateDir, files.script(), files.log(), files.pid()),
                "launch " + files.script());
        RetryPolicy<Boolean> untilRunning = RetryPolicy.<Boolean>builder()
                .handleResult(false)
                .abortOn(GantryException.class)
                .withDelay(POLL)
                .withMaxRetries(-1)
                .withMaxDuration(startDeadline)
                .build();
        AtomicInteger runningInARow = new AtomicInteger();
        boolean up = Failsafe.with(untilRunning).get(() -> {
            if (running(context)) {
                return runningInARow.incrementAndGet() >= 2;
            }
            runningInARow.set(0);
            return failIfExited(context);
        });
        if (!up) {
            throw new GantryException(host().name() + ": etcd " + files.member().name() + " not running within "
                    + startDeadline + "; last lines of " + files.log() + ":\n" + logTail(context));
        }
    }

    /** Throws when the launched process is gone; false while it may still be starting. */
    private boolean failIfExited(StepContext context) {
        ExecResult alive = exec(context, "sh", "-c", ALIVE, "sh", files.pid());
        if (!alive.ok()) {
            throw new GantryException(host().name() + ": etcd " + files.member().name() + " exited right after start;"
                    + " last lines of " + files.log() + ":\n" + logTail(context));
        }
        return false;
    }

    private String logTail(StepContext context) {
        return exec(context, "tail", "-n", Integer.toString(LOG_LINES), files.log()).stdout();
    }

    private ExecResult exec(StepContext context, String... argv) {
        return context.executor().exec(host(), List.of(argv), timeout);
    }

    private void require(ExecResult result, String what) {
        if (!result.ok()) {
            throw new GantryException(host().name() + ": cannot " + what + " (exit " + result.exit() + "): "
                    + result.stderr().strip());
        }
    }
}
