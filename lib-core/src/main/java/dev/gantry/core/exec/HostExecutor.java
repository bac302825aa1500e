package dev.gantry.core.exec;

import java.time.Duration;
import java.util.List;

/**
 * Runs commands on, and copies files to, a {@link Host}: the port through which workflows and
 * fact collectors reach machines. Implementations: {@code LocalExecutor} (this machine, through
 * {@code ProcessBuilder}) and {@code OpenSshExecutor} (the system {@code ssh} client). Write your
 * own to reach hosts another way (a bastion API, {@code kubectl exec}).
 *
 * <p>Commands are argument vectors, never shell strings: executors that go through a remote shell
 * quote every argument. A command that exits non-zero is a result, not an exception; failing to
 * run it at all (no connection, timeout) throws {@link ExecException}. Thread-safe.
 */
public interface HostExecutor {

    /**
     * Runs a command and waits for it, at most {@code timeout}.
     *
     * @param host where to run it
     * @param argv the program and its arguments
     * @param timeout the longest the command may run; it is killed after that
     * @return the exit code and output
     * @throws ExecException when the command could not be run or did not end in time
     */
    ExecResult exec(Host host, List<String> argv, Duration timeout);

    /**
     * Runs a command that may hold {@link dev.gantry.core.Secret}s and waits for it, at most
     * {@code timeout}. The secret values never appear in the result's output or in the message of
     * an {@link ExecException}; Gantry's executors also keep them out of their logs.
     *
     * <p>The default implementation runs {@link Command#reveal()} through
     * {@link #exec(Host, List, Duration)} and masks the secrets in what comes back; executors that
     * log their command lines override it so that they log {@link Command#toString()} instead.
     *
     * @param host where to run it
     * @param command the command, with secrets
     * @param timeout the longest the command may run; it is killed after that
     * @return the exit code and output, secrets masked
     * @throws ExecException when the command could not be run or did not end in time
     */
    default ExecResult exec(Host host, Command command, Duration timeout) {
        try {
            return command.redact(exec(host, command.reveal(), timeout));
        } catch (ExecException e) {
            throw new ExecException(command.redact(String.valueOf(e.getMessage())));
        }
    }

    /**
     * Writes a file on the host, replacing it atomically if it exists.
     *
     * @param host where to write it
     * @param path the absolute path of the file
     * @param content the bytes to write
     * @param mode the permission bits, e.g. {@code 0600} for files holding secrets
     * @throws ExecException when the file could not be written
     */
    void upload(Host host, String path, byte[] content, int mode);
}
