package io.clipstream.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SourceRootsTest {

  final SourceRoots roots =
      SourceRoots.parse(
          List.of(
              "/srv/nvr",
              "file:///mnt/archive",
              "s3://recordings/site-a",
              "https://nvr.local:8443"));

  @Test
  void shouldAllowSourcesUnderAConfiguredRoot() {
    assertThat(roots.refusal("/srv/nvr/cam1/0001.mp4")).isEmpty();
    assertThat(roots.refusal("file:///mnt/archive/x.mp4")).isEmpty();
    assertThat(roots.refusal("s3://recordings/site-a/cam1/1.mp4")).isEmpty();
    assertThat(roots.refusal("https://NVR.local:8443/seg/1.mp4")).isEmpty();
  }

  @Test
  void shouldRefuseEverythingElseWithAReason() {
    assertThat(roots.refusal("/srv/nvr/../../etc/passwd"))
        .hasValueSatisfying(r -> assertThat(r).contains("outside sources.allowed.roots"));
    assertThat(roots.refusal("/srv/nvr-other/x.mp4")).isPresent();
    assertThat(roots.refusal("s3://recordings/site-ab/x.mp4")).isPresent();
    assertThat(roots.refusal("s3://other/site-a/x.mp4")).isPresent();
    assertThat(roots.refusal("https://nvr.local/seg/1.mp4")).isPresent();
    assertThat(roots.refusal("http://nvr.local:8443/seg/1.mp4")).isPresent();
    assertThat(roots.refusal("ftp://nvr.local/x")).isPresent();
    assertThat(roots.refusal("relative/x.mp4")).isPresent();
    assertThat(SourceRoots.parse(List.of()).refusal("/srv/x"))
        .hasValueSatisfying(r -> assertThat(r).contains("(none configured)"));
  }

  @Test
  void shouldExplainBadRoots() {
    assertThat(SourceRoots.problem(List.of("relative/dir"))).contains("not an absolute path");
    assertThat(SourceRoots.problem(List.of("https://host/path"))).contains("without a path");
    assertThat(SourceRoots.problem(List.of("ftp://host"))).contains("unsupported scheme");
    assertThat(SourceRoots.problem(List.of("/ok", "s3://b"))).isNull();
  }
}
