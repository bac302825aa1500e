// Workflow: a small resumable workflow on this machine — dry run, run, and a re-run that skips
// every step because it is already done. Writes only under a fresh temporary directory.
// Run it with:  examples/run workflow   (from the repository root)
import dev.gantry.core.exec.*;
import dev.gantry.core.workflow.*;
import java.nio.file.*;
import java.time.Duration;
import java.util.List;

Path root = Files.createTempDirectory("gantry-workflow-");
Host host = Host.local();
Duration timeout = Duration.ofSeconds(10);
String appDir = root.resolve("app").toString();
String conf = appDir + "/app.conf";
String content = "listen = 127.0.0.1:8080\nworkers = 4\n";

// 1. Three idempotent steps. isDone only looks; run changes the machine through the executor.
Step createDir = Step.of("create " + appDir,
        ctx -> ctx.executor().exec(host, List.of("test", "-d", appDir), timeout).ok(),
        ctx -> ctx.executor().exec(host, List.of("mkdir", "-p", appDir), timeout));
Step writeConf = Step.of("write " + conf,
        ctx -> ctx.executor().exec(host, List.of("cat", conf), timeout).stdout().equals(content),
        ctx -> ctx.executor().upload(host, conf, content.getBytes(), 0640));
Step checksum = Step.of("record checksum of app.conf",
        ctx -> ctx.executor().exec(host, List.of("sha256sum", "-c", "--quiet", conf + ".sha256"), timeout).ok(),
        ctx -> {
            ExecResult sum = ctx.executor().exec(host, List.of("sha256sum", conf), timeout);
            ctx.executor().upload(host, conf + ".sha256", sum.stdout().getBytes(), 0644);
        }).withRetry(Retry.when(3, Duration.ofSeconds(1), e -> String.valueOf(e.getMessage()).contains("busy")));

Workflow workflow = Workflow.of(createDir, writeConf, checksum).withExecutor(LocalExecutor.ofDefaults());

// 2. Dry run: nothing exists yet, so every step would run.
System.out.println("--- dry run");
workflow.dryRun().print();

// 3. Run with console progress: one line per event.
System.out.println("--- run");
workflow.run(Progress.console()).print().orThrow();

// 4. Run again: every step is done, so every step is skipped.
System.out.println("--- run again");
WorkflowResult again = workflow.run(Progress.console()).print().orThrow();
if (!again.ran().isEmpty()) throw new IllegalStateException("expected every step skipped, ran " + again.ran());

// 5. The same result as a Report, one finding per step: it can be and()-ed with other checks.
again.report().print().orThrow();

// 6. Clean up the temporary directory.
LocalExecutor.ofDefaults().exec(host, List.of("rm", "-r", root.toString()), timeout);
System.out.println("removed " + root);
