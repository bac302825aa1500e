package dev.gantry.core.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.core.exec.ExecResult;
import dev.gantry.core.exec.Host;
import dev.gantry.core.exec.HostExecutor;
import dev.gantry.core.exec.LocalExecutor;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sparse files under a test's own directory, attached as loop devices, with a private {@code
 * LVM_SYSTEM_DIR} whose {@code lvm.conf} disables activation, backups and archives and accepts only
 * these loop devices (shared/research/storage.md, addendum "What can be tested here"). {@link
 * #close()} detaches exactly these devices, by name, and deletes the files, whatever happened.
 */
final class LoopDevices implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LoopDevices.class);
    private static final Duration COMMAND = Duration.ofMinutes(2);
    private static final LocalExecutor LOCAL = LocalExecutor.ofDefaults();

    private final Path directory;
    private final List<String> devices = new ArrayList<>();
    private final Path lvmDir;

    private LoopDevices(Path directory) {
        this.directory = directory;
        this.lvmDir = directory.resolve("lvm");
    }

    /** Attaches {@code count} sparse files of {@code bytes} each; closes what it made when one fails. */
    static LoopDevices attach(String name, int count, long bytes) throws IOException {
        Path root = Path.of(System.getProperty("gantry.it.work", "target/it-work")).toAbsolutePath();
        Files.createDirectories(root);
        LoopDevices loops = new LoopDevices(Files.createTempDirectory(root, name + "-"));
        try {
            for (int i = 0; i < count; i++) {
                Path image = loops.directory.resolve("disk" + i + ".img");
                try (RandomAccessFile file = new RandomAccessFile(image.toFile(), "rw")) {
                    file.setLength(bytes);
                }
                ExecResult attached = run(List.of("losetup", "--find", "--show", image.toString()));
                assertThat(attached.exit()).as("losetup --find --show %s: %s (needs root and loop support)", image,
                        attached.stderr()).isZero();
                loops.devices.add(attached.stdout().strip());
            }
            Files.createDirectories(loops.lvmDir);
            Files.writeString(loops.lvmDir.resolve("lvm.conf"), loops.lvmConf());
            return loops;
        } catch (IOException | RuntimeException | AssertionError e) {
            loops.close();
            throw e;
        }
    }

    List<String> devices() {
        return List.copyOf(devices);
    }

    Path directory() {
        return directory;
    }

    /** A local executor whose every command sees this {@code LVM_SYSTEM_DIR}. */
    HostExecutor executor() {
        String env = "LVM_SYSTEM_DIR=" + lvmDir;
        return new HostExecutor() {
            @Override
            public ExecResult exec(Host host, List<String> argv, Duration timeout) {
                List<String> withEnv = new ArrayList<>(List.of("env", env));
                withEnv.addAll(argv);
                return LOCAL.exec(host, withEnv, timeout);
            }

            @Override
            public void upload(Host host, String path, byte[] content, int mode) {
                LOCAL.upload(host, path, content, mode);
            }
        };
    }

    /** Runs an LVM tool on these devices only, failing the test when it fails. */
    String lvm(String... argv) {
        ExecResult r = executor().exec(Host.local(), List.of(argv), COMMAND);
        assertThat(r.exit()).as("%s: %s", String.join(" ", argv), r.stderr()).isZero();
        return r.stdout();
    }

    private String lvmConf() {
        String accept = devices.stream().map(d -> "\"a|^" + d + "$|\"").collect(Collectors.joining(", "));
        return "global { activation = 0 }\n"
                + "backup { backup = 0 archive = 0 }\n"
                + "devices { use_devicesfile = 0 filter = [ " + accept + ", \"r|.*|\" ] }\n";
    }

    static ExecResult run(List<String> argv) {
        return LOCAL.exec(Host.local(), argv, COMMAND);
    }

    @Override
    public void close() {
        for (String device : devices) {
            log.info("losetup -d {}: exit {}", device, run(List.of("losetup", "-d", device)).exit());
        }
        devices.clear();
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
