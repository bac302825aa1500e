package dev.gantry.core.raid;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Builds {@code /sys/block}-shaped trees in a temporary directory for tests. */
final class SysTree {

    private final Path root;

    SysTree(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    /** Adds an md array with its {@code md/} attributes and block size in sectors. */
    SysTree array(String name, String level, String arrayState, int raidDisks, long chunkBytes, long sectors) {
        write(name + "/md/level", level);
        write(name + "/md/array_state", arrayState);
        write(name + "/md/raid_disks", Integer.toString(raidDisks));
        write(name + "/md/chunk_size", Long.toString(chunkBytes));
        write(name + "/md/metadata_version", "1.2");
        write(name + "/size", Long.toString(sectors));
        return this;
    }

    /** Adds a member {@code dev-<device>} with state, slot and size in KiB, and its block link. */
    SysTree member(String array, String device, String state, String slot, long sizeKib) {
        String dir = array + "/md/dev-" + device;
        write(dir + "/state", state);
        write(dir + "/slot", slot);
        write(dir + "/size", Long.toString(sizeKib));
        try {
            Files.createSymbolicLink(root.resolve(dir + "/block"), Path.of("../../../../devices/virtual/block/" + device));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /**
     * Unpacks a fixture in the subset of prometheus/procfs' ttar format that sysfs trees need:
     * {@code Directory: path}, {@code Path: path} + {@code Lines: n} + n lines of content (0 gives an
     * empty file), {@code SymLink: path} + {@code SymlinkTo: target}; {@code Mode:} lines and lines
     * starting with {@code #} between entries are skipped.
     */
    SysTree unpack(String ttar) {
        List<String> lines = ttar.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            try {
                if (line.startsWith("Directory: ")) {
                    Files.createDirectories(root.resolve(line.substring("Directory: ".length())));
                } else if (line.startsWith("Path: ")) {
                    Path file = root.resolve(line.substring("Path: ".length()));
                    int count = Integer.parseInt(lines.get(++i).substring("Lines: ".length()));
                    StringBuilder content = new StringBuilder();
                    for (int n = 0; n < count; n++) {
                        content.append(lines.get(++i)).append('\n');
                    }
                    Files.createDirectories(file.getParent());
                    Files.writeString(file, content);
                } else if (line.startsWith("SymLink: ")) {
                    Path link = root.resolve(line.substring("SymLink: ".length()));
                    Files.createDirectories(link.getParent());
                    Files.createSymbolicLink(link, Path.of(lines.get(++i).substring("SymlinkTo: ".length())));
                } else if (!line.isBlank() && !line.startsWith("#") && !line.startsWith("Mode: ")) {
                    throw new IllegalArgumentException("fixture line " + (i + 1) + " is not ttar: " + line);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return this;
    }

    SysTree write(String relative, String content) {
        try {
            Path file = root.resolve(relative);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content + "\n");
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
