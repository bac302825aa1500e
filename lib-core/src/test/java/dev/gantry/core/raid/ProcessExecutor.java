package dev.gantry.core.raid;

import dev.gantry.core.exec.ExecException;
import dev.gantry.core.exec.ExecResult;
import dev.gantry.core.exec.Host;
import dev.gantry.core.exec.HostExecutor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A minimal {@link HostExecutor} for integration tests that runs commands on this machine with
 * {@link ProcessBuilder}, output to temporary files, killed after the timeout. Ignores the host.
 * (The library's own LocalExecutor lives on another branch.)
 */
final class ProcessExecutor implements HostExecutor {

    @Override
    public ExecResult exec(Host host, List<String> argv, Duration timeout) {
        long started = System.nanoTime();
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("gantry-exec", ".out");
            err = Files.createTempFile("gantry-exec", ".err");
            Process process = new ProcessBuilder(argv).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new ExecException(String.join(" ", argv) + " did not end within " + timeout);
            }
            return new ExecResult(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8), Duration.ofNanos(System.nanoTime() - started));
        } catch (IOException e) {
            String message = e.getMessage() == null ? "" : e.getMessage();
            if (message.contains("error=2")) {
                return new ExecResult(127, "", argv.get(0) + ": No such file or directory\n", Duration.ZERO);
            }
            throw new ExecException("cannot run " + String.join(" ", argv) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExecException("interrupted while running " + String.join(" ", argv), e);
        } finally {
            delete(out);
            delete(err);
        }
    }

    @Override
    public void upload(Host host, String path, byte[] content, int mode) {
        throw new UnsupportedOperationException("not needed by the RAID integration tests");
    }

    private static void delete(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a leftover temporary file is harmless
            }
        }
    }
}
