package dev.gantry.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class ReportJUnitXmlTest {

    private static final Report MIXED = Report.of(
            Finding.fail("HA-QUORUM-EVEN", "cluster", "4 voting members", "remove one"),
            Finding.warn("HA-LB-SINGLE", "api-lb", "one load balancer", "add a second"),
            Finding.pass("HA-SPREAD", "cluster", "3 failure domains"),
            Finding.info("ETCD-VERSION", "etcd", "3.5.12"),
            Finding.fail("RAID-MEMBER-FAILED", "node-7 md0", "sdb failed", "replace sdb"),
            Finding.fail("RAID-LEVEL", "node-7 md0", "raid1, expected raid0", ""));

    @Test
    void countsOneTestPerSubjectWithFailuresAndSkippedInformationalSubjects() throws Exception {
        Element suite = parse(MIXED.toJUnitXml()).getDocumentElement();

        assertThat(suite.getTagName()).isEqualTo("testsuite");
        assertThat(suite.getAttribute("name")).isEqualTo("gantry");
        assertThat(suite.getAttribute("tests")).isEqualTo("4");
        assertThat(suite.getAttribute("failures")).isEqualTo("2");
        assertThat(suite.getAttribute("errors")).isEqualTo("0");
        assertThat(suite.getAttribute("skipped")).isEqualTo("1");
        assertThat(suite.getElementsByTagName("properties").getLength()).isZero();
    }

    @Test
    void namesTestcasesBySubjectInFirstSeenOrderAndClassnameBySuite() throws Exception {
        List<Element> cases = elements(parse(MIXED.withTitle("prod audit").toJUnitXml()), "testcase");

        assertThat(cases).extracting(c -> c.getAttribute("name"))
                .containsExactly("cluster", "api-lb", "etcd", "node-7 md0");
        assertThat(cases).extracting(c -> c.getAttribute("classname")).containsOnly("prod audit");
    }

    @Test
    void givesAFailingTestcaseOneFailureThatListsAllItsFailFindings() throws Exception {
        Element md0 = elements(parse(MIXED.toJUnitXml()), "testcase").get(3);
        List<Element> failures = elements(md0, "failure");

        assertThat(failures).hasSize(1);
        Element failure = failures.get(0);
        assertThat(failure.getAttribute("type")).isEqualTo("RAID-MEMBER-FAILED");
        assertThat(failure.getAttribute("message")).isEqualTo("sdb failed (and 1 more failures)");
        assertThat(failure.getTextContent()).isEqualTo(
                "RAID-MEMBER-FAILED: sdb failed\n  remedy: replace sdb\nRAID-LEVEL: raid1, expected raid0\n");
    }

    @Test
    void putsPassWarnAndInfoFindingsIntoSystemOut() throws Exception {
        List<Element> cases = elements(parse(MIXED.toJUnitXml()), "testcase");

        assertThat(elements(cases.get(0), "system-out").get(0).getTextContent())
                .isEqualTo("PASS HA-SPREAD: 3 failure domains\n");
        assertThat(elements(cases.get(1), "failure")).isEmpty();
        assertThat(elements(cases.get(1), "system-out").get(0).getTextContent())
                .isEqualTo("WARN HA-LB-SINGLE: one load balancer\n  remedy: add a second\n");
        assertThat(elements(cases.get(2), "skipped")).hasSize(1);
    }

    @Test
    void staysWellFormedWithHostileText() throws Exception {
        String hostile = "a<b & c ]]> d \u0000 e \u001b[31m f \uD800 g \uDC00 h \uFFFE i \uD83D\uDE00 \"'";
        Report report = Report.of(Finding.fail("X", hostile, hostile, hostile)).withTitle(hostile);

        Document doc = parse(report.toJUnitXml());

        String expected = "a<b & c ]]> d \uFFFD e \uFFFD[31m f \uFFFD g \uFFFD h \uFFFD i \uD83D\uDE00 \"'";
        assertThat(doc.getDocumentElement().getAttribute("name")).isEqualTo(expected);
        Element testcase = elements(doc, "testcase").get(0);
        assertThat(testcase.getAttribute("name")).isEqualTo(expected);
        Element failure = elements(testcase, "failure").get(0);
        assertThat(failure.getAttribute("message")).isEqualTo(expected);
        assertThat(failure.getTextContent()).isEqualTo("X: " + expected + "\n  remedy: " + expected + "\n");
    }

    @Test
    void keepsLineBreaksInBodiesButFlattensThemInTheFailureMessage() throws Exception {
        Report report = Report.of(Finding.fail("X", "host", "line one\nline two", ""));

        Element failure = elements(parse(report.toJUnitXml()), "failure").get(0);

        assertThat(failure.getAttribute("message")).isEqualTo("line one line two");
        assertThat(failure.getTextContent()).isEqualTo("X: line one\nline two\n");
    }

    @Test
    void handlesTenThousandFindings() throws Exception {
        List<Finding> findings = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            String subject = "node-" + (i % 2500);
            findings.add(i % 4 == 0
                    ? Finding.fail("DISK-FULL", subject, "finding " + i + " <&>\u0001", "free space")
                    : Finding.pass("DISK-OK", subject, "finding " + i));
        }

        Document doc = parse(Report.of(findings).toJUnitXml());

        Element suite = doc.getDocumentElement();
        assertThat(suite.getAttribute("tests")).isEqualTo("2500");
        assertThat(suite.getAttribute("failures")).isEqualTo("625");
        assertThat(doc.getElementsByTagName("testcase").getLength()).isEqualTo(2500);
        assertThat(doc.getElementsByTagName("failure").getLength()).isEqualTo(625);
        Element first = elements(doc, "failure").get(0);
        assertThat(first.getAttribute("message")).isEqualTo("finding 0 <&>\uFFFD (and 3 more failures)");
    }

    @Test
    void anEmptyReportIsAnEmptySuite() throws Exception {
        Element suite = parse(Report.empty().toJUnitXml()).getDocumentElement();

        assertThat(suite.getAttribute("tests")).isEqualTo("0");
        assertThat(suite.getAttribute("failures")).isEqualTo("0");
        assertThat(suite.getChildNodes().getLength()).isLessThanOrEqualTo(1);
    }

    /** Parses as a CI server reads a report file: UTF-8 bytes, namespace-unaware DOM, no DTDs. */
    static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Element> elements(Document doc, String tag) {
        return elements(doc.getDocumentElement(), tag);
    }

    private static List<Element> elements(Element parent, String tag) {
        NodeList nodes = parent.getElementsByTagName(tag);
        List<Element> list = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            list.add((Element) nodes.item(i));
        }
        return list;
    }
}
