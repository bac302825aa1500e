package dev.gantry.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.junit.jupiter.api.Test;

/** Every problem of an inventory file gives a message naming the source, line, machine and field. */
class InventoryErrorTest {

    private static final String CP1 = """
            machines:
              - name: cp-1
                address: 10.0.1.11
                role: control-plane
            """;

    static ParseException errorOf(String text) {
        Throwable thrown = catchThrowable(() -> Inventory.parse(text, "hosts.yaml"));
        assertThat(thrown).isInstanceOf(ParseException.class);
        return (ParseException) thrown;
    }

    /** CP1 with one more line added to its machine. */
    private static ParseException errorWith(String line) {
        return errorOf(CP1 + "    " + line + "\n");
    }

    @Test
    void suggestsTheClosestFieldForAnUnknownOne() {
        ParseException e = errorOf("""
                machines:
                  - name: cp-1
                    adress: 10.0.1.11
                    role: control-plane
                """);

        assertThat(e.getMessage()).startsWith("hosts.yaml:3: machine 'cp-1': unknown field 'adress'"
                + " (did you mean 'address'? expected one of name, address, role, failureDomain, provider,"
                + " ssh, labels, disks)");
        assertThat(e.offendingText()).hasValue("    adress: 10.0.1.11");
        assertThat(e.line()).hasValue(3);
        assertThat(e.source()).isEqualTo("hosts.yaml");
    }

    @Test
    void suggestsTheFieldMeantByACommonSynonym() {
        assertThat(errorWith("zone: eu-west-1a").getMessage())
                .contains("machine 'cp-1': unknown field 'zone' (did you mean 'failureDomain'?");
    }

    @Test
    void explainsThatMergeKeysAreNotSupported() {
        assertThat(errorWith("<<: {provider: cloud-vm}").getMessage())
                .contains("machine 'cp-1': unknown field '<<' (YAML merge keys are not supported; expected one of");
    }

    @Test
    void namesAMachineWithoutANameByItsIndex() {
        ParseException e = errorOf(CP1 + """
                  - address: 10.0.1.12
                    role: control-plane
                """);

        assertThat(e.getMessage()).startsWith("hosts.yaml:5: machines[1]: missing required field 'name'"
                + " (expected lower-case letters");
    }

    @Test
    void reportsAMissingAddress() {
        assertThat(errorOf("machines:\n  - name: cp-1\n    role: worker\n").getMessage())
                .startsWith("hosts.yaml:2: machine 'cp-1': missing required field 'address' (expected an IPv4 address");
    }

    @Test
    void reportsAMissingRoleWithTheValidRoles() {
        assertThat(errorOf("machines:\n  - name: cp-1\n    address: 10.0.1.11\n").getMessage())
                .startsWith("hosts.yaml:2: machine 'cp-1': missing required field 'role'"
                        + " (expected control-plane, worker or etcd)");
    }

    @Test
    void reportsADuplicateNameWithBothMachines() {
        ParseException e = errorOf(CP1 + """
                  - name: cp-1
                    address: 10.0.1.12
                    role: control-plane
                """);

        assertThat(e.getMessage()).startsWith("hosts.yaml:5: machines[1]: field 'name': duplicate machine name"
                + " 'cp-1', already used by machines[0] at line 2 (expected each machine to have its own"
                + " machine name)");
    }

    @Test
    void reportsADuplicateAddressWithBothMachines() {
        ParseException e = errorOf(CP1 + """
                  - name: cp-2
                    address: 10.0.1.11
                    role: control-plane
                """);

        assertThat(e.getMessage()).startsWith("hosts.yaml:6: machine 'cp-2': field 'address': duplicate address"
                + " '10.0.1.11', already used by machine 'cp-1' at line 3 (expected each machine to have its"
                + " own address)");
    }

    @Test
    void reportsAPortThatIsNotANumber() {
        assertThat(errorWith("ssh: {user: ubuntu, port: abc}").getMessage())
                .startsWith("hosts.yaml:5: machine 'cp-1': field 'ssh.port': 'abc' is not a port number"
                        + " (expected a port number 1..65535)");
    }

    @Test
    void reportsAPortOutOfRange() {
        assertThat(errorWith("ssh: {port: 70000}").getMessage())
                .contains("machine 'cp-1': field 'ssh.port': port 70000 is out of range"
                        + " (expected a port number 1..65535)");
        assertThat(errorWith("ssh: {port: 0}").getMessage())
                .contains("field 'ssh.port': port 0 is out of range (expected a port number 1..65535)");
        assertThat(errorWith("ssh: {port: -22}").getMessage())
                .contains("field 'ssh.port': '-22' is not a port number");
    }

    @Test
    void reportsAnUnknownSshField() {
        assertThat(errorWith("ssh: {usr: ubuntu}").getMessage())
                .startsWith("hosts.yaml:5: machine 'cp-1': unknown field 'ssh.usr' (did you mean 'ssh.user'?"
                        + " expected one of user, port)");
    }

    @Test
    void reportsAnUnknownRoleWithTheValidRoles() {
        ParseException e = errorOf(CP1.replace("role: control-plane", "role: master"));

        assertThat(e.getMessage()).startsWith("hosts.yaml:4: machine 'cp-1': field 'role': unknown role 'master'"
                + " (expected control-plane, worker or etcd)");
        assertThat(e.offendingText()).hasValue("    role: master");
    }

    @Test
    void suggestsTheClosestRole() {
        assertThat(errorOf(CP1.replace("role: control-plane", "role: controlplane")).getMessage())
                .contains("unknown role 'controlplane' (did you mean 'control-plane'? expected");
    }

    @Test
    void reportsAnUnknownProviderWithTheValidProviders() {
        assertThat(errorWith("provider: aws").getMessage())
                .startsWith("hosts.yaml:5: machine 'cp-1': field 'provider': unknown provider 'aws'"
                        + " (expected cloud-vm or bare-metal)");
    }

    @Test
    void reportsFieldsOfTheWrongType() {
        assertThat(errorWith("labels: [tier, masters]").getMessage()).startsWith("hosts.yaml:5: machine 'cp-1':"
                + " field 'labels': expected a map of label keys to values like {tier: masters} but found a list");
        assertThat(errorWith("disks: nvme0n1").getMessage()).startsWith("hosts.yaml:5: machine 'cp-1': field"
                + " 'disks': expected a list of disks like [nvme0n1, nvme1n1] but found the value 'nvme0n1'");
        assertThat(errorWith("ssh: ubuntu").getMessage()).startsWith("hosts.yaml:5: machine 'cp-1': field"
                + " 'ssh': expected a map like {user: ubuntu, port: 22} but found the value 'ubuntu'");
        assertThat(errorWith("address2: x").getMessage()).contains("unknown field 'address2'");
    }

    @Test
    void reportsALabelValueThatIsNotAScalar() {
        assertThat(errorWith("labels: {tier: [a, b]}").getMessage()).startsWith("hosts.yaml:5: machine 'cp-1':"
                + " field 'labels.tier': expected a single label value like masters but found a list");
        assertThat(errorWith("labels: {tier: }").getMessage())
                .contains("field 'labels.tier': expected a single label value like masters but found an empty value");
    }

    @Test
    void reportsAScalarFieldGivenAsAList() {
        assertThat(errorOf(CP1.replace("address: 10.0.1.11", "address: [10.0.1.11]")).getMessage())
                .startsWith("hosts.yaml:3: machine 'cp-1': field 'address': expected an IPv4 address like"
                        + " 10.0.1.11, an IPv6 address like fd00::11, or a DNS host name like cp-1.example.com"
                        + " but found a list");
    }

    @Test
    void reportsAnEmptyRequiredField() {
        assertThat(errorOf(CP1.replace("address: 10.0.1.11", "address:")).getMessage())
                .startsWith("hosts.yaml:3: machine 'cp-1': field 'address': expected an IPv4 address")
                .contains("but found an empty value");
    }

    @Test
    void reportsInvalidValuesWithWhatWasExpected() {
        assertThat(errorOf(CP1.replace("name: cp-1", "name: CP_1")).getMessage()).startsWith("hosts.yaml:2:"
                + " machines[0]: field 'name': 'CP_1' is not a valid machine name (expected lower-case letters");
        assertThat(errorOf(CP1.replace("10.0.1.11", "10.0.1.256")).getMessage()).startsWith("hosts.yaml:3:"
                + " machine 'cp-1': field 'address': '10.0.1.256' is not a valid IPv4 address (expected");
        assertThat(errorWith("disks: [nvme0n1, 'sd b']").getMessage()).startsWith("hosts.yaml:5: machine"
                + " 'cp-1': field 'disks[1]': 'sd b' is not a valid disk (expected a device name like nvme0n1");
        assertThat(errorWith("failureDomain: 'eu west'").getMessage()).startsWith("hosts.yaml:5: machine"
                + " 'cp-1': field 'failureDomain': 'eu west' is not a valid failure domain (expected");
        assertThat(errorWith("labels: {'bad key': x}").getMessage()).startsWith("hosts.yaml:5: machine"
                + " 'cp-1': field 'labels.bad key': 'bad key' is not a valid label key (expected");
        assertThat(errorWith("ssh: {user: -oProxyCommand=x}").getMessage()).startsWith("hosts.yaml:5:"
                + " machine 'cp-1': field 'ssh.user': '-oProxyCommand=x' is not a valid ssh user (expected");
    }

    @Test
    void reportsADiskListedTwice() {
        assertThat(errorWith("disks: [nvme0n1, nvme0n1]").getMessage()).startsWith("hosts.yaml:5: machine"
                + " 'cp-1': field 'disks[1]': disk 'nvme0n1' is already listed as disks[0] (expected each disk once)");
    }

    @Test
    void reportsAFieldGivenTwice() {
        assertThat(errorWith("address: 10.0.1.12").getMessage()).startsWith("hosts.yaml:5: machine 'cp-1':"
                + " field 'address' appears twice (at lines 3 and 5; expected each key once)");
    }

    @Test
    void reportsAMachineThatIsNotAMap() {
        assertThat(errorOf("machines:\n  - cp-1\n").getMessage()).startsWith("hosts.yaml:2: machines[0]:"
                + " expected a map of machine fields (name, address, role, failureDomain, provider, ssh, labels,"
                + " disks) but found the value 'cp-1'");
    }

    @Test
    void reportsATopLevelThatIsNotAMap() {
        assertThat(errorOf("- name: cp-1\n").getMessage()).startsWith("hosts.yaml:1: expected a map with a"
                + " 'machines' list at the top level but found a list");
        assertThat(errorOf("just text").getMessage()).startsWith("hosts.yaml:1: expected a map with a"
                + " 'machines' list at the top level but found the value 'just text'");
    }

    @Test
    void reportsAMissingMachinesKey() {
        assertThat(errorOf("{}").getMessage())
                .startsWith("hosts.yaml:1: no 'machines' key (expected a top-level 'machines:' list of machines)");
    }

    @Test
    void reportsMachinesThatAreNotAList() {
        assertThat(errorOf("machines:\n  cp-1: {address: 10.0.1.11}\n").getMessage()).startsWith("hosts.yaml:2:"
                + " 'machines' must be a list of machines (expected '- name: …' items) but found a map");
        assertThat(errorOf("machines:\n").getMessage()).startsWith("hosts.yaml:1: 'machines' must be a list"
                + " of machines (expected '- name: …' items) but found an empty value");
    }

    @Test
    void suggestsTheClosestTopLevelKey() {
        assertThat(errorOf("machine: []\n").getMessage()).startsWith("hosts.yaml:1: unknown top-level key"
                + " 'machine' (did you mean 'machines'? expected only 'machines')");
        assertThat(errorOf("machines: []\nnodes: []\n").getMessage())
                .startsWith("hosts.yaml:2: unknown top-level key 'nodes' (expected only 'machines')");
    }

    @Test
    void reportsEmptyInput() {
        String expected = "hosts.yaml: the input is empty (expected a YAML or JSON map with a 'machines' list)";
        assertThat(errorOf("").getMessage()).isEqualTo(expected);
        assertThat(errorOf(" \n\t\n").getMessage()).isEqualTo(expected);
        assertThat(errorOf("# only a comment\n").getMessage()).startsWith("hosts.yaml: the input has no content");
    }

    @Test
    void reportsAYamlSyntaxErrorAtTheParsersLineAndKeepsTheCause() {
        ParseException e = errorOf("""
                machines:
                  - name: cp-1
                    address: 10.0.1.11
                   role: worker
                """);

        assertThat(e.getMessage()).startsWith("hosts.yaml:4: not valid YAML:");
        assertThat(e.offendingText()).hasValue("   role: worker");
        assertThat(e.getCause()).isNotNull();
    }

    @Test
    void reportsAnUnterminatedFlowListAtTheLineWhereItEnds() {
        ParseException e = errorOf("machines:\n  - name: cp-1\n    disks: [nvme0n1\n");

        assertThat(e.getMessage()).startsWith("hosts.yaml:4: not valid YAML: while parsing a flow sequence");
    }

    @Test
    void reportsAJsonSyntaxErrorAtTheParsersLineAndKeepsTheCause() {
        ParseException e = errorOf("{\n  \"machines\": [\n    {\"name\": \"cp-1\",,}\n  ]\n}\n");

        assertThat(e.getMessage()).startsWith("hosts.yaml:3: not valid JSON: Unexpected character (','");
        assertThat(e.getCause()).isInstanceOf(tools.jackson.core.JacksonException.class);
    }

    @Test
    void reportsJsonErrorsInFieldsLikeYamlOnes() {
        ParseException e = errorOf("{\"machines\": [\n {\"name\": \"cp-1\", \"address\": \"10.0.1.11\",\n"
                + "  \"role\": \"master\"}]}");

        assertThat(e.getMessage()).startsWith("hosts.yaml:3: machine 'cp-1': field 'role': unknown role 'master'");
    }

    @Test
    void rejectsASecondDocument() {
        assertThat(errorOf(CP1 + "---\nmachines: []\n").getMessage())
                .startsWith("hosts.yaml:6: found more content after the first document"
                        + " (expected a single YAML document)");
    }

    @Test
    void escapesControlCharactersOfHostileValues() {
        String message = errorOf(CP1.replace("role: control-plane", "role: \"x\\n\\u001b[31mFAKE\"")).getMessage();

        assertThat(message).contains("unknown role 'x\\n\\u001b[31mFAKE'").doesNotContain("\u001b");
    }
}
