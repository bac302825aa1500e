package dev.gantry.core.controlplane;

import dev.gantry.core.internal.Addresses;
import java.net.InetAddress;
import java.util.Objects;

/**
 * A virtual IP address that keepalived moves between the control-plane machines (VRRP), with
 * HAProxy on each of them forwarding the API endpoint to every API server.
 *
 * <p>An L2 VIP only works when every machine that may hold it is in the VIP's subnet, so the
 * planner checks the masters' addresses against {@link #network()} (finding {@code
 * HA-VIP-SPANS-SUBNETS}).
 *
 * <pre>{@code
 * Vip vip = Vip.of("10.0.1.10", "eth0");          // 10.0.1.0/24, virtual router id 51
 * Vip wide = vip.withPrefixLength(22).withRouterId(77);
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param address the virtual IPv4 or IPv6 address
 * @param networkInterface the interface keepalived announces it on, e.g. {@code eth0}
 * @param prefixLength the subnet's prefix length; 1..32 for IPv4, 1..128 for IPv6
 * @param routerId the VRRP virtual router id, 1..255; the same on every master and unique in the
 *     subnet
 */
public record Vip(String address, String networkInterface, int prefixLength, int routerId) {

    /** The default VRRP virtual router id, as in kubeadm's HA guide. */
    public static final int DEFAULT_ROUTER_ID = 51;

    /**
     * Validates the components.
     *
     * @throws IllegalArgumentException when the address is not an IP literal, the interface name is
     *     not valid, or a number is out of range
     */
    public Vip {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(networkInterface, "networkInterface");
        InetAddress ip = Addresses.ipLiteral(address).orElseThrow(() -> new IllegalArgumentException(
                "VIP '" + address + "' is not an IP address (expected an IPv4 or IPv6 literal like 10.0.1.10)"));
        if (!networkInterface.matches("[A-Za-z0-9_.:-]{1,15}")) {
            throw new IllegalArgumentException("network interface '" + networkInterface + "' is not valid"
                    + " (expected at most 15 letters, digits, '_', '.', ':' or '-', like eth0 or ens5)");
        }
        int bits = ip.getAddress().length * 8;
        if (prefixLength < 1 || prefixLength > bits) {
            throw new IllegalArgumentException("prefixLength must be 1 to " + bits + " but was " + prefixLength);
        }
        if (routerId < 1 || routerId > 255) {
            throw new IllegalArgumentException("routerId must be 1 to 255 but was " + routerId);
        }
    }

    /**
     * Returns a VIP in a /24 (IPv4) or /64 (IPv6) subnet with virtual router id {@value
     * #DEFAULT_ROUTER_ID}.
     *
     * @param address the virtual IP address, e.g. {@code 10.0.1.10}
     * @param networkInterface the interface, e.g. {@code eth0}
     * @return the VIP
     */
    public static Vip of(String address, String networkInterface) {
        int prefix = Addresses.ipLiteral(Objects.requireNonNull(address, "address"))
                .map(ip -> ip.getAddress().length == 4 ? 24 : 64).orElse(24);
        return new Vip(address, networkInterface, prefix, DEFAULT_ROUTER_ID);
    }

    /**
     * Returns a copy in a subnet of another size.
     *
     * @param newPrefixLength the prefix length, e.g. {@code 22}
     * @return the copy
     */
    public Vip withPrefixLength(int newPrefixLength) {
        return new Vip(address, networkInterface, newPrefixLength, routerId);
    }

    /**
     * Returns a copy with another VRRP virtual router id.
     *
     * @param newRouterId 1..255
     * @return the copy
     */
    public Vip withRouterId(int newRouterId) {
        return new Vip(address, networkInterface, prefixLength, newRouterId);
    }

    /**
     * Returns the VIP's subnet, e.g. {@code 10.0.1.0/24}.
     *
     * @return the network in CIDR notation
     */
    public String network() {
        return Addresses.network(ip(), prefixLength);
    }

    /** The address, parsed. */
    InetAddress ip() {
        return Addresses.ipLiteral(address).orElseThrow();
    }

    /** Tells whether an address is an IP literal in the VIP's subnet. */
    boolean covers(String host) {
        return Addresses.ipLiteral(host).filter(ip -> Addresses.sameSubnet(ip, ip(), prefixLength)).isPresent();
    }
}
