package dev.gantry.examples;

import com.sun.source.util.JavacTask;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/**
 * Tells whether one JShell snippet is valid Java syntax, by parsing it (never attributing: names
 * are not resolved) in the places JShell accepts it: as a statement, as a class member (method,
 * field, nested type), or as an import. Thread-safe.
 */
final class JavaSyntax {

    private static final JavaCompiler JAVAC = ToolProvider.getSystemJavaCompiler();

    private JavaSyntax() {}

    /**
     * Parses a snippet.
     *
     * @param snippet one complete snippet, as JShell cut it
     * @return javac's first syntax error when the snippet parses in none of the places
     */
    static Optional<String> error(String snippet) {
        Optional<String> asStatement = parse("class Snippet { void run() throws Throwable {\n" + snippet + "\n} }");
        if (asStatement.isEmpty()) {
            return asStatement;
        }
        if (parse("class Snippet {\n" + snippet + "\n}").isEmpty() || parse(snippet + "\nclass Snippet {}").isEmpty()) {
            return Optional.empty();
        }
        return asStatement;
    }

    private static Optional<String> parse(String source) {
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///Snippet.java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        JavacTask task = (JavacTask) JAVAC.getTask(null, null, diagnostics, List.of("-proc:none"), null, List.of(file));
        try {
            task.parse();
        } catch (IOException e) {
            throw new UncheckedIOException("javac could not read a snippet held in memory", e);
        }
        return diagnostics.getDiagnostics().stream()
                .filter(diagnostic -> diagnostic.getKind() == Diagnostic.Kind.ERROR)
                .map(diagnostic -> diagnostic.getMessage(null))
                .findFirst();
    }
}
