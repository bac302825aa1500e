package dev.gantry.core.raid;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Reads the RAID fixtures under {@code src/test/resources/raid/}. */
final class Fixtures {

    static final List<String> MDSTAT = List.of("node-exporter-fixture", "procfs-fixture", "raid0-healthy",
            "flags-and-remote", "odd-array", "raid456-grow-reshape",
            "multipath");
    static final List<String> MDADM = List.of("raid0-detail", "raid0-export", "raid1-degraded-detail",
            "raid0-broken-detail", "ddf-container-detail", "ddf-volume-detail");

    private Fixtures() {}

    static String mdstat(String name) {
        return read("raid/mdstat/" + name + ".txt");
    }

    static String mdadm(String name) {
        return read("raid/mdadm/" + name + ".txt");
    }

    static String read(String path) {
        try (InputStream in = Fixtures.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
