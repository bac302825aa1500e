package dev.gantry.test.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A JUnit 5 extension that starts {@link RealProcess}es for a test class and closes every one of
 * them afterwards, whether the test passed or failed.
 *
 * <p>A process started inside a test method (or a {@code @BeforeEach}) is closed after that test;
 * one started in {@code @BeforeAll} is closed after the class. Processes close in reverse start
 * order. Logs go to {@code <gantry.it.logs>/<TestClass>/}; when a test fails, the last lines of
 * each process's log are logged at WARN with the log file's path. Register the extension on a
 * {@code static} field so that {@code @BeforeAll} processes are covered too:
 *
 * <pre>{@code
 * class EtcdIT {
 *     @RegisterExtension
 *     static final RealProcesses processes = new RealProcesses();
 *
 *     @Test
 *     void answersHealthy() {
 *         Path etcd = Programs.require("etcd", "etcd-server");
 *         List<Integer> ports = LoopbackPorts.allocate(2);
 *         String client = "http://127.0.0.1:" + ports.get(0);
 *         String peer = "http://127.0.0.1:" + ports.get(1);
 *         RealProcess member = processes.start(RealProcess.builder("etcd")
 *                 .commandInWorkDir(dir -> List.of(etcd.toString(), "--name", "n1",
 *                         "--data-dir", dir.resolve("data").toString(),
 *                         "--listen-client-urls", client, "--advertise-client-urls", client,
 *                         "--listen-peer-urls", peer, "--initial-advertise-peer-urls", peer,
 *                         "--initial-cluster", "n1=" + peer, "--initial-cluster-state", "new"))
 *                 .readiness(Readiness.httpOk(URI.create(client + "/health")), Duration.ofSeconds(30)));
 *         // ... use the member; member.kill() simulates a crash
 *     }
 * }
 * }</pre>
 *
 * <p>A {@link RealPrograms} test class needs no field: it declares a parameter of this type and
 * gets the class's scope, which the annotation's extension drives.
 *
 * <p>Processes not closed by the extension (for example when the JVM is aborted) are killed by a
 * JVM shutdown hook. Thread-safe for starting processes; scoping assumes the test methods of one
 * class run one at a time, JUnit's default.
 */
public final class RealProcesses implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback,
        AfterAllCallback {

    private static final Logger log = LoggerFactory.getLogger(RealProcesses.class);
    private static final int LOG_LINES_ON_FAILURE = 20;

    private final Deque<AutoCloseable> classScoped = new ConcurrentLinkedDeque<>();
    private final Deque<AutoCloseable> testScoped = new ConcurrentLinkedDeque<>();
    private volatile boolean inTest;
    private volatile String logGroup;

    /** Creates an extension that tracks nothing yet. */
    public RealProcesses() {}

    /**
     * Starts a process (waiting for its readiness) and closes it at the end of the current test,
     * or of the class when called outside a test.
     *
     * @param builder the process to start; its log group defaults to the test class's simple name
     * @return the running process
     * @throws AssertionError when it does not get ready; it is already stopped then
     */
    public RealProcess start(RealProcess.Builder builder) {
        Objects.requireNonNull(builder, "builder");
        String group = logGroup;
        if (group != null) {
            builder.defaultLogGroup(group);
        }
        RealProcess process = builder.start();
        (inTest ? testScoped : classScoped).push(process);
        return process;
    }

    /**
     * Creates a private directory (mode {@code rwx------}) under {@code gantry.it.work} that is
     * deleted, with everything in it, at the end of the current test (or class), after the
     * processes started after it have stopped: the place for files that must not outlive the
     * programs using them, such as keys.
     */
    Path directory(String name) {
        Path directory;
        try {
            directory = Files.createTempDirectory(Files.createDirectories(ItDirectories.work()), name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a working directory under " + ItDirectories.work(), e);
        }
        (inTest ? testScoped : classScoped).push(() -> RealProcess.deleteRecursively(directory));
        return directory;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        enterClass(context.getRequiredTestClass());
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        enterTest(context.getRequiredTestClass());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        leaveTest(context.getExecutionException());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        leaveClass();
    }

    void enterClass(Class<?> testClass) {
        logGroup = testClass.getSimpleName();
    }

    void enterTest(Class<?> testClass) {
        logGroup = testClass.getSimpleName();
        inTest = true;
    }

    void leaveTest(Optional<Throwable> failure) {
        inTest = false;
        if (failure.isPresent()) {
            running().forEach(RealProcesses::logTail);
        }
        closeAll(testScoped);
    }

    void leaveClass() {
        closeAll(classScoped);
    }

    /** The processes not yet closed: the current test's, then the class's, newest first. */
    List<RealProcess> running() {
        return Stream.concat(testScoped.stream(), classScoped.stream())
                .filter(RealProcess.class::isInstance).map(RealProcess.class::cast).toList();
    }

    private static void logTail(RealProcess process) {
        log.warn("Test failed; last {} lines of {}:{}", LOG_LINES_ON_FAILURE, process,
                process.indentedLogTail(LOG_LINES_ON_FAILURE));
    }

    private static void closeAll(Deque<AutoCloseable> scoped) {
        RuntimeException failure = null;
        for (AutoCloseable resource = scoped.poll(); resource != null; resource = scoped.poll()) {
            try {
                resource.close();
            } catch (Exception e) {
                RuntimeException unchecked = e instanceof RuntimeException runtime
                        ? runtime : new IllegalStateException("cannot close " + resource, e);
                if (failure == null) {
                    failure = unchecked;
                } else {
                    failure.addSuppressed(unchecked);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
