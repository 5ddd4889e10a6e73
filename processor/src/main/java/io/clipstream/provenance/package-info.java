/**
 * C2PA Content Credentials for clips: a minimal, spec-faithful writer and reader of C2PA 2.1
 * manifest stores embedded in ISO BMFF (MP4) files.
 *
 * <p>{@link io.clipstream.provenance.ClipSigner} embeds a manifest store (JUMBF boxes holding a
 * CBOR claim v2, its assertions and a COSE_Sign1 signature carrying the X.509 chain) in the C2PA
 * {@code uuid} box right after {@code ftyp}, moving chunk offsets so {@code +faststart} files stay
 * faststart; {@link io.clipstream.provenance.ClipVerifier} checks such a file. Nothing here knows
 * about Kafka or FFmpeg.
 */
package io.clipstream.provenance;
