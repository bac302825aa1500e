package dev.gantry.core.exec;

import dev.gantry.core.Machine;
import dev.gantry.core.SshAccess;
import java.util.Objects;

/**
 * A machine that commands run on: a name for logs and reports, the address to reach it at, and
 * how to log in over SSH.
 *
 * <pre>{@code
 * Host cp1 = Host.of(inventory.machine("cp-1").orElseThrow());
 * Host lab = Host.of("lab", "127.0.0.1").withSsh(SshAccess.of("gantry", 2222));
 * }</pre>
 *
 * @param name the name shown in logs, reports and errors
 * @param address an IP address or DNS name
 * @param ssh the SSH user and port; ignored by {@link HostExecutor}s that do not use SSH
 */
public record Host(String name, String address, SshAccess ssh) {

    /** Checks that no field is null or blank. */
    public Host {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(ssh, "ssh");
        if (name.isBlank() || address.isBlank()) {
            throw new IllegalArgumentException("a host needs a name and an address, got name '" + name
                    + "' and address '" + address + "'");
        }
    }

    /**
     * Returns a host reached as {@code root} on port 22.
     *
     * @param name the host's name
     * @param address its address
     * @return a host reached as {@code root} on port 22
     */
    public static Host of(String name, String address) {
        return new Host(name, address, SshAccess.ofDefaults());
    }

    /**
     * Returns the host for that machine, with its name, address and SSH access.
     *
     * @param machine an inventory machine
     * @return the host for that machine, with its name, address and SSH access
     */
    public static Host of(Machine machine) {
        return new Host(machine.name(), machine.address(), machine.ssh());
    }

    /**
     * Returns the local machine, named {@code localhost}.
     *
     * @return the local machine, named {@code localhost}
     */
    public static Host local() {
        return of("localhost", "127.0.0.1");
    }

    /**
     * Returns a copy with that SSH access.
     *
     * @param value how to log in
     * @return a copy with that SSH access
     */
    public Host withSsh(SshAccess value) {
        return new Host(name, address, value);
    }
}
