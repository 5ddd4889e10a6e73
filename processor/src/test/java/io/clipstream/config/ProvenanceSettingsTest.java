package io.clipstream.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clipstream.provenance.ClipSigner;
import io.clipstream.provenance.ThrowAwayCertificates;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The provenance.* keys: the signer, its time-stamp authority and the policy when it fails. */
class ProvenanceSettingsTest {

  @TempDir Path dir;

  private ClipstreamConfig load(Map<String, String> keys) {
    return RenderAndStorageSettingsTest.load(ConfigLoaderTest.MACHINE, keys);
  }

  private Map<String, String> pem() throws Exception {
    ThrowAwayCertificates.es256("Config").writePem(dir);
    return Map.of(
        "provenance.key.file", dir.resolve("key.pem").toString(),
        "provenance.chain.file", dir.resolve("chain.pem").toString());
  }

  @Test
  void shouldTimeStampWithTheConfiguredAuthorityAndRequireItByDefault() throws Exception {
    Map<String, String> keys = new java.util.HashMap<>(pem());
    keys.put("provenance.tsa.url", "https://tsa.example.com:8443/tsr?token=secret");
    ClipSigner signer = load(keys).clipSigner().orElseThrow();

    assertThat(signer.timeStampRequired()).isTrue();
    assertThat(signer.timeStampAuthority().orElseThrow().host())
        .as("names the TSA without its access token")
        .isEqualTo("https://tsa.example.com:8443");
    assertThat(signer.timeStampAuthority().orElseThrow().toString()).doesNotContain("secret");
  }

  @Test
  void shouldSignWithoutATimeStampWhenNoAuthorityIsSet() throws Exception {
    ClipSigner signer = load(pem()).clipSigner().orElseThrow();

    assertThat(signer.timeStampAuthority()).isEmpty();
    assertThat(load(Map.of()).clipSigner()).isEmpty();
  }

  @Test
  void shouldRefuseATimeStampAuthorityWithoutAKeyOrWithABadUrl() throws Exception {
    assertThatThrownBy(() -> load(Map.of("provenance.tsa.url", "http://tsa.local/")).clipSigner())
        .isInstanceOf(ConfigValidationException.class)
        .hasMessageContaining("provenance.tsa.url is set but no signing key is");
    Map<String, String> keys = new java.util.HashMap<>(pem());
    keys.put("provenance.tsa.url", "tsa.local:318");
    assertThatThrownBy(() -> load(keys))
        .isInstanceOf(ConfigValidationException.class)
        .hasMessageContaining("provenance.tsa.url");
  }
}
