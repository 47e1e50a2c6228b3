#!/usr/bin/env node
import { createRequire as __slipwayCreateRequire } from 'node:module';
import { fileURLToPath as __slipwayFileURLToPath } from 'node:url';
const require = __slipwayCreateRequire(import.meta.url);
const __filename = __slipwayFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf('/'));
import {
  epochToIso
} from "./chunk-X5I6WQPR.js";

// src/attest/components.ts
import { createHash } from "node:crypto";
var CYCLONEDX_MEDIA_TYPE = "application/vnd.cyclonedx+json";
function buildSbom(info, epoch, artifactSha256) {
  if (!info.bom) return void 0;
  const found = structuredClone(info.bom);
  if (artifactSha256) found.main.hashes = [{ alg: "SHA-256", content: artifactSha256 }];
  if (info.connectorType) {
    addProperty(found.main, "slipway:connector-type", info.connectorType);
  }
  if (info.className) addProperty(found.main, "slipway:class-name", info.className);
  return assemble(found, epoch);
}
function sbomBytes(bom) {
  return Buffer.from(`${JSON.stringify(bom, null, 2)}
`, "utf8");
}
function assemble(found, epoch) {
  const byRef = /* @__PURE__ */ new Map();
  for (const c of found.components) {
    if (c["bom-ref"] === found.main["bom-ref"]) continue;
    const seen = byRef.get(c["bom-ref"]);
    if (!seen) byRef.set(c["bom-ref"], c);
    else mergeInto(seen, c);
  }
  const components = [...byRef.values()].sort((a, b) => compare(a["bom-ref"], b["bom-ref"]));
  const body = {
    main: found.main,
    components
  };
  const serial = uuidFromHash(createHash("sha256").update(JSON.stringify(body)).digest());
  return {
    bomFormat: "CycloneDX",
    specVersion: "1.5",
    serialNumber: `urn:uuid:${serial}`,
    version: 1,
    metadata: {
      timestamp: epochToIso(epoch),
      tools: { components: [{ type: "application", name: "slipway" }] },
      component: found.main
    },
    components,
    dependencies: [{ ref: found.main["bom-ref"], dependsOn: components.map((c) => c["bom-ref"]) }]
  };
}
function uuidFromHash(hash) {
  const b = Buffer.from(hash.subarray(0, 16));
  b[6] = b[6] & 15 | 80;
  b[8] = b[8] & 63 | 128;
  const hex = b.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
function compare(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}
function mergeInto(into, from) {
  for (const p of from.properties ?? []) {
    if (!into.properties?.some((q) => q.name === p.name && q.value === p.value)) {
      addProperty(into, p.name, p.value);
    }
  }
  into.properties?.sort((x, y) => compare(x.name, y.name) || compare(x.value, y.value));
  into.hashes ??= from.hashes;
}
function addProperty(c, name, value) {
  (c.properties ??= []).push({ name, value });
}

export {
  CYCLONEDX_MEDIA_TYPE,
  buildSbom,
  sbomBytes,
  uuidFromHash
};
