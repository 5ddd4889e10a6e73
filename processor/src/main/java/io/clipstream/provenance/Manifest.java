package io.clipstream.provenance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Builds a C2PA 2.1 manifest store for a clip: the assertions (actions, the BMFF hash, the evidence
 * facts), the claim v2 that binds their hashes, and the COSE signature over the claim.
 */
final class Manifest {

  private static final String GENERATOR = "Clipstream";

  private final String label = "urn:c2pa:" + UUID.randomUUID();
  private final String instanceId = "xmp:iid:" + UUID.randomUUID();
  private final ProvenanceFacts facts;

  Manifest(ProvenanceFacts facts) {
    this.facts = facts;
  }

  /** The manifest store with {@code fileHash} in the BMFF hash assertion, signed. */
  byte[] store(byte[] fileHash, SigningIdentity identity, boolean placeholder) {
    List<byte[]> assertions = new ArrayList<>();
    List<Map<String, Object>> references = new ArrayList<>();
    add(assertions, references, C2pa.ACTIONS_LABEL, Cbor.write(actions()));
    add(assertions, references, C2pa.BMFF_HASH_LABEL, Cbor.write(bmffHash(fileHash)));
    add(assertions, references, C2pa.EVIDENCE_LABEL, Cbor.write(evidence()));
    byte[] claim = Cbor.write(claim(references));
    byte[] signature =
        placeholder
            ? CoseSign1.assemble(CoseSign1.protectedHeader(identity), Map.of(), new byte[64])
            : CoseSign1.sign(identity, claim, Map.of());
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
        facts.streamCopied()
            ? "Cut from the camera's recordings without re-encoding"
            : "Cut from the camera's recordings, detection boxes drawn, re-encoded as H.264");
    return Map.of("actions", List.of(created));
  }

  private static Map<String, Object> bmffHash(byte[] fileHash) {
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
    return hash;
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
