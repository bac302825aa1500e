package dev.gantry.core.raid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.core.ParseException;
import dev.gantry.core.exec.Host;
import java.util.List;
import org.junit.jupiter.api.Test;

class NodeExporterMdTest {

    private static final String BTRFS = """
            # HELP node_btrfs_allocation_ratio Data allocation ratio for a layout/data type
            # TYPE node_btrfs_allocation_ratio gauge
            node_btrfs_allocation_ratio{block_group_type="data",mode="raid0",uuid="ed37a884-3263-48d0-b569-5c3c9bddd753"} 1
            node_btrfs_allocation_ratio{block_group_type="metadata",mode="raid1",uuid="ed37a884-3263-48d0-b569-5c3c9bddd753"} 2
            node_btrfs_device_size_bytes{device="loop0",uuid="ed37a884-3263-48d0-b569-5c3c9bddd753"} 2.68435456e+08
            node_btrfs_device_size_bytes{device="loop1",uuid="ed37a884-3263-48d0-b569-5c3c9bddd753"} 2.68435456e+08
            node_btrfs_size_bytes{block_group_type="data",mode="raid0",uuid="ed37a884-3263-48d0-b569-5c3c9bddd753"} 1.34217728e+08
            """;

    @Test
    void readsRealMdMetricsIntoArraysWithCountedMembers() {
        List<RaidArray> arrays = NodeExporterMd.parse(Fixtures.read("raid/nodeexporter/md-raid0-raid1.prom"));

        assertThat(arrays).extracting(RaidArray::name).containsExactly("md0", "md1", "md2");
        RaidArray md0 = arrays.get(0);
        assertThat(md0.level()).isEqualTo("unknown");
        assertThat(md0.state()).isEqualTo("active");
        assertThat(md0.sizeBytes()).isEqualTo(1953258496L * 1024);
        assertThat(md0.members()).extracting(RaidMember::device).containsExactly("md0/active-0", "md0/active-1");
        assertThat(md0.sync()).isEmpty();
    }

    @Test
    void countsAFailedMemberOfADegradedMirrorAndTheSlotItLeftEmpty() {
        RaidArray md1 = NodeExporterMd.parse(Fixtures.read("raid/nodeexporter/md-raid0-raid1.prom")).get(1);

        assertThat(md1.members()).containsExactly(new RaidMember("md1/active-0", -1, 0, MemberRole.ACTIVE),
                new RaidMember("md1/failed-0", -1, 0, MemberRole.FAULTY), RaidMember.missingSlot(-1));
    }

    @Test
    void agreesWithMdStatOnTheMissingSlotsOfAMirrorWithAFailedMember() {
        RaidArray fromMetrics = NodeExporterMd.parse(Fixtures.read("raid/nodeexporter/md-degraded-1.10.prom")).get(1);
        RaidArray fromMdstat = MdStat.parse("md1 : active raid1 sdd[1](F) sdc[0]\n      104790016 blocks super 1.2"
                + " [2/1] [U_]\n").get(0);

        assertThat(fromMetrics.members().stream().filter(RaidMember::missing).count())
                .isEqualTo(fromMdstat.members().stream().filter(RaidMember::missing).count()).isEqualTo(1);
        assertThat(fromMetrics.members().stream().filter(RaidMember::faulty).count()).isEqualTo(1);
    }

    @Test
    void readsAnArraySeenOnlyThroughTheSysfsGaugesOfNodeExporter110() {
        List<RaidArray> arrays = NodeExporterMd.parse(Fixtures.read("raid/nodeexporter/md-degraded-1.10.prom"));

        assertThat(arrays).extracting(RaidArray::name).containsExactly("md0", "md1", "md3");
        assertThat(arrays.get(2)).isEqualTo(new RaidArray("md3", "unknown", "unknown",
                List.of(RaidMember.active("md3/active-0", -1), RaidMember.active("md3/active-1", -1),
                        RaidMember.missingSlot(-1)), 0, 0, java.util.Optional.empty()));
    }

    @Test
    void missesNothingOfAHealthyRaid0ThatAlsoHasSysfsGauges() {
        RaidArray md0 = NodeExporterMd.parse(Fixtures.read("raid/nodeexporter/md-degraded-1.10.prom")).get(0);

        assertThat(md0.state()).isEqualTo("active");
        assertThat(md0.members()).extracting(RaidMember::device).containsExactly("md0/active-0", "md0/active-1");
    }

    @Test
    void readsAResyncWithItsProgress() {
        RaidArray md2 = NodeExporterMd.parse(Fixtures.read("raid/nodeexporter/md-raid0-raid1.prom")).get(2);

        assertThat(md2.sync()).hasValueSatisfying(s -> {
            assertThat(s.action()).isEqualTo("resync");
            assertThat(s.isRunning()).isTrue();
            assertThat(s.percent()).isBetween(22.39, 22.41);
        });
    }

    @Test
    void addsMissingMembersForRequiredSlotsNoDiskFills() {
        String metrics = """
                node_md_disks{device="md5",state="active"} 2
                node_md_disks{device="md5",state="failed"} 0
                node_md_disks_required{device="md5"} 3
                node_md_state{device="md5",state="inactive"} 1
                """;

        RaidArray md5 = NodeExporterMd.parse(metrics).get(0);

        assertThat(md5.state()).isEqualTo("inactive");
        assertThat(md5.members()).containsExactly(RaidMember.active("md5/active-0", -1),
                RaidMember.active("md5/active-1", -1), RaidMember.missingSlot(-1));
    }

    @Test
    void readsBtrfsDataProfilesWithTheirDevices() {
        List<RaidArray> arrays = NodeExporterMd.parse(BTRFS);

        assertThat(arrays).hasSize(1);
        RaidArray data = arrays.get(0);
        assertThat(data.name()).isEqualTo("btrfs:ed37a884-3263-48d0-b569-5c3c9bddd753:data");
        assertThat(data.level()).isEqualTo("raid0");
        assertThat(data.sizeBytes()).isEqualTo(134217728);
        assertThat(data.members()).containsExactly(new RaidMember("/dev/loop0", 0, 268435456, MemberRole.ACTIVE),
                new RaidMember("/dev/loop1", 1, 268435456, MemberRole.ACTIVE));
    }

    @Test
    void rejectsALineThatIsNoSample() {
        assertThatThrownBy(() -> NodeExporterMd.parse("node_md_blocks{device=\"md0\"} 1\n<html>oops</html>\n", "url"))
                .isInstanceOfSatisfying(ParseException.class, e -> {
                    assertThat(e.source()).isEqualTo("url");
                    assertThat(e.line()).hasValue(2);
                });
    }

    @Test
    void rejectsAValueThatIsNoNumber() {
        assertThatThrownBy(() -> NodeExporterMd.parse("node_md_blocks{device=\"md0\"} 1d\n"))
                .isInstanceOf(ParseException.class).hasMessageContaining("\"1d\"");
    }

    @Test
    void rejectsAnUnclosedLabelValue() {
        assertThatThrownBy(() -> NodeExporterMd.parse("node_md_blocks{device=\"md0} 1\n"))
                .isInstanceOf(ParseException.class);
    }

    @Test
    void nodeFactsFromNodeExporterKeepTheArraysAndTheBody() {
        String body = Fixtures.read("raid/nodeexporter/md-raid0-raid1.prom");

        NodeFacts facts = NodeFacts.fromNodeExporter(Host.of("worker-3", "10.0.2.23"), body, "GET metrics");

        assertThat(facts.arrays()).extracting(RaidArray::name).containsExactly("md0", "md1", "md2");
        assertThat(facts.notes()).isEmpty();
        assertThat(facts.outputs()).containsEntry("GET metrics", body);
    }

    @Test
    void nodeFactsFromNodeExporterNoteMetricsTheyCannotRead() {
        NodeFacts facts = NodeFacts.fromNodeExporter(Host.of("worker-3", "10.0.2.23"), "<html>login</html>\n",
                "GET metrics");

        assertThat(facts.arrays()).isEmpty();
        assertThat(facts.notes()).singleElement().satisfies(n -> {
            assertThat(n.kind()).isEqualTo(FactNote.Kind.UNREADABLE);
            assertThat(n.message()).contains("not a metric sample");
        });
    }
}
