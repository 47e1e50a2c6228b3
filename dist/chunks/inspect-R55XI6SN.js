#!/usr/bin/env node
import { createRequire as __slipwayCreateRequire } from 'node:module';
import { fileURLToPath as __slipwayFileURLToPath } from 'node:url';
const require = __slipwayCreateRequire(import.meta.url);
const __filename = __slipwayFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf('/'));
import {
  parseLayoutReference,
  readLayoutBase
} from "./chunk-IP6YFWNB.js";
import {
  connect
} from "./chunk-LFVPRIUP.js";
import "./chunk-B3QBHUTN.js";
import "./chunk-CNQ2QFJG.js";
import "./chunk-HZ5WA2AJ.js";
import {
  SUFFIX
} from "./chunk-FTQOXQVS.js";
import "./chunk-HCXPMCY4.js";
import {
  fetchManifest,
  resolveBase
} from "./chunk-NDJXUN3L.js";
import "./chunk-FCCLLEZB.js";
import "./chunk-H6QOYTIP.js";
import "./chunk-X5I6WQPR.js";
import {
  parseReference
} from "./chunk-7ZB3PTRR.js";
import "./chunk-OG2YEZ62.js";
import "./chunk-XBEXEVC2.js";
import {
  formatPlatform
} from "./chunk-PAQHD33Z.js";
import {
  Annotation,
  INDEX_MEDIA_TYPES
} from "./chunk-MPILWNXU.js";
import "./chunk-MKQXDKX4.js";
import "./chunk-NPESS7R3.js";
import "./chunk-B27IFLT6.js";
import "./chunk-3ILMJHGQ.js";

// src/run/inspect.ts
async function inspectImage(reference, inputs, ctx) {
  if (reference.startsWith("oci:")) return inspectLayout(reference, ctx.logger);
  const ref = parseReference(reference, { input: "REF", defaultTag: "latest" });
  const connection = connect(inputs, ctx, ref);
  const { transport } = connection;
  try {
    const top = await fetchManifest(transport, ref);
    const image = await resolveBase(transport, ref);
    return {
      reference: ref.toString(),
      digest: top.descriptor.digest,
      mediaType: top.descriptor.mediaType,
      annotations: top.manifest.annotations ?? {},
      platforms: image.images.map(inspectPlatform)
    };
  } finally {
    await connection.close();
  }
}
async function inspectLayout(reference, logger) {
  const { dir, tag } = parseLayoutReference(reference);
  const image = await readLayoutBase(dir, tag, { name: reference, logger });
  const single = image.images.length === 1 && image.images[0].manifestDescriptor.digest === image.digest;
  return {
    reference,
    digest: image.digest ?? "",
    mediaType: single ? image.images[0].manifestDescriptor.mediaType : INDEX_MEDIA_TYPES[0],
    annotations: single ? image.images[0].manifest.annotations ?? {} : {},
    platforms: image.images.map(inspectPlatform)
  };
}
function inspectPlatform(img) {
  const annotations = img.manifest.annotations ?? {};
  const baseName = annotations[Annotation.BaseName];
  const config = img.config.config ?? {};
  return {
    platform: formatPlatform(img.platform),
    digest: img.manifestDescriptor.digest,
    layers: img.manifest.layers.map((l) => ({
      digest: l.digest,
      size: l.size,
      mediaType: l.mediaType
    })),
    labels: config.Labels ?? {},
    entrypoint: config.Entrypoint ?? void 0,
    cmd: config.Cmd ?? void 0,
    user: config.User || void 0,
    workdir: config.WorkingDir || void 0,
    env: config.Env ?? [],
    base: baseName ? { name: baseName, digest: annotations[Annotation.BaseDigest] } : void 0,
    slipway: recorded(img)
  };
}
function recorded(img) {
  const history = img.config.history ?? [];
  const steps = [];
  let layerIndex = 0;
  let layer;
  for (const entry of history) {
    const createdBy = entry.created_by ?? "";
    const ours = createdBy.endsWith(SUFFIX);
    if (ours) steps.push(createdBy.slice(0, -SUFFIX.length));
    if (!entry.empty_layer) {
      if (ours) layer = img.manifest.layers[layerIndex]?.digest;
      layerIndex++;
    }
  }
  return steps.length > 0 ? { layer, steps } : void 0;
}
function formatInspectReport(report) {
  const lines = [
    `${report.reference}`,
    `  digest: ${report.digest}`,
    `  type:   ${report.mediaType}`
  ];
  for (const p of report.platforms) {
    lines.push(`  ${p.platform}  ${p.digest}`);
    if (p.base) lines.push(`    base: ${p.base.name}${p.base.digest ? `@${p.base.digest}` : ""}`);
    if (p.user) lines.push(`    user: ${p.user}`);
    if (p.workdir) lines.push(`    workdir: ${p.workdir}`);
    if (p.entrypoint) lines.push(`    entrypoint: ${JSON.stringify(p.entrypoint)}`);
    if (p.cmd) lines.push(`    cmd: ${JSON.stringify(p.cmd)}`);
    if (p.slipway) {
      lines.push("    built by slipway:");
      if (p.slipway.layer) lines.push(`      connector layer: ${p.slipway.layer}`);
      for (const step of p.slipway.steps) lines.push(`      ${step}`);
    }
    lines.push(`    layers (${p.layers.length}):`);
    for (const l of p.layers) lines.push(`      ${l.digest}  ${l.size}`);
    const labels = Object.entries(p.labels);
    if (labels.length) {
      lines.push("    labels:");
      for (const [k, v] of labels) lines.push(`      ${k}=${v}`);
    }
  }
  return `${lines.join("\n")}
`;
}
export {
  formatInspectReport,
  inspectImage
};
