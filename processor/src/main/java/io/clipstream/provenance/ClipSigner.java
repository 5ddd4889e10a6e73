package io.clipstream.provenance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Embeds signed Content Credentials in an MP4 clip or a JPEG thumbnail. The manifest's size is
 * fixed first with a placeholder (room for a time-stamp token included), the file hash is taken
 * with it in place, then the signed store overwrites the placeholder byte for byte.
 *
 * <p>MP4: the manifest box goes right after {@code ftyp} (before {@code moov}, so a faststart file
 * stays faststart). JPEG: APP11 segments after the JFIF header.
 */
public final class ClipSigner {

  private final SigningIdentity identity;
  private final Optional<TimeStampAuthority> tsa;
  private final boolean timeStampRequired;

  public ClipSigner(SigningIdentity identity) {
    this(identity, Optional.empty(), false);
  }

  /**
   * @param tsa the RFC 3161 authority that time-stamps every signature, if any
   * @param timeStampRequired whether a clip must fail when the TSA gives no token (otherwise the
   *     caller may sign it {@link #withoutTimeStamp()})
   */
  public ClipSigner(
      SigningIdentity identity, Optional<TimeStampAuthority> tsa, boolean timeStampRequired) {
    this.identity = identity;
    this.tsa = tsa;
    this.timeStampRequired = timeStampRequired;
  }

  public SigningIdentity identity() {
    return identity;
  }

  public Optional<TimeStampAuthority> timeStampAuthority() {
    return tsa;
  }

  public boolean timeStampRequired() {
    return timeStampRequired;
  }

  /** The same key, no time-stamp: for when the TSA failed and a time-stamp is not required. */
  public ClipSigner withoutTimeStamp() {
    return new ClipSigner(identity, Optional.empty(), false);
  }

  /**
   * Signs {@code file} (an MP4 clip or a JPEG thumbnail) in place, through a temporary file next to
   * it: on any failure the file is left as it was.
   *
   * @throws TimeStampAuthority.TimeStampException when the TSA gave no token
   */
  public void sign(Path file, ProvenanceFacts facts) {
    Path signed = file.resolveSibling(file.getFileName() + ".signing");
    try {
      if (Jpeg.isJpeg(head(file))) {
        signJpeg(file, signed, new Manifest(facts, true));
      } else {
        signMp4(file, signed, new Manifest(facts, false));
      }
      Files.move(signed, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("signing " + file + " failed: " + e.getMessage(), e);
    } finally {
      try {
        Files.deleteIfExists(signed);
      } catch (IOException ignored) {
        // the temporary file is in the clip's work directory, which is deleted anyway
      }
    }
  }

  private void signMp4(Path clip, Path signed, Manifest manifest) throws IOException {
    byte[] placeholder = Bmff.manifestBox(manifest.store(Manifest.bmffHash(new byte[32]), stub()));
    Bmff.insertAfterFtyp(clip, signed, placeholder);
    byte[] hash = Bmff.hash(signed);
    byte[] box = Bmff.manifestBox(manifest.store(Manifest.bmffHash(hash), signer()));
    fits(box, placeholder);
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
  }

  private void signJpeg(Path image, Path signed, Manifest manifest) throws IOException {
    byte[] original = Files.readAllBytes(image);
    int start = Jpeg.insertionPoint(original);
    // The data hash names the byte range of the manifest's own segments, and that number is part
    // of the manifest: settle it first (two or three rounds at most, as the CBOR integer grows).
    int length = 0;
    for (int round = 0; round < 5; round++) {
      int needed =
          Jpeg.segments(manifest.store(Manifest.dataHash(new byte[32], start, length), stub()))
              .length;
      if (needed == length) {
        break;
      }
      length = needed;
    }
    byte[] placeholder =
        Jpeg.segments(manifest.store(Manifest.dataHash(new byte[32], start, length), stub()));
    fits(placeholder, new byte[length]);
    byte[] placed = Jpeg.embed(original, start, placeholder);
    byte[] hash = Jpeg.hash(placed, start, length);
    byte[] segments =
        Jpeg.segments(manifest.store(Manifest.dataHash(hash, start, length), signer()));
    fits(segments, placeholder);
    System.arraycopy(segments, 0, placed, start, segments.length);
    Files.write(signed, placed);
  }

  /** Stands in for the signature while sizes and the hash are settled. */
  private UnaryOperator<byte[]> stub() {
    byte[] placeholder = CoseSign1.placeholder(identity, tsa.isPresent());
    return claim -> placeholder;
  }

  /** Signs the claim into exactly the space the placeholder took. */
  private UnaryOperator<byte[]> signer() {
    int size = CoseSign1.placeholder(identity, tsa.isPresent()).length;
    return claim -> CoseSign1.sign(identity, claim, tsa, size);
  }

  private static void fits(byte[] signed, byte[] placeholder) {
    if (signed.length != placeholder.length) {
      throw new ProvenanceException(
          "the signed manifest ("
              + signed.length
              + " bytes) does not fit the space reserved for it ("
              + placeholder.length
              + " bytes)");
    }
  }

  private static byte[] head(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return in.readNBytes(3);
    }
  }
}
