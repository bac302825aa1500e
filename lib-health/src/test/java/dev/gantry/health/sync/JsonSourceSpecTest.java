package dev.gantry.health.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import dev.gantry.health.HttpEndpoint;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JsonSourceSpecTest {

    @Test
    void aGetSpecKeepsItsPathAndPointers() {
        JsonSourceSpec spec = JsonSourceSpec.get("/status").height("/sync_info/latest_block_height")
                .withNetworkHeight("/net").withSyncing("/sync_info/catching_up").withPeers("/peers")
                .withTipTime("/sync_info/latest_block_time");

        assertThat(spec.method()).isEqualTo("GET");
        assertThat(spec.path()).isEqualTo("/status");
        assertThat(spec.body()).isEmpty();
        assertThat(spec.height()).isEqualTo("/sync_info/latest_block_height");
        assertThat(spec.networkHeight()).contains("/net");
        assertThat(spec.syncing()).contains("/sync_info/catching_up");
        assertThat(spec.peers()).contains("/peers");
        assertThat(spec.tipTime()).contains("/sync_info/latest_block_time");
    }

    @Test
    void aPostSpecCarriesItsJsonBody() {
        JsonSourceSpec spec = JsonSourceSpec.post("/", "{\"method\":\"eth_blockNumber\"}").height("/result");

        assertThat(spec.method()).isEqualTo("POST");
        assertThat(spec.body()).contains("{\"method\":\"eth_blockNumber\"}");
    }

    @Test
    void aPointerWithoutTheLeadingSlashIsRejectedNamingIt() {
        assertThatIllegalArgumentException().isThrownBy(() -> JsonSourceSpec.get("/status").height("sync_info/height"))
                .withMessageContaining("height pointer \"sync_info/height\" is not a JSON Pointer (RFC 6901)")
                .withMessageContaining("start with '/'");
    }

    @Test
    void aJsonPathInsteadOfAPointerIsRejected() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> JsonSourceSpec.get("/status").height("/h").withPeers("$.result.peers"))
                .withMessageContaining("peers pointer \"$.result.peers\" is not a JSON Pointer");
    }

    @Test
    void aTildeNotFollowedByZeroOrOneIsRejected() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> JsonSourceSpec.get("/status").height("/h").withSyncing("/a~2b"))
                .withMessageContaining("syncing pointer \"/a~2b\"").withMessageContaining("'~' at index 2");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> JsonSourceSpec.get("/status").height("/h").withTipTime("/a~"))
                .withMessageContaining("tipTime pointer \"/a~\"");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> JsonSourceSpec.get("/status").height("/h").withNetworkHeight("net"))
                .withMessageContaining("networkHeight pointer \"net\"");
    }

    @Test
    void validPointersIncludingEscapesAndTheEmptyOneAreAccepted() {
        assertThat(JsonSourceSpec.get("/s").height("").height()).isEmpty();
        assertThat(JsonSourceSpec.get("/s").height("/a~0b/~1c/0").height()).isEqualTo("/a~0b/~1c/0");
        assertThat(JsonSourceSpec.get("/s").height("/").height()).isEqualTo("/");
    }

    @Test
    void aPostBodyThatIsNotJsonIsRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> JsonSourceSpec.post("/", "method=getinfo"))
                .withMessageContaining("the POST body is not JSON");
        assertThatIllegalArgumentException().isThrownBy(() -> JsonSourceSpec.post("/", " "))
                .withMessageContaining("the POST body is empty");
        assertThatIllegalArgumentException().isThrownBy(() -> JsonSourceSpec.post("/", "{} {}"))
                .withMessageContaining("the POST body is not JSON");
    }

    @Test
    void aBlankPathOrAnUnknownMethodIsRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> JsonSourceSpec.get(" "))
                .withMessageContaining("path must be a non-empty URL path");
        assertThatIllegalArgumentException().isThrownBy(() -> JsonSourceSpec.get("/a b"))
                .withMessageContaining("without spaces");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new JsonSourceSpec.Request("DELETE", "/", Optional.empty()))
                .withMessageContaining("method must be GET or POST but was DELETE");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new JsonSourceSpec.Request("GET", "/", Optional.of("{}")))
                .withMessageContaining("a GET has no body");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new JsonSourceSpec("POST", "/", Optional.empty(), "/h", Optional.empty(),
                        Optional.empty(), Optional.empty(), Optional.empty()))
                .withMessageContaining("a POST needs a JSON body");
    }

    @Test
    void nullsAreRejectedWithTheArgumentsName() {
        assertThatNullPointerException().isThrownBy(() -> JsonSourceSpec.get("/s").height(null))
                .withMessage("height");
        assertThatNullPointerException().isThrownBy(() -> JsonSourceSpec.get("/s").height("/h").withPeers(null))
                .withMessage("pointer");
        assertThatNullPointerException().isThrownBy(() -> JsonSourceSpec.post("/", null)).withMessage("jsonBody");
    }

    @Test
    void theFactoryRejectsMissingArguments() {
        JsonSourceSpec spec = JsonSourceSpec.get("/s").height("/h");

        assertThatNullPointerException().isThrownBy(() -> SyncSource.json(null, spec)).withMessage("endpoint");
        assertThatNullPointerException().isThrownBy(() -> SyncSource.json(HttpEndpoint.of("http://127.0.0.1:1"), null))
                .withMessage("spec");
    }
}
