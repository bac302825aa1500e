package dev.gantry.test.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The extension's scoping, driven through the same steps JUnit's callbacks take. */
class RealProcessesTest {

    private final RealProcesses extension = new RealProcesses();

    @Test
    void closesAProcessStartedInATestWhenTheTestEnds() {
        extension.enterClass(RealProcessesTest.class);
        extension.enterTest(RealProcessesTest.class);
        RealProcess process = extension.start(sleeper("in-test"));

        extension.leaveTest(Optional.empty());

        assertThat(process.isAlive()).isFalse();
        assertThat(process.workDir()).doesNotExist();
        extension.leaveClass();
    }

    @Test
    void closesAProcessStartedInATestEvenWhenTheTestFailed() {
        extension.enterClass(RealProcessesTest.class);
        extension.enterTest(RealProcessesTest.class);
        RealProcess process = extension.start(sleeper("failing-test"));

        extension.leaveTest(Optional.of(new AssertionError("the test failed")));

        assertThat(process.isAlive()).isFalse();
        extension.leaveClass();
    }

    @Test
    void keepsAProcessStartedBeforeTheTestsUntilTheClassEnds() {
        extension.enterClass(RealProcessesTest.class);
        RealProcess shared = extension.start(sleeper("shared"));
        extension.enterTest(RealProcessesTest.class);
        extension.leaveTest(Optional.empty());

        assertThat(shared.isAlive()).isTrue();

        extension.leaveClass();

        assertThat(shared.isAlive()).isFalse();
        assertThat(shared.workDir()).doesNotExist();
    }

    @Test
    void putsLogsInADirectoryNamedAfterTheTestClassUnlessTheBuilderNamesOne() {
        extension.enterClass(RealProcessesTest.class);
        extension.enterTest(RealProcessesTest.class);

        RealProcess byClass = extension.start(sleeper("by-class"));
        RealProcess byBuilder = extension.start(sleeper("by-builder").logGroup("custom"));

        assertThat(byClass.logFile()).hasParent(ItDirectories.logs().resolve("RealProcessesTest"));
        assertThat(byBuilder.logFile()).hasParent(ItDirectories.logs().resolve("custom"));
        extension.leaveTest(Optional.empty());
        extension.leaveClass();
    }

    @Test
    void deletesADirectoryMadeInATestWithEverythingInItWhenTheTestEnds() throws IOException {
        extension.enterClass(RealProcessesTest.class);
        extension.enterTest(RealProcessesTest.class);
        Path keys = extension.directory("keys");
        Files.writeString(keys.resolve("client.key"), "not a real key");
        RealProcess user = extension.start(sleeper("key-user"));

        extension.leaveTest(Optional.empty());

        assertThat(user.isAlive()).isFalse();
        assertThat(keys).doesNotExist();
        extension.leaveClass();
    }

    @Test
    void keepsADirectoryMadeBeforeTheTestsUntilTheClassEnds() {
        extension.enterClass(RealProcessesTest.class);
        Path shared = extension.directory("shared-keys");
        extension.enterTest(RealProcessesTest.class);
        extension.leaveTest(Optional.empty());

        assertThat(shared).isDirectory().startsWith(ItDirectories.work());

        extension.leaveClass();

        assertThat(shared).doesNotExist();
    }

    private static RealProcess.Builder sleeper(String name) {
        return RealProcess.builder(name).command("/bin/sh", "-c", "exec sleep 60");
    }
}
