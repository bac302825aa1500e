package dev.gantry.test.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class ProgramsTest {

    private static final String MISSING = "gantry-no-such-program";

    @Test
    void findsAProgramOnThePathOfTheGivenEnvironment(@TempDir Path bin) throws IOException {
        Path program = Files.writeString(bin.resolve(MISSING), "#!/bin/sh\n");
        Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwxr-xr-x"));

        Path found = Programs.require(MISSING, "gantry-test", Map.of("PATH", "/nonexistent:" + bin));

        assertThat(found).isEqualTo(program.toAbsolutePath());
    }

    @Test
    void skipsFilesThatAreNotExecutable(@TempDir Path bin) throws IOException {
        Files.writeString(bin.resolve(MISSING), "not a program\n");

        assertThat(Programs.find(MISSING, Map.of("PATH", bin.toString()))).isEmpty();
    }

    @Test
    void fallsBackToTheSystemDirectoriesWhenPathIsEmpty() {
        Path sh = Programs.require("sh", "dash", Map.of());

        assertThat(sh.getFileName()).hasToString("sh");
        assertThat(sh.getParent()).isIn(Programs.FALLBACK_DIRECTORIES);
        assertThat(Files.isExecutable(sh)).isTrue();
    }

    @Test
    void abortsTheTestLocallyWhenTheProgramIsMissing() {
        assertThatThrownBy(() -> Programs.require(MISSING, "gantry-pkg", Map.of("PATH", "/nonexistent")))
                .isInstanceOf(TestAbortedException.class)
                .hasMessage(MISSING + " not found (PATH, /usr/sbin); install Debian package gantry-pkg: "
                        + "apt-get install -y gantry-pkg");
    }

    @Test
    void abortsTheTestWhenCiIsSetToSomethingOtherThanTrue() {
        assertThatThrownBy(() -> Programs.require(MISSING, "gantry-pkg", Map.of("CI", "1")))
                .isInstanceOf(TestAbortedException.class);
    }

    @Test
    void failsTheRunOnCiWhenTheProgramIsMissing() {
        assertThatThrownBy(() -> Programs.require(MISSING, "gantry-pkg", Map.of("CI", "true")))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessage(MISSING + " not found (PATH, /usr/sbin); install Debian package gantry-pkg: "
                        + "apt-get install -y gantry-pkg. CI=true: missing programs fail the run");
    }

    @Test
    void rejectsProgramNamesWithADirectory() {
        assertThatThrownBy(() -> Programs.find("/usr/bin/etcd"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("plain file name");
    }
}
