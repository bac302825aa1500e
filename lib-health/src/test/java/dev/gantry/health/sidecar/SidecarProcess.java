package dev.gantry.health.sidecar;

import dev.gantry.test.harness.LoopbackPorts;
import dev.gantry.test.harness.Readiness;
import dev.gantry.test.harness.RealProcess;
import dev.gantry.test.harness.RealProcesses;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The sidecar as outside checks run it: a child {@code java} process with this test's class
 * path and {@code dev.gantry.health.sidecar.Sidecar} as its main class.
 */
final class SidecarProcess {

    static final String MAIN = "dev.gantry.health.sidecar.Sidecar";
    private static final Duration STARTUP = Duration.ofSeconds(60);
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(60);

    private SidecarProcess() {
    }

    /** What a sidecar that ended printed, and how it ended. */
    record Ended(int exitCode, String stdout, String stderr) {
    }

    /** @return {@code java -cp <test class path> dev.gantry.health.sidecar.Sidecar} and the arguments */
    static List<String> command(List<String> arguments) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-Xss512k", "-cp", System.getProperty("java.class.path"), MAIN));
        command.addAll(arguments);
        return command;
    }

    /**
     * Starts a sidecar that serves on {@code port} and waits (at most 60 s) until its
     * {@code /livez} answers 200.
     *
     * @param processes the test's process extension
     * @param name the process's name, for its log
     * @param port the port of {@code --listen 127.0.0.1:PORT}, which this method adds
     * @param environment variables for the secrets the flags name
     * @param arguments every other flag
     * @return the running process
     */
    static RealProcess start(RealProcesses processes, String name, int port, Map<String, String> environment,
            List<String> arguments) {
        List<String> all = new ArrayList<>(arguments);
        all.addAll(List.of("--listen", LoopbackPorts.HOST + ":" + port));
        RealProcess.Builder builder = RealProcess.builder(name).command(command(all))
                .stopGrace(Duration.ofSeconds(15))
                .readiness(Readiness.httpOk(URI.create("http://" + LoopbackPorts.HOST + ":" + port + "/livez")), STARTUP);
        environment.forEach(builder::env);
        return processes.start(builder);
    }

    /**
     * Runs a sidecar that is expected to end by itself (help, a bad command line) and returns
     * what it printed.
     *
     * @param environment extra variables
     * @param arguments the flags
     * @return the exit code, stdout and stderr
     */
    static Ended run(Map<String, String> environment, String... arguments) {
        try {
            Path out = Files.createTempFile("sidecar", ".out");
            Path err = Files.createTempFile("sidecar", ".err");
            try {
                ProcessBuilder builder = new ProcessBuilder(command(List.of(arguments)))
                        .redirectOutput(out.toFile()).redirectError(err.toFile());
                builder.environment().putAll(environment);
                Process process = builder.start();
                if (!process.waitFor(RUN_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError("the sidecar did not end within " + RUN_TIMEOUT.toSeconds()
                            + " s: " + String.join(" ", arguments));
                }
                return new Ended(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
