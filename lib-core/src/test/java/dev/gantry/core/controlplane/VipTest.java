package dev.gantry.core.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class VipTest {

    @Test
    void defaultsToASlash24ForIpv4AndASlash64ForIpv6() {
        assertThat(Vip.of("10.0.1.10", "eth0")).isEqualTo(new Vip("10.0.1.10", "eth0", 24, 51));
        assertThat(Vip.of("10.0.1.10", "eth0").network()).isEqualTo("10.0.1.0/24");
        assertThat(Vip.of("fd00:1:2:3::10", "ens5").network()).isEqualTo("fd00:1:2:3:0:0:0:0/64");
    }

    @Test
    void coversAddressesInItsSubnetOnly() {
        Vip vip = Vip.of("10.0.1.10", "eth0").withPrefixLength(22);

        assertThat(vip.network()).isEqualTo("10.0.0.0/22");
        assertThat(vip.covers("10.0.3.250")).isTrue();
        assertThat(vip.covers("10.0.4.1")).isFalse();
        assertThat(vip.covers("fd00::1")).isFalse();
        assertThat(vip.covers("cp-1.example.com")).isFalse();
    }

    @Test
    void rejectsNamesBadInterfacesAndOutOfRangeNumbers() {
        assertThatThrownBy(() -> Vip.of("k8s-api.example.com", "eth0")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not an IP address");
        assertThatThrownBy(() -> Vip.of("10.0.1.10", "eth 0")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("network interface 'eth 0' is not valid");
        assertThatThrownBy(() -> Vip.of("10.0.1.10", "eth0").withPrefixLength(33))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("prefixLength must be 1 to 32");
        assertThatThrownBy(() -> Vip.of("10.0.1.10", "eth0").withRouterId(256))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("routerId must be 1 to 255");
    }
}
