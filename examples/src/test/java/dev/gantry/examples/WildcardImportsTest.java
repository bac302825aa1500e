package dev.gantry.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import org.junit.jupiter.api.Test;

/**
 * Runbooks import Gantry's packages with wildcards, so no simple class name may be public in two
 * of them: with {@code import dev.gantry.core.controlplane.*; import dev.gantry.health.*;} a name
 * in both is "ambiguous" and the runbook does not compile.
 */
class WildcardImportsTest {

    private static final List<String> PACKAGES = List.of(
            "dev.gantry.core", "dev.gantry.core.controlplane", "dev.gantry.core.etcd",
            "dev.gantry.core.raid", "dev.gantry.core.storage", "dev.gantry.core.workflow",
            "dev.gantry.core.exec", "dev.gantry.health", "dev.gantry.health.sync",
            "dev.gantry.health.etcd", "dev.gantry.health.probe", "dev.gantry.health.sidecar",
            "dev.gantry.k8s", "dev.gantry.k8s.controlplane", "dev.gantry.k8s.storage",
            "dev.gantry.test", "dev.gantry.test.harness");

    @Test
    void noSimpleClassNameIsPublicInTwoGantryPackages() throws IOException {
        Map<String, List<String>> packagesByName = new TreeMap<>();
        for (String className : gantryClasses()) {
            Class<?> type = load(className);
            if (type != null && Modifier.isPublic(type.getModifiers()) && type.getEnclosingClass() == null) {
                packagesByName.computeIfAbsent(type.getSimpleName(), name -> new ArrayList<>())
                        .add(type.getPackageName());
            }
        }
        Map<String, List<String>> clashes = packagesByName.entrySet().stream()
                .filter(entry -> entry.getValue().size() > 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));

        assertThat(packagesByName).as("public Gantry classes found on the class path").isNotEmpty();
        assertThat(clashes).as("simple names public in two packages").isEmpty();
    }

    @Test
    void aSessionThatImportsEveryPublicPackageCompilesSnippetsWithoutAmbiguity() {
        try (JShell shell = JShell.builder().executionEngine("local").build()) {
            classPath().forEach(shell::addToClasspath);
            for (String name : PACKAGES) {
                assertValid(shell, "import " + name + ".*;");
            }
            assertValid(shell, "ApiEndpoint api = ApiEndpoint.parse(\"10.0.0.10:6443\");");
            assertValid(shell, "HttpEndpoint node = HttpEndpoint.of(\"http://127.0.0.1:9332\");");
            assertValid(shell, "Quorum quorum = Quorum.of(3);");
            assertValid(shell, "int tolerated = quorum.tolerates();");
            assertValid(shell, "Report report = Report.of(CheckResult.up(\"caught up\").toFinding(\"node\"));");
            assertValid(shell, "boolean ok = report.ok();");
        }
    }

    private static void assertValid(JShell shell, String source) {
        List<SnippetEvent> events = shell.eval(source);
        assertThat(events).as("events of %s", source).isNotEmpty();
        for (SnippetEvent event : events) {
            String diagnostics = shell.diagnostics(event.snippet())
                    .map(diagnostic -> diagnostic.getMessage(null))
                    .collect(Collectors.joining("; "));
            assertThat(event.status()).as("%s: %s", source, diagnostics).isEqualTo(Snippet.Status.VALID);
            assertThat(event.exception()).as("%s threw", source).isNull();
        }
    }

    private static List<String> classPath() {
        String path = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return Arrays.asList(path.split(File.pathSeparator));
    }

    private static TreeSet<String> gantryClasses() throws IOException {
        TreeSet<String> names = new TreeSet<>();
        for (String entry : classPath()) {
            Path path = Path.of(entry);
            if (!path.toString().contains("gantry") && !path.toString().contains("lib-")) {
                continue;
            }
            if (Files.isDirectory(path)) {
                try (Stream<Path> files = Files.walk(path)) {
                    files.map(file -> path.relativize(file).toString())
                            .forEach(name -> addClass(names, name));
                }
            } else if (Files.isRegularFile(path) && entry.endsWith(".jar")) {
                try (JarFile jar = new JarFile(path.toFile())) {
                    jar.stream().forEach(jarEntry -> addClass(names, jarEntry.getName()));
                }
            }
        }
        return names;
    }

    private static void addClass(TreeSet<String> names, String file) {
        String name = file.replace(File.separatorChar, '/');
        if (name.startsWith("dev/gantry/") && name.endsWith(".class") && !name.contains("$")
                && !name.contains("/internal/") && !name.endsWith("package-info.class")
                && !name.startsWith("dev/gantry/examples/")) {
            names.add(name.substring(0, name.length() - ".class".length()).replace('/', '.'));
        }
    }

    private static Class<?> load(String className) {
        try {
            return Class.forName(className, false, WildcardImportsTest.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }
}
