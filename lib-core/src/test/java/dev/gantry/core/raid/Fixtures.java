package dev.gantry.core.raid;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** Reads the fixtures under {@code src/test/resources/raid/}; each directory names its sources in {@code .source} files. */
final class Fixtures {

    private Fixtures() {}

    static String read(String path) {
        try (InputStream in = Objects.requireNonNull(Fixtures.class.getResourceAsStream("/raid/" + path),
                "no fixture raid/" + path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
