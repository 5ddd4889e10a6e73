package io.clipstream.provenance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Embeds signed Content Credentials in an MP4 clip. The manifest box goes right after {@code ftyp}
 * (before {@code moov}, so a faststart file stays faststart); its size is fixed first with a
 * placeholder, the file hash is taken with the box in place, then the signed store overwrites the
 * placeholder byte for byte.
 */
public final class ClipSigner {

  private final SigningIdentity identity;

  public ClipSigner(SigningIdentity identity) {
    this.identity = identity;
  }

  public SigningIdentity identity() {
    return identity;
  }

  /** Signs {@code clip} in place (through a temporary file next to it). */
  public void sign(Path clip, ProvenanceFacts facts) {
    Path signed = clip.resolveSibling(clip.getFileName() + ".signing");
    try {
      Manifest manifest = new Manifest(facts);
      byte[] placeholder = Bmff.manifestBox(manifest.store(new byte[32], identity, true));
      Bmff.insertAfterFtyp(clip, signed, placeholder);
      byte[] hash = Bmff.hash(signed);
      byte[] box = Bmff.manifestBox(manifest.store(hash, identity, false));
      if (box.length != placeholder.length) {
        throw new ProvenanceException(
            "the signed manifest ("
                + box.length
                + " bytes) does not"
                + " fit the space reserved for it ("
                + placeholder.length
                + " bytes)");
      }
      try (FileChannel out =
          FileChannel.open(signed, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
        long at =
            Bmff.topLevel(out).stream()
                .filter(Bmff.TopBox::manifest)
                .findFirst()
                .orElseThrow()
                .offset();
        out.write(ByteBuffer.wrap(box), at);
      }
      Files.move(signed, clip, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("signing " + clip + " failed: " + e.getMessage(), e);
    } finally {
      try {
        Files.deleteIfExists(signed);
      } catch (IOException ignored) {
        // the temporary file is in the clip's work directory, which is deleted anyway
      }
    }
  }
}
