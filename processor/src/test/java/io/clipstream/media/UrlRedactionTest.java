package io.clipstream.media;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UrlRedactionTest {

  @Test
  void shouldRemoveThePresignedQueryOfAnS3UrlInsideAMessage() {
    String presigned =
        "http://127.0.0.1:9000/nvr/cam-1/seg.mp4?X-Amz-Algorithm=AWS4-HMAC-SHA256"
            + "&X-Amz-Credential=AKIAEXAMPLE%2F20240524%2Fus-east-1%2Fs3%2Faws4_request"
            + "&X-Amz-Signature=0123abcd";

    String redacted = UrlRedaction.redact("avformat_open_input failed on '" + presigned + "': 404");

    assertThat(redacted)
        .isEqualTo(
            "avformat_open_input failed on 'http://127.0.0.1:9000/nvr/cam-1/seg.mp4?<query"
                + " hidden>': 404")
        .doesNotContain("X-Amz-", "AKIAEXAMPLE");
  }

  @Test
  void shouldRemoveUserInfoAndKeepHostAndPath() {
    assertThat(UrlRedaction.redact("open https://viewer:s3cret@cams.example:8443/a/b.mp4 now"))
        .isEqualTo("open https://***@cams.example:8443/a/b.mp4 now");
  }

  @Test
  void shouldLeaveS3UrisPathsAndPlainTextAsTheyAre() {
    String text = "Cannot read s3://nvr/cam@1/seg.mp4 or /nvr/x.mp4 (no such file): a@b";

    assertThat(UrlRedaction.redact(text)).isEqualTo(text);
    assertThat(UrlRedaction.redact(null)).isNull();
  }

  @Test
  void shouldBeIdempotent() {
    String once = UrlRedaction.redact("see http://u:p@h/x?sig=1 and 'https://h2/y?t=2'");

    assertThat(UrlRedaction.redact(once)).isEqualTo(once);
    assertThat(once)
        .isEqualTo("see http://***@h/x?<query hidden> and 'https://h2/y?<query hidden>'");
  }
}
