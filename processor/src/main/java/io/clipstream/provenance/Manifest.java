package io.clipstream.provenance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * Builds a C2PA 2.1 manifest store for a clip or its thumbnail: the assertions (actions, the hard
 * binding (BMFF hash for the MP4, data hash for the JPEG), the evidence facts), the claim v2 that
 * binds their hashes, and the COSE signature over the claim.
 */
final class Manifest {

  private static final String GENERATOR = "Clipstream";

  private final String label = "urn:c2pa:" + UUID.randomUUID();
  private final String instanceId = "xmp:iid:" + UUID.randomUUID();
  private final ProvenanceFacts facts;
  private final boolean thumbnail;

  /**
   * @param thumbnail true for the clip's JPEG thumbnail, false for the clip itself
   */
  Manifest(ProvenanceFacts facts, boolean thumbnail) {
    this.facts = facts;
    this.thumbnail = thumbnail;
  }

  /**
   * The manifest store whose hard binding is {@code binding} (the BMFF or the data hash assertion),
   * its claim signed by {@code signClaim} (the COSE_Sign1 bytes for a claim).
   */
  byte[] store(HardBinding binding, UnaryOperator<byte[]> signClaim) {
    List<byte[]> assertions = new ArrayList<>();
    List<Map<String, Object>> references = new ArrayList<>();
    add(assertions, references, C2pa.ACTIONS_LABEL, Cbor.write(actions()));
    add(assertions, references, binding.label(), Cbor.write(binding.content()));
    add(assertions, references, C2pa.EVIDENCE_LABEL, Cbor.write(evidence()));
    byte[] claim = Cbor.write(claim(references));
    byte[] signature = signClaim.apply(claim);
    byte[] manifest =
        Jumbf.superbox(
            C2pa.MANIFEST,
            label,
            Jumbf.superbox(
                C2pa.ASSERTIONS, C2pa.ASSERTIONS_LABEL, assertions.toArray(byte[][]::new)),
            Jumbf.cborSuperbox(C2pa.CLAIM, C2pa.CLAIM_LABEL, claim),
            Jumbf.cborSuperbox(C2pa.SIGNATURE, C2pa.SIGNATURE_LABEL, signature));
    return Jumbf.superbox(C2pa.STORE, "c2pa", manifest);
  }

  /** The hard-binding assertion: its label and CBOR content. */
  record HardBinding(String label, Map<String, Object> content) {}

  private static void add(
      List<byte[]> assertions,
      List<Map<String, Object>> references,
      String assertionLabel,
      byte[] cbor) {
    byte[] box = Jumbf.cborSuperbox(C2pa.CBOR, assertionLabel, cbor);
    assertions.add(box);
    Map<String, Object> reference = new LinkedHashMap<>();
    reference.put("url", "self#jumbf=" + C2pa.ASSERTIONS_LABEL + "/" + assertionLabel);
    reference.put("hash", Digest.of(java.util.Arrays.copyOfRange(box, 8, box.length)));
    references.add(reference);
  }

  private Map<String, Object> claim(List<Map<String, Object>> references) {
    Map<String, Object> claim = new LinkedHashMap<>();
    claim.put("instanceID", instanceId);
    claim.put(
        "claim_generator_info", Map.of("name", GENERATOR, "version", facts.softwareVersion()));
    claim.put("signature", "self#jumbf=/c2pa/" + label + "/" + C2pa.SIGNATURE_LABEL);
    claim.put("created_assertions", references);
    claim.put("gathered_assertions", List.of());
    claim.put("dc:title", facts.title());
    claim.put("alg", "sha256");
    return claim;
  }

  private Map<String, Object> actions() {
    Map<String, Object> created = new LinkedHashMap<>();
    created.put("action", "c2pa.created");
    created.put("when", facts.created().toString());
    created.put("softwareAgent", Map.of("name", GENERATOR, "version", facts.softwareVersion()));
    created.put(
        "digitalSourceType", "http://cv.iptc.org/newscodes/digitalsourcetype/compositeCapture");
    created.put(
        "description",
        thumbnail
            ? "A still frame of the clip, as rendered, for previews"
            : facts.streamCopied()
                ? "Cut from the camera's recordings without re-encoding"
                : "Cut from the camera's recordings, detection boxes drawn, re-encoded as H.264");
    return Map.of("actions", List.of(created));
  }

  /** {@code c2pa.hash.bmff.v3}: every top-level box but ftyp, mfra and the manifest's uuid box. */
  static HardBinding bmffHash(byte[] fileHash) {
    Map<String, Object> uuid = new LinkedHashMap<>();
    uuid.put("xpath", "/uuid");
    uuid.put("data", List.of(Map.of("offset", 8, "value", C2pa.BMFF_UUID)));
    List<Map<String, Object>> exclusions = new ArrayList<>();
    exclusions.add(uuid);
    for (String type : List.of("ftyp", "mfra")) {
      exclusions.add(Map.of("xpath", "/" + type));
    }
    Map<String, Object> hash = new LinkedHashMap<>();
    hash.put("exclusions", exclusions);
    hash.put("alg", "sha256");
    hash.put("hash", fileHash);
    hash.put("name", "jumbf manifest");
    return new HardBinding(C2pa.BMFF_HASH_LABEL, hash);
  }

  /**
   * {@code c2pa.hash.data}: every byte of the file except the range {@code [start, start + length)}
   * that holds the manifest (the APP11 segments of a JPEG).
   */
  static HardBinding dataHash(byte[] fileHash, long start, long length) {
    Map<String, Object> hash = new LinkedHashMap<>();
    hash.put("exclusions", List.of(Map.of("start", start, "length", length)));
    hash.put("name", "jumbf manifest");
    hash.put("alg", "sha256");
    hash.put("hash", fileHash);
    hash.put("pad", new byte[0]);
    return new HardBinding(C2pa.DATA_HASH_LABEL, hash);
  }

  private Map<String, Object> evidence() {
    Map<String, Object> evidence = new LinkedHashMap<>();
    evidence.put("clip_id", facts.clipId());
    evidence.put("event_id", facts.eventId());
    evidence.put("camera_id", facts.cameraId());
    evidence.put("detector_models", facts.detectorModels());
    facts.sidecarSha256().ifPresent(h -> evidence.put("sidecar_sha256", h));
    List<Map<String, Object>> sources = new ArrayList<>();
    for (ProvenanceFacts.Source s : facts.sources()) {
      Map<String, Object> source = new LinkedHashMap<>();
      source.put("uri", s.uri());
      source.put("from", s.from().toString());
      source.put("to", s.to().toString());
      s.sha256().ifPresent(h -> source.put("sha256", h));
      sources.add(source);
    }
    evidence.put("sources", sources);
    return evidence;
  }
}
