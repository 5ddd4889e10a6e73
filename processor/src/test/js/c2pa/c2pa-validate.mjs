// Validates the C2PA manifest of a file with the C2PA reference implementation (c2pa-rs compiled
// to WebAssembly) and prints one JSON line: the validation state, every status code, the signer.
// Usage: node c2pa-validate.mjs FILE MIME [TRUST_ANCHORS_PEM]
import fs from 'node:fs';
import { initSync, WasmReader } from '@contentauth/c2pa-wasm';

const [file, mime, anchors] = process.argv.slice(2);
initSync({ module: fs.readFileSync(new URL('./node_modules/@contentauth/c2pa-wasm/pkg/c2pa_bg.wasm', import.meta.url)) });
const settings = anchors
  ? { verify: { verify_trust: true }, trust: { trust_anchors: fs.readFileSync(anchors, 'utf8') } }
  : { verify: { verify_trust: true } };
try {
  const reader = await WasmReader.fromBytes(mime, new Uint8Array(fs.readFileSync(file)), JSON.stringify(settings));
  const store = JSON.parse(reader.json());
  const active = store.manifests?.[store.active_manifest] ?? {};
  const results = store.validation_results?.activeManifest ?? {};
  const codes = (list) => (list ?? []).map((s) => s.code);
  console.log(JSON.stringify({
    state: store.validation_state,
    success: codes(results.success),
    informational: codes(results.informational),
    failure: codes(results.failure),
    status: (store.validation_status ?? []).map((s) => s.code + (s.explanation ? ': ' + s.explanation : '')),
    signer: active.signature_info?.common_name ?? active.signature_info?.issuer ?? null,
    assertions: (active.assertions ?? []).map((a) => a.label),
    evidence: (active.assertions ?? []).find((a) => a.label === 'io.clipstream.evidence')?.data ?? null,
  }));
} catch (e) {
  console.log(JSON.stringify({ state: 'Unreadable', error: String(e) }));
}
