package dev.gantry.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressesTest {

    @ParameterizedTest
    @ValueSource(strings = {"10.0.1.11", "0.0.0.0", "255.255.255.255", "fd00::11", "::", "::1",
        "2001:db8:0:0:0:0:2:1", "::ffff:10.0.0.1", "64:ff9b::192.0.2.33", "FD00::AbCd"})
    void acceptsIpLiterals(String literal) {
        assertThat(Addresses.ipLiteral(literal)).isPresent();
        assertThat(Addresses.isHost(literal)).isTrue();
        assertThat(Addresses.isHostName(literal)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"cp-1", "k8s-api.example.com", "CP-1.Example.COM", "a", "1a.example.com", "x.y1"})
    void acceptsHostNames(String name) {
        assertThat(Addresses.isHostName(name)).isTrue();
        assertThat(Addresses.isHost(name)).isTrue();
        assertThat(Addresses.ipLiteral(name)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", ".", "a..b", "-cp", "cp-", "cp_1", "cp 1", "10.0.1", "10.0.1.256", "010.0.0.1",
        "1.2.3.4.5", "10.0.1.11 ", "fe80::1%eth0", "fe80::1%25eth0", "[fd00::1]", "fd00::1::2", "12345::",
        "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "::ffff:10.0.0.256", "g::1", "cp-1\n", "cp\u0000-1", "cp\u202e1",
        "exa\u00admple.com", "http://cp-1", "cp-1:6443", "*.example.com", "123"})
    void rejectsWhatIsNeitherAHostNameNorAnIpLiteral(String hostile) {
        assertThat(Addresses.isHost(hostile)).isFalse();
        assertThatThrownBy(() -> Addresses.requireHost(hostile, "address"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a valid")
                .hasMessageNotContaining("\n").hasMessageNotContaining("\u0000");
    }

    @Test
    void rejectsHugeNamesAndLabels() {
        String label64 = "a".repeat(64);
        String name254 = ("a".repeat(62) + ".").repeat(4) + "ab";

        assertThat(Addresses.isHostName("a".repeat(63))).isTrue();
        assertThat(Addresses.isHostName(label64)).isFalse();
        assertThat(name254).hasSize(254);
        assertThat(Addresses.isHostName(name254)).isFalse();
        assertThat(Addresses.isHost("1".repeat(100_000))).isFalse();
        assertThat(Addresses.ipLiteral(":".repeat(100_000))).isEmpty();
        assertThatThrownBy(() -> Addresses.requireHost("x".repeat(1_000_000), "address"))
                .hasMessageContaining("more characters");
    }

    @Test
    void saysWhichKindOfAddressAValueLookedLike() {
        assertThatThrownBy(() -> Addresses.requireHost("10.0.1.300", "address"))
                .hasMessageStartingWith("'10.0.1.300' is not a valid IPv4 address (expected an IPv4 address like");
        assertThatThrownBy(() -> Addresses.requireHost("fe80::1%eth0", "address"))
                .hasMessageStartingWith("'fe80::1%eth0' is not a valid IPv6 address");
        assertThatThrownBy(() -> Addresses.requireHost("cp_1", "address"))
                .hasMessageStartingWith("'cp_1' is not a valid address");
    }

    @Test
    void givesTwoSpellingsOfOneAddressTheSameKey() {
        assertThat(Addresses.key("FD00:0:0::11")).isEqualTo(Addresses.key("fd00::11")).isEqualTo("fd00:0:0:0:0:0:0:11");
        assertThat(Addresses.key("CP-1.Example.com")).isEqualTo("cp-1.example.com");
        assertThat(Addresses.key("10.0.1.11")).isEqualTo("10.0.1.11");
    }

    @Test
    void validatesCidrsNamingTheSetting() {
        assertThat(Addresses.cidr("10.244.0.0/16", "podSubnet")).isEqualTo("10.244.0.0/16");
        assertThat(Addresses.cidr("fd00:10:244::/56", "podSubnet")).isEqualTo("fd00:10:244::/56");
        for (String bad : new String[] {"10.244.0.0", "10.244.0.0/33", "fd00::/129", "cp-1/8", "10.244.0.0/-1", "/8"}) {
            assertThatThrownBy(() -> Addresses.cidr(bad, "podSubnet"))
                    .hasMessageStartingWith("podSubnet '" + bad + "' is not a CIDR");
        }
    }

    @Test
    void comparesSubnetsAndRendersNetworks() {
        InetAddress a = Addresses.ipLiteral("10.0.1.11").orElseThrow();
        InetAddress b = Addresses.ipLiteral("10.0.1.200").orElseThrow();
        InetAddress c = Addresses.ipLiteral("10.0.2.11").orElseThrow();
        InetAddress v6 = Addresses.ipLiteral("fd00::1").orElseThrow();

        assertThat(Addresses.sameSubnet(a, b, 24)).isTrue();
        assertThat(Addresses.sameSubnet(a, c, 24)).isFalse();
        assertThat(Addresses.sameSubnet(a, v6, 0)).isFalse();
        assertThat(Addresses.network(a, 24)).isEqualTo("10.0.1.0/24");
        assertThat(Addresses.network(v6, 64)).isEqualTo("fd00:0:0:0:0:0:0:0/64");
        assertThat(Addresses.forUrl("fd00::1")).isEqualTo("[fd00::1]");
        assertThat(Addresses.forUrl("cp-1")).isEqualTo("cp-1");
    }
}
