package io.clipstream.backend;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clipstream.contracts.RenderCommand;
import io.clipstream.contracts.SourceClip;
import io.clipstream.provenance.ClipSigner;
import io.clipstream.provenance.ProvenanceFacts;
import io.clipstream.provenance.TimeStampAuthority;
import io.clipstream.render.ClipResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signs a rendered clip before it is stored: the side-car first says who signs (so its hash, which
 * the manifest carries, covers that too), then the MP4 gets its C2PA manifest.
 */
final class ClipSigning {

  private static final Logger LOG = LoggerFactory.getLogger(ClipSigning.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private ClipSigning() {}

  /**
   * Signs the clip and its thumbnail. Without a time-stamp token: fails when the signer requires
   * one, else signs untimed and the side-car says so (it is written again before signing, so what
   * it says is what the manifest binds).
   */
  static void sign(ClipSigner signer, RenderCommand command, ClipResult result, String version)
      throws IOException {
    // The thumbnail is signed before the clip: if the clip's time-stamp then fails, the untimed
    // attempt starts again from the unsigned thumbnail.
    Optional<Path> unsignedThumbnail = Optional.empty();
    try {
      if (result.thumbnail().isPresent() && !signer.timeStampRequired()) {
        Path thumbnail = result.thumbnail().get();
        unsignedThumbnail =
            Optional.of(
                Files.copy(
                    thumbnail,
                    thumbnail.resolveSibling(thumbnail.getFileName() + ".unsigned"),
                    StandardCopyOption.REPLACE_EXISTING));
      }
      signWith(signer, command, result, version, Optional.empty());
    } catch (TimeStampAuthority.TimeStampException e) {
      if (signer.timeStampRequired()) {
        throw e;
      }
      LOG.warn(
          "Clip {}: no time-stamp ({}); signing without one (provenance.tsa.required=false)",
          command.getClipId(),
          e.getMessage());
      if (unsignedThumbnail.isPresent()) {
        Files.copy(
            unsignedThumbnail.get(),
            result.thumbnail().orElseThrow(),
            StandardCopyOption.REPLACE_EXISTING);
      }
      signWith(signer.withoutTimeStamp(), command, result, version, Optional.of(e.getMessage()));
    } finally {
      if (unsignedThumbnail.isPresent()) {
        Files.deleteIfExists(unsignedThumbnail.get());
      }
    }
  }

  private static void signWith(
      ClipSigner signer,
      RenderCommand command,
      ClipResult result,
      String version,
      Optional<String> timeStampFailure)
      throws IOException {
    ObjectNode sidecar = (ObjectNode) JSON.readTree(result.sidecar().toFile());
    ObjectNode provenance = sidecar.putObject("provenance");
    provenance.put("signed", true);
    provenance.put(
        "standard",
        result.thumbnail().isPresent()
            ? "C2PA 2.1 Content Credentials embedded in the MP4 and its JPEG thumbnail"
            : "C2PA 2.1 Content Credentials embedded in the MP4");
    provenance.put("signer_subject", signer.identity().subject());
    provenance.put("signer_fingerprint_sha256", signer.identity().fingerprint());
    provenance.put("thumbnail_signed", result.thumbnail().isPresent());
    provenance.put(
        "time_stamp",
        signer
            .timeStampAuthority()
            .map(t -> "RFC 3161 time-stamp by " + t.host() + " in the signature (sigTst2)")
            .orElse(
                timeStampFailure
                    .map(f -> "none: the time-stamp authority gave no token (" + f + ")")
                    .orElse("none: no time-stamp authority is configured")));
    // The manifest inside the MP4 carries this side-car's hash, so the side-car cannot name the
    // signed file's hash: video.sha256 stays the hash of the clip before its manifest went in.
    provenance.put(
        "video_sha256_covers",
        "the MP4 before its C2PA manifest was embedded; the"
            + " signed file is bound by the manifest (clipstream verify) and its sha256 is in the"
            + " clips.ready record");
    JSON.writerWithDefaultPrettyPrinter().writeValue(result.sidecar().toFile(), sidecar);
    List<ProvenanceFacts.Source> sources = new ArrayList<>();
    for (SourceClip s : command.getSources()) {
      sources.add(
          new ProvenanceFacts.Source(
              s.getUri(),
              s.getFileStart().plusMillis(s.getLocalFromMs()),
              s.getFileStart().plusMillis(s.getLocalToMs()),
              Optional.empty()));
    }
    Instant now = Instant.now();
    String sidecarSha256 = sha256(result.sidecar());
    // The thumbnail first: when its signing fails, the clip has not been touched either.
    if (result.thumbnail().isPresent()) {
      Path thumbnail = result.thumbnail().get();
      signer.sign(
          thumbnail,
          facts(command, thumbnail, sources, sidecarSha256, result.streamCopied(), now, version));
    }
    signer.sign(
        result.video(),
        facts(
            command, result.video(), sources, sidecarSha256, result.streamCopied(), now, version));
  }

  private static ProvenanceFacts facts(
      RenderCommand command,
      Path file,
      List<ProvenanceFacts.Source> sources,
      String sidecarSha256,
      boolean streamCopied,
      Instant now,
      String version) {
    return new ProvenanceFacts(
        file.getFileName().toString(),
        command.getClipId(),
        command.getEvent().getEventId(),
        command.getCameraId(),
        command.getDetectorModels(),
        sources,
        Optional.of(sidecarSha256),
        streamCopied,
        now,
        version);
  }

  private static String sha256(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(in.readAllBytes()));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("The JVM has no SHA-256", e);
    }
  }
}
