package dev.gantry.core.exec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs commands on this machine through {@link ProcessBuilder}, whatever {@link Host} it is given
 * (the host only names the machine in logs and errors).
 *
 * <ul>
 *   <li>No shell is involved: the argument vector goes to the program as it is.
 *   <li>Output is read while the command runs, so commands may print any amount.
 *   <li>At the timeout the command and every process it started are killed, and
 *       {@link ExecException} is thrown. A command that exits but leaves a background process
 *       holding its output open counts as timed out too: redirect daemons' output to a file.
 *   <li>{@link #upload} writes a temporary file next to the target, sets its mode and moves it
 *       over the target atomically; the parent directory must exist.
 * </ul>
 *
 * <pre>{@code
 * HostExecutor local = LocalExecutor.ofDefaults();
 * ExecResult r = local.exec(Host.local(), List.of("uname", "-r"), Duration.ofSeconds(5));
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class LocalExecutor implements HostExecutor {

    private static final Logger log = LoggerFactory.getLogger(LocalExecutor.class);

    private LocalExecutor() {}

    /**
     * Returns the local executor; it has no settings, so every instance behaves the same.
     *
     * @return a local executor
     */
    public static LocalExecutor ofDefaults() {
        return new LocalExecutor();
    }

    @Override
    public ExecResult exec(Host host, List<String> argv, Duration timeout) {
        return exec(host, Command.of(argv), timeout);
    }

    @Override
    public ExecResult exec(Host host, Command command, Duration timeout) {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(command, "command");
        Execs.checkTimeout(timeout);
        List<String> argv = command.reveal();
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("argv must name a program");
        }
        log.debug("{}: running {}", host.name(), command);
        try {
            ProcessRunner.Raw raw = ProcessRunner.run(argv, new byte[0], timeout);
            ExecResult result = command.redact(new ExecResult(raw.exit(), raw.stdout(), raw.stderr(), raw.duration()));
            log.debug("{}: {} exited {} after {} ms", host.name(), command, result.exit(), result.duration().toMillis());
            return result;
        } catch (ProcessRunner.TimedOut e) {
            throw new ExecException(host.name() + ": `" + command + "` did not end within " + timeout
                    + "; it was killed with the processes it started");
        } catch (IOException | UncheckedIOException e) {
            throw new ExecException(host.name() + ": cannot run `" + command + "`: "
                    + command.redact(String.valueOf(e.getMessage())) + "; check that the program is installed");
        }
    }

    @Override
    public void upload(Host host, String path, byte[] content, int mode) {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(content, "content");
        Path target = Execs.absolute(path);
        FileModes.check(mode);
        Path parent = target.getParent();
        log.debug("{}: writing {} ({} bytes, mode {})", host.name(), target, content.length, FileModes.octal(mode));
        Path temp = null;
        try {
            temp = Files.createTempFile(parent, "." + target.getFileName() + ".", ".gantry-tmp");
            Files.write(temp, content);
            Files.setPosixFilePermissions(temp, FileModes.permissions(mode));
            move(temp, target);
        } catch (IOException e) {
            deleteQuietly(temp);
            throw new ExecException(host.name() + ": cannot write " + target + ": " + e
                    + "; check that " + parent + " exists and is writable", e);
        }
    }

    private static void move(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the file system of " + target + " cannot replace files atomically", e);
        }
    }

    private static void deleteQuietly(Path temp) {
        if (temp == null) {
            return;
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            log.warn("Could not delete the temporary file {}: {}", temp, e.toString());
        }
    }

    @Override
    public String toString() {
        return "LocalExecutor";
    }
}
