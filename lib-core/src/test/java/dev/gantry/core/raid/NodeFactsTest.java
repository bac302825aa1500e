package dev.gantry.core.raid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.core.Finding;
import dev.gantry.core.Severity;
import dev.gantry.core.exec.ExecException;
import dev.gantry.core.exec.Host;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class NodeFactsTest {

    private static final Host WORKER = Host.of("worker-3", "10.0.2.23");
    private static final List<String> GREP_MD0 = List.of("grep", "-H", ".", "/sys/block/md0/md/array_state",
            "/sys/block/md0/md/chunk_size");
    private static final String MOUNTS = "/dev/vda / ext4 rw,relatime 0 0\n"
            + "/dev/loop0 /srv/fast\\040data btrfs rw,relatime,space_cache=v2,subvolid=5,subvol=/ 0 0\n"
            + "/dev/loop0 /srv/again btrfs rw,relatime,space_cache=v2,subvolid=5,subvol=/ 0 0\n";

    @Test
    void marksARaid0BrokenFromSysfsAlthoughLsblkCannotTell() {
        FakeExecutor executor = new FakeExecutor()
                .answer(NodeFactsCollector.LSBLK, Fixtures.read("raid/lsblk/md0-raid0-sysroot-2.38.json"))
                .answer(GREP_MD0, "/sys/block/md0/md/array_state:broken\n/sys/block/md0/md/chunk_size:524288\n");

        NodeFacts facts = NodeFacts.collect(WORKER, executor);

        assertThat(facts.array("md0")).hasValueSatisfying(md0 -> {
            assertThat(md0.state()).isEqualTo("broken");
            assertThat(md0.chunkBytes()).isEqualTo(524288);
            assertThat(md0.members()).hasSize(2);
        });
    }

    @Test
    void readsMdArraysFromProcMdstatAndTheirStateFromSysfs() {
        FakeExecutor executor = new FakeExecutor()
                .answer(NodeFactsCollector.MDSTAT, "Personalities : [raid0] \n"
                        + "md0 : active raid0 nvme1n1[1] nvme0n1[0]\n"
                        + "      1953258496 blocks super 1.2 512k chunks\n\nunused devices: <none>\n")
                .answer(GREP_MD0, "/sys/block/md0/md/array_state:broken\n/sys/block/md0/md/chunk_size:524288\n");

        NodeFacts facts = NodeFacts.collect(WORKER, executor);

        assertThat(facts.array("md0")).hasValueSatisfying(md0 -> {
            assertThat(md0.level()).isEqualTo("raid0");
            assertThat(md0.state()).isEqualTo("broken");
            assertThat(md0.members()).extracting(RaidMember::device).containsExactlyInAnyOrder("nvme0n1", "nvme1n1");
        });
    }

    @Test
    void prefersLvmsViewOfAVolumeLsblkAlsoShows() {
        FakeExecutor executor = new FakeExecutor()
                .answer(NodeFactsCollector.LSBLK, Fixtures.read("raid/lsblk/lvm-striped-and-linear.json"))
                .answer(NodeFactsCollector.LVS, Fixtures.read("raid/lvm/striped-and-linear.json"));

        NodeFacts facts = NodeFacts.collect(WORKER, executor);

        assertThat(facts.arrays()).extracting(RaidArray::name).containsExactly("my-vg/fast-lv", "vg0/data");
        assertThat(facts.array("vg0/data").orElseThrow().members()).extracting(RaidMember::index).containsExactly(0, 1);
    }

    @Test
    void readsEachBtrfsFilesystemOnceFromTheKernelsMountTable() {
        FakeExecutor executor = new FakeExecutor()
                .answer(NodeFactsCollector.MOUNTS, MOUNTS)
                .answer(List.of("btrfs", "--format", "json", "filesystem", "df", "/srv/fast data"),
                        Fixtures.read("raid/btrfs/df-raid0.json"))
                .answer(List.of("btrfs", "filesystem", "show", "--raw", "/srv/fast data"),
                        Fixtures.read("raid/btrfs/show-raw-raid0.txt"))
                .answer(List.of("btrfs", "--format", "json", "filesystem", "df", "/srv/again"),
                        Fixtures.read("raid/btrfs/df-raid0.json"))
                .answer(List.of("btrfs", "filesystem", "show", "--raw", "/srv/again"),
                        Fixtures.read("raid/btrfs/show-raw-raid0.txt"));

        NodeFacts facts = NodeFacts.collect(WORKER, executor);

        assertThat(facts.arrays()).extracting(RaidArray::name)
                .containsExactly("btrfs:ed37a884-3263-48d0-b569-5c3c9bddd753:data");
        assertThat(facts.arrays().get(0).members()).hasSize(2);
    }

    @Test
    void fallsBackToTextWhenBtrfsHasNoJsonOutput() {
        FakeExecutor executor = new FakeExecutor()
                .answer(NodeFactsCollector.MOUNTS, "/dev/sdb /data btrfs rw 0 0\n")
                .fail(List.of("btrfs", "--format", "json", "filesystem", "df", "/data"), 1,
                        "btrfs: unrecognized option '--format'\n")
                .answer(List.of("btrfs", "filesystem", "df", "-b", "/data"), Fixtures.read("raid/btrfs/df-b-raid0.txt"));

        NodeFacts facts = NodeFacts.collect(WORKER, executor);

        assertThat(facts.arrays()).extracting(RaidArray::name, RaidArray::level)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("btrfs:data", "raid0"));
        assertThat(facts.notes()).extracting(FactNote::command).contains("btrfs filesystem show --raw /data");
    }

    @Test
    void notesMissingToolsInsteadOfFailing() {
        NodeFacts facts = NodeFacts.collect(WORKER, new FakeExecutor());

        assertThat(facts.arrays()).isEmpty();
        assertThat(facts.notes()).extracting(FactNote::kind).containsOnly(FactNote.Kind.MISSING);
        assertThat(facts.notes()).extracting(FactNote::command)
                .contains("lsblk -J -b -O", String.join(" ", NodeFactsCollector.LVS));
        assertThat(facts.report().findings()).extracting(Finding::code).containsOnly("RAID-SOURCE-MISSING");
        assertThat(facts.report().ok()).isTrue();
    }

    @Test
    void notesUnreadableOutputAndStillReadsTheOtherSources() {
        FakeExecutor executor = new FakeExecutor()
                .answer(NodeFactsCollector.LSBLK, Fixtures.read("raid/lsblk/md0-raid0-sysroot-2.38.json"))
                .answer(NodeFactsCollector.LVS, "  Segmentation fault\n");

        NodeFacts facts = NodeFacts.collect(WORKER, executor);

        assertThat(facts.arrays()).extracting(RaidArray::name).containsExactly("md0");
        assertThat(facts.notes()).filteredOn(n -> n.kind() == FactNote.Kind.UNREADABLE).singleElement()
                .satisfies(n -> assertThat(n.message()).contains("lvs on worker-3"));
        assertThat(facts.report().worst()).isEqualTo(Severity.WARN);
    }

    @Test
    void notesACommandThatFails() {
        FakeExecutor executor = new FakeExecutor()
                .fail(NodeFactsCollector.LVS, 5, "  WARNING: Running as a non-root user. Functionality may be unavailable.\n");

        NodeFacts facts = NodeFacts.collect(WORKER, executor);

        assertThat(facts.notes()).filteredOn(n -> n.kind() == FactNote.Kind.FAILED).singleElement()
                .satisfies(n -> assertThat(n.message()).contains("exit code 5", "non-root"));
    }

    @Test
    void runsArgumentVectorsWithTheGivenTimeoutAndKeepsTheirOutput() {
        FakeExecutor executor = new FakeExecutor()
                .answer(NodeFactsCollector.MDSTAT, "Personalities : [raid0] \nunused devices: <none>\n");

        NodeFacts facts = NodeFacts.collect(WORKER, executor, Duration.ofSeconds(7));

        assertThat(executor.calls()).extracting(FakeExecutor.Call::argv).contains(
                List.of("env", "LC_ALL=C", "lvs", "--reportformat", "json", "--units", "b", "--nosuffix", "-a", "-o",
                        "lv_name,vg_name,segtype,stripes,stripe_size,lv_size,devices,lv_attr"));
        assertThat(executor.calls()).allSatisfy(c -> {
            assertThat(c.timeout()).isEqualTo(Duration.ofSeconds(7));
            assertThat(c.host()).isEqualTo(WORKER);
        });
        assertThat(facts.outputs()).containsEntry("cat /proc/mdstat", "Personalities : [raid0] \nunused devices: <none>\n");
    }

    @Test
    void readsNoSysfsPathForAnArrayNameThatIsNotAnMdDevice() {
        String hostile = Fixtures.read("raid/lsblk/md0-raid0-sysroot-2.38.json").replace("\"md0\"", "\"../../etc\"");
        FakeExecutor executor = new FakeExecutor().answer(NodeFactsCollector.LSBLK, hostile);

        NodeFacts.collect(WORKER, executor);

        assertThat(executor.calls()).extracting(c -> c.argv().get(0)).doesNotContain("grep");
    }

    @Test
    void throwsWhenTheHostCannotBeReached() {
        FakeExecutor executor = new FakeExecutor().unreachable("ssh: connect to host 10.0.2.23 port 22: No route to host");

        assertThatThrownBy(() -> NodeFacts.collect(WORKER, executor))
                .isInstanceOf(ExecException.class).hasMessageContaining("No route to host");
    }

    @Test
    void unescapesMountPointsAndKeepsOnlyBtrfs() {
        assertThat(NodeFactsCollector.btrfsMounts(MOUNTS)).containsExactly("/srv/fast data", "/srv/again");
    }

    @Test
    void rejectsANonPositiveTimeout() {
        assertThatThrownBy(() -> NodeFacts.collect(WORKER, new FakeExecutor(), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("commandTimeout");
    }
}
