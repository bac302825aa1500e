package dev.gantry.core.exec;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one local process: feeds its stdin, drains stdout and stderr on their own threads (so a
 * chatty process never blocks on a full pipe), and kills the whole process tree at the deadline.
 */
final class ProcessRunner {

    private static final Duration REAP = Duration.ofSeconds(5);

    /** What a finished process left, before any secret is masked. */
    record Raw(int exit, String stdout, String stderr, Duration duration) {}

    /** The process did not end, or did not close its output, before the deadline. */
    static final class TimedOut extends Exception {

        private static final long serialVersionUID = 1L;

        TimedOut() {
            super(null, null, false, false);
        }
    }

    private ProcessRunner() {}

    /**
     * Creates the value.
     *
     * @param argv the program and its arguments
     * @param stdin bytes to write to the process's stdin, then close it; empty closes it at once
     * @param timeout the deadline for the process to end and close its output
     */
    static Raw run(List<String> argv, byte[] stdin, Duration timeout) throws IOException, TimedOut {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        Process process = new ProcessBuilder(argv).start();
        CompletableFuture<byte[]> out = drain(process.getInputStream(), "stdout");
        CompletableFuture<byte[]> err = drain(process.getErrorStream(), "stderr");
        feed(process.getOutputStream(), stdin);
        try {
            if (!process.waitFor(remaining(deadline), TimeUnit.NANOSECONDS)) {
                killTree(process);
                throw new TimedOut();
            }
            String stdout = text(out, deadline, process);
            String stderr = text(err, deadline, process);
            return new Raw(process.exitValue(), stdout, stderr, Duration.ofNanos(System.nanoTime() - start));
        } catch (InterruptedException e) {
            killTree(process);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + argv.get(0), e);
        }
    }

    private static CompletableFuture<byte[]> drain(InputStream stream, String name) {
        CompletableFuture<byte[]> result = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (stream) {
                result.complete(stream.readAllBytes());
            } catch (IOException | RuntimeException e) {
                result.completeExceptionally(e);
            }
        }, "gantry-exec-" + name);
        reader.setDaemon(true);
        reader.start();
        return result;
    }

    private static void feed(OutputStream stdin, byte[] content) {
        if (content.length == 0) {
            closeQuietly(stdin);
            return;
        }
        Thread writer = new Thread(() -> {
            try (stdin) {
                stdin.write(content);
            } catch (IOException e) {
                // The process closed its stdin early; its exit code and stderr tell why.
            }
        }, "gantry-exec-stdin");
        writer.setDaemon(true);
        writer.start();
    }

    private static String text(CompletableFuture<byte[]> output, long deadline, Process process)
            throws InterruptedException, TimedOut {
        try {
            return new String(output.get(remaining(deadline), TimeUnit.NANOSECONDS), StandardCharsets.UTF_8);
        } catch (TimeoutException e) {
            // The process ended but something it started in the background still holds the pipe.
            killTree(process);
            throw new TimedOut();
        } catch (ExecutionException e) {
            throw new UncheckedIOException("cannot read the output of pid " + process.pid(),
                    e.getCause() instanceof IOException io ? io : new IOException(e.getCause()));
        }
    }

    /** Kills the process and every descendant it still has, children first. */
    static void killTree(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(REAP.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long remaining(long deadline) {
        return Math.max(0, deadline - System.nanoTime());
    }

    private static void closeQuietly(OutputStream stream) {
        try {
            stream.close();
        } catch (IOException e) {
            // Nothing was written; a failed close changes nothing for the process.
        }
    }
}
