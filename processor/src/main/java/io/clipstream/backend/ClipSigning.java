package io.clipstream.backend;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clipstream.contracts.RenderCommand;
import io.clipstream.contracts.SourceClip;
import io.clipstream.provenance.ClipSigner;
import io.clipstream.provenance.ProvenanceFacts;
import io.clipstream.render.ClipResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Signs a rendered clip before it is stored: the side-car first says who signs (so its hash, which
 * the manifest carries, covers that too), then the MP4 gets its C2PA manifest.
 */
final class ClipSigning {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ClipSigning() {}

  static void sign(ClipSigner signer, RenderCommand command, ClipResult result, String version)
      throws IOException {
    ObjectNode sidecar = (ObjectNode) JSON.readTree(result.sidecar().toFile());
    ObjectNode provenance = sidecar.putObject("provenance");
    provenance.put("signed", true);
    provenance.put("standard", "C2PA 2.1 Content Credentials embedded in the MP4");
    provenance.put("signer_subject", signer.identity().subject());
    provenance.put("signer_fingerprint_sha256", signer.identity().fingerprint());
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
    signer.sign(
        result.video(),
        new ProvenanceFacts(
            result.video().getFileName().toString(),
            command.getClipId(),
            command.getEvent().getEventId(),
            command.getCameraId(),
            command.getDetectorModels(),
            sources,
            Optional.of(sha256(result.sidecar())),
            result.streamCopied(),
            Instant.now(),
            version));
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
