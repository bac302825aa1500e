package com.example.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.core.Finding;
import dev.gantry.core.Report;
import dev.gantry.core.raid.MdStat;
import dev.gantry.core.raid.RaidArray;
import dev.gantry.core.raid.RaidCheck;
import dev.gantry.test.ReportTests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class RaidCheckTest {

    private static final RaidCheck TWO_DISK_RAID0 = RaidCheck.raid0().withMembers(2);

    @TestFactory
    Stream<DynamicTest> theDataVolumeOfAHealthyNodeIsStripedOverTwoDisks() throws IOException {
        return ReportTests.of(TWO_DISK_RAID0.check("worker-1", mdstat("mdstat-raid0-healthy")));
    }

    @Test
    void readsTheArrayFromProcMdstat() throws IOException {
        List<RaidArray> arrays = mdstat("mdstat-raid0-healthy");

        assertThat(arrays).hasSize(1);
        assertThat(TWO_DISK_RAID0.check("worker-1", arrays).ok()).isTrue();
    }

    @Test
    void anArrayWithOneMemberFailsTheTwoDiskPolicy() throws IOException {
        Report report = TWO_DISK_RAID0.check("worker-2", mdstat("mdstat-raid0-one-member"));

        assertThat(report.ok()).as(report.toText()).isFalse();
        assertThat(report.failures()).extracting(Finding::subject).allMatch(subject -> subject.contains("worker-2"));
    }

    private static List<RaidArray> mdstat(String fixture) throws IOException {
        Path file = Path.of("src/test/resources").resolve(fixture);
        return MdStat.parse(Files.readString(file), file.toString());
    }
}
