package dev.gantry.core.exec;

import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/** Permission bits such as {@code 0640} as Java's POSIX permission sets and as octal text. */
final class FileModes {

    private static final PosixFilePermission[] BY_BIT = {
        PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
        PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
        PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ,
    };

    private FileModes() {}

    /**
     * Creates the value.
     *
     * @throws IllegalArgumentException when {@code mode} has bits outside {@code 0777}
     */
    static int check(int mode) {
        if (mode < 0 || mode > 0777) {
            throw new IllegalArgumentException("file mode must be between 0000 and 0777, got " + octal(mode));
        }
        return mode;
    }

    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> result = EnumSet.noneOf(PosixFilePermission.class);
        for (int bit = 0; bit < BY_BIT.length; bit++) {
            if ((check(mode) & (1 << bit)) != 0) {
                result.add(BY_BIT[bit]);
            }
        }
        return result;
    }

    static String octal(int mode) {
        return String.format("%04o", mode);
    }
}
