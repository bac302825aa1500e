package dev.gantry.core.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.test.harness.Programs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks that every variable of the rendered {@code /etc/etcd/etcd.env} names a flag that the real
 * etcd (Debian package etcd-server) knows: etcd maps {@code ETCD_INITIAL_CLUSTER} to {@code
 * --initial-cluster}, and ignores, with a warning, a variable whose flag does not exist.
 */
class EtcdEnvIT {

    @TempDir
    Path dir;

    @Test
    void everyVariableIsAnEtcdFlag() throws Exception {
        String help = etcdHelp();
        List<String> variables = Scenarios.golden().get("etcd-2.env").content().lines()
                .filter(l -> !l.startsWith("#") && !l.isBlank())
                .map(l -> l.substring(0, l.indexOf('=')))
                .toList();

        assertThat(variables).hasSizeGreaterThan(10);
        assertThat(variables).allSatisfy(v -> assertThat(help).as("etcd --help lists the flag of " + v)
                .contains(flag(v) + " "));
    }

    @Test
    void aMisspelledVariableWouldBeCaught() throws Exception {
        assertThat(etcdHelp()).doesNotContain(flag("ETCD_INITIAL_CLUSTERS") + " ");
    }

    private static String flag(String variable) {
        return "--" + variable.substring("ETCD_".length()).toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private String etcdHelp() throws IOException, InterruptedException {
        Path etcd = Programs.require("etcd", "etcd-server");
        Path output = dir.resolve("help.txt");
        Process process = new ProcessBuilder(etcd.toString(), "--help").redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("etcd --help did not finish within 60 s");
        }
        return Files.readString(output, StandardCharsets.UTF_8);
    }
}
