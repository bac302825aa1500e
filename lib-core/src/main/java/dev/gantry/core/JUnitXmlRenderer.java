package dev.gantry.core;

import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Renders a {@link Report} as a JUnit XML {@code <testsuite>} with one {@code <testcase>} per
 * subject; the mapping is documented on {@link Report#toJUnitXml()}.
 *
 * <p>Written with the JDK's {@link XMLStreamWriter}, which escapes markup characters; text is
 * first passed through {@link #xmlSafe(String)} because the writer does not remove characters that
 * XML 1.0 forbids. A new factory is made per call, as factories are not specified to be thread-safe.
 */
final class JUnitXmlRenderer {

    static final String DEFAULT_SUITE = "gantry";

    private JUnitXmlRenderer() {
    }

    static String render(Report report) {
        Map<String, List<Finding>> bySubject = report.findings().stream()
                .collect(Collectors.groupingBy(Finding::subject, LinkedHashMap::new, Collectors.toList()));
        String suite = report.title().orElse(DEFAULT_SUITE);
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            writeSuiteStart(xml, suite, bySubject);
            for (Map.Entry<String, List<Finding>> testcase : bySubject.entrySet()) {
                writeTestcase(xml, suite, testcase.getKey(), testcase.getValue());
            }
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new GantryException("could not write the report as JUnit XML: " + e.getMessage(), e);
        }
        return out.toString();
    }

    private static void writeSuiteStart(XMLStreamWriter xml, String suite, Map<String, List<Finding>> bySubject)
            throws XMLStreamException {
        long failures = bySubject.values().stream().filter(JUnitXmlRenderer::failed).count();
        long skipped = bySubject.values().stream().filter(JUnitXmlRenderer::skipped).count();
        xml.writeStartElement("testsuite");
        xml.writeAttribute("name", xmlSafe(suite));
        xml.writeAttribute("tests", Integer.toString(bySubject.size()));
        xml.writeAttribute("failures", Long.toString(failures));
        xml.writeAttribute("errors", "0");
        xml.writeAttribute("skipped", Long.toString(skipped));
    }

    private static void writeTestcase(XMLStreamWriter xml, String suite, String subject, List<Finding> findings)
            throws XMLStreamException {
        xml.writeCharacters("\n  ");
        xml.writeStartElement("testcase");
        xml.writeAttribute("classname", xmlSafe(suite));
        xml.writeAttribute("name", xmlSafe(subject));
        List<Finding> failures = findings.stream().filter(f -> f.severity() == Severity.FAIL).toList();
        if (!failures.isEmpty()) {
            writeFailure(xml, failures);
        } else if (skipped(findings)) {
            xml.writeCharacters("\n    ");
            xml.writeEmptyElement("skipped");
            xml.writeAttribute("message", "informational only: nothing was checked");
        }
        List<Finding> others = findings.stream().filter(f -> f.severity() != Severity.FAIL).toList();
        if (!others.isEmpty()) {
            xml.writeCharacters("\n    ");
            xml.writeStartElement("system-out");
            xml.writeCharacters(xmlSafe(listing(others, true)));
            xml.writeEndElement();
        }
        xml.writeCharacters("\n  ");
        xml.writeEndElement();
    }

    private static void writeFailure(XMLStreamWriter xml, List<Finding> failures) throws XMLStreamException {
        Finding first = failures.get(0);
        String message = first.message().replaceAll("[\\r\\n]+", " ")
                + (failures.size() > 1 ? " (and " + (failures.size() - 1) + " more failures)" : "");
        xml.writeCharacters("\n    ");
        xml.writeStartElement("failure");
        xml.writeAttribute("message", xmlSafe(message));
        xml.writeAttribute("type", first.code());
        xml.writeCharacters(xmlSafe(listing(failures, false)));
        xml.writeEndElement();
    }

    /** Lists findings one per line: {@code CODE: message}, the remedy on its own indented line. */
    private static String listing(List<Finding> findings, boolean withSeverity) {
        StringBuilder sb = new StringBuilder();
        for (Finding f : findings) {
            if (withSeverity) {
                sb.append(f.severity()).append(' ');
            }
            sb.append(f.code()).append(": ").append(f.message()).append('\n');
            if (f.hasRemedy()) {
                sb.append("  remedy: ").append(f.remedy()).append('\n');
            }
        }
        return sb.toString();
    }

    private static boolean failed(List<Finding> findings) {
        return findings.stream().anyMatch(f -> f.severity() == Severity.FAIL);
    }

    private static boolean skipped(List<Finding> findings) {
        return findings.stream().allMatch(f -> f.severity() == Severity.INFO);
    }

    /**
     * Replaces every character that XML 1.0 forbids by U+FFFD: control characters other than tab,
     * newline and carriage return, unpaired surrogates, U+FFFE and U+FFFF.
     */
    static String xmlSafe(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                sb.append(c).append(text.charAt(++i));
            } else {
                sb.append(allowed(c) ? c : '\uFFFD');
            }
        }
        return sb.toString();
    }

    private static boolean allowed(char c) {
        if (c < 0x20) {
            return c == '\t' || c == '\n' || c == '\r';
        }
        return !Character.isSurrogate(c) && c != '\uFFFE' && c != '\uFFFF';
    }
}
