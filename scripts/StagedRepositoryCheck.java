import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Checks a staged Maven repository against Maven Central's publishing rules, as {@code
 * scripts/stage} leaves it: every POM names its project (name, description, URL, license,
 * developer, SCM), every jar has its sources and javadoc twins, a release depends on no SNAPSHOT,
 * every checksum matches its file, and every file is signed when signing was on.
 *
 * <p>Run as {@code java scripts/StagedRepositoryCheck.java DIR VERSION SIGNED}; prints one line a
 * problem and exits 1 when there is any.
 */
public final class StagedRepositoryCheck {

    private static final List<String> REQUIRED = List.of(
            "groupId", "artifactId", "version", "name", "description", "url",
            "licenses/license/name", "licenses/license/url", "developers/developer/name",
            "scm/url", "scm/connection");

    private final List<String> problems = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: java StagedRepositoryCheck.java DIR VERSION SIGNED(true|false)");
            System.exit(2);
        }
        StagedRepositoryCheck check = new StagedRepositoryCheck();
        int artifacts = check.run(Path.of(args[0]), args[1], Boolean.parseBoolean(args[2]));
        if (check.problems.isEmpty()) {
            System.out.println("staged repository ok: " + artifacts + " artifacts meet Central's rules");
            return;
        }
        System.err.println("staged repository does NOT meet Central's rules:");
        check.problems.forEach(problem -> System.err.println("  - " + problem));
        System.exit(1);
    }

    private int run(Path repository, String version, boolean signed) throws Exception {
        List<Path> poms;
        try (Stream<Path> files = Files.walk(repository)) {
            poms = files.filter(file -> file.toString().endsWith(".pom")).sorted().toList();
        }
        if (poms.isEmpty()) {
            problems.add(repository + ": no POM staged");
        }
        for (Path pom : poms) {
            checkPom(pom, version);
            checkTwins(pom);
        }
        try (Stream<Path> files = Files.walk(repository)) {
            for (Path file : files.filter(StagedRepositoryCheck::isPayload).sorted().toList()) {
                checkChecksum(file, "md5", "MD5");
                checkChecksum(file, "sha1", "SHA-1");
                if (signed && !Files.exists(sibling(file, ".asc"))) {
                    problems.add(repository.relativize(file) + ": no .asc signature");
                }
            }
        }
        return poms.size();
    }

    private static boolean isPayload(Path file) {
        String name = file.getFileName().toString();
        return Files.isRegularFile(file) && (name.endsWith(".jar") || name.endsWith(".pom"));
    }

    private void checkPom(Path pom, String version) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document document = factory.newDocumentBuilder().parse(pom.toFile());
        Element project = document.getDocumentElement();
        for (String path : REQUIRED) {
            if (text(project, path).isBlank()) {
                problems.add(pom.getFileName() + ": no <" + path.replace("/", "><") + ">");
            }
        }
        if (!text(project, "version").equals(version)) {
            problems.add(pom.getFileName() + ": version '" + text(project, "version")
                    + "', expected '" + version + "'");
        }
        if (!version.endsWith("-SNAPSHOT")) {
            NodeList versions = project.getElementsByTagName("version");
            for (int i = 0; i < versions.getLength(); i++) {
                String value = versions.item(i).getTextContent().trim();
                if (value.endsWith("-SNAPSHOT")) {
                    problems.add(pom.getFileName() + ": release " + version
                            + " refers to SNAPSHOT " + describe(versions.item(i).getParentNode()));
                }
            }
        }
    }

    private static String describe(Node dependency) {
        if (dependency instanceof Element element) {
            return text(element, "groupId") + ":" + text(element, "artifactId") + ":"
                    + text(element, "version");
        }
        return dependency.getNodeName();
    }

    private void checkTwins(Path pom) {
        Path jar = sibling(pom, ".jar");
        if (!Files.exists(jar)) {
            return; // a POM-only artifact such as the BOM
        }
        for (String classifier : List.of("sources", "javadoc")) {
            String name = pom.getFileName().toString().replaceAll("\\.pom$", "-" + classifier + ".jar");
            if (!Files.exists(pom.resolveSibling(name))) {
                problems.add(jar.getFileName() + ": no " + classifier + " jar (" + name + ")");
            }
        }
    }

    private void checkChecksum(Path file, String extension, String algorithm) throws IOException {
        Path sum = Path.of(file + "." + extension);
        if (!Files.exists(sum)) {
            problems.add(file.getFileName() + ": no ." + extension + " checksum");
            return;
        }
        String expected = Files.readString(sum).trim().split("\\s+")[0];
        String actual = digest(file, algorithm);
        if (!actual.equalsIgnoreCase(expected)) {
            problems.add(file.getFileName() + ": ." + extension + " says " + expected
                    + " but the file's " + algorithm + " is " + actual);
        }
    }

    private static String digest(Path file, String algorithm) throws IOException {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance(algorithm).digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is missing from this JDK", e);
        }
    }

    private static Path sibling(Path file, String extension) {
        String name = file.getFileName().toString();
        if (extension.equals(".asc")) {
            return file.resolveSibling(name + ".asc");
        }
        return file.resolveSibling(name.replaceAll("\\.[a-z]+$", extension));
    }

    /** The text of the first element at a slash-separated path below the project, or "". */
    private static String text(Element from, String path) {
        Element current = from;
        for (String step : path.split("/")) {
            current = child(current, step);
            if (current == null) {
                return "";
            }
        }
        return current.getTextContent().trim();
    }

    private static Element child(Element parent, String name) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(name)) {
                return element;
            }
        }
        return null;
    }
}
