#!/usr/bin/env node
import { createRequire as __slipwayCreateRequire } from 'node:module';
import { fileURLToPath as __slipwayFileURLToPath } from 'node:url';
const require = __slipwayCreateRequire(import.meta.url);
const __filename = __slipwayFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf('/'));
import {
  baseAnnotations,
  buildIndex,
  stackImage
} from "./chunk-HCXPMCY4.js";
import {
  fetchManifest,
  remoteBlob,
  resolveBase,
  resolveImage
} from "./chunk-NDJXUN3L.js";
import {
  bestMatch,
  formatPlatform
} from "./chunk-PAQHD33Z.js";
import {
  Annotation
} from "./chunk-MPILWNXU.js";
import {
  InputError,
  RunError
} from "./chunk-B27IFLT6.js";

// src/assemble/history.ts
import { posix } from "node:path";

// src/image/rebase.ts
function matchBase(newBase, image, label) {
  const match = bestMatch(image.platform, newBase.images, (b) => b.platform);
  const offered = newBase.images.map((b) => formatPlatform(b.platform)).join(", ");
  if (!match || match.config.os !== image.config.os || match.config.architecture !== image.config.architecture) {
    throw new InputError(
      `Input "base-image": ${newBase.name} offers ${offered || "no platform"}, but ${label} runs on ${formatPlatform(image.platform)}; a rebase keeps the image's platforms, so choose a base built for ${formatPlatform(image.platform)}.`
    );
  }
  return match;
}
function rebasePlatform(newBase, base, part, ownLayers) {
  return stackImage(newBase, base, base.platform, part.epoch, {
    layers: ownLayers,
    diffIds: part.diffIds,
    history: part.history,
    changes: part.changes,
    annotations: part.annotations
  });
}
function ownAnnotations(annotations) {
  if (!annotations) return void 0;
  const base = /* @__PURE__ */ new Set([Annotation.BaseName, Annotation.BaseDigest, Annotation.Created]);
  const own = Object.entries(annotations).filter(([key]) => !base.has(key));
  return own.length > 0 ? Object.fromEntries(own) : void 0;
}
async function rebaseImage(req) {
  const { transport } = req;
  const label = req.image.toString();
  const source = await resolveImage(transport, req.image, { origin: 'input "image"' });
  const parts = source.images.map((img) => req.split(img, label));
  const newBase = await resolveBase(transport, req.newBase, { origin: 'input "base-image"' });
  if (newBase.images.length === 0) {
    throw new InputError('Input "base-image": a rebase needs a base image, not scratch.');
  }
  const repo = req.image.repositoryOnly();
  const built = [];
  for (const [i, img] of source.images.entries()) {
    const base = matchBase(newBase, img, label);
    await req.check?.(parts[i], base, newBase);
    const own = parts[i].layers.map((d) => remoteBlob(transport, repo, d));
    built.push(rebasePlatform(newBase, base, parts[i], own));
  }
  const epoch = parts[0].epoch;
  const indexAnnotations = source.isIndex ? ownAnnotations(
    (await fetchManifest(transport, req.image.withDigest(source.descriptor.digest))).manifest.annotations
  ) : void 0;
  const image = source.isIndex || built.length > 1 ? buildIndex(
    built,
    { ...baseAnnotations(newBase, epoch), ...indexAnnotations },
    // buildx's manifest-descriptor annotations, as the image's index had them
    source.images.map((img) => img.manifestDescriptor.annotations)
  ) : built[0];
  const kept = /* @__PURE__ */ new Map();
  for (const part of parts) for (const d of part.layers) kept.set(d.digest, d);
  return {
    image,
    source: source.descriptor,
    newBase,
    oldBase: { name: parts[0].baseName, digest: parts[0].baseDigest },
    platforms: built.map((b) => b.platform),
    kept: [...kept.values()]
  };
}

// src/assemble/history.ts
var SUFFIX = " # slipway";
function history(changes, created, files, fromBase) {
  const out = [];
  const meta = (createdBy) => {
    out.push({ created, created_by: createdBy + SUFFIX, empty_layer: true });
  };
  if (files) {
    const lines = [
      copyLine(files),
      ...(fromBase?.files ?? []).map((f) => baseCopyLine(fromBase.base, f))
    ];
    out.push({ created, created_by: lines.join("; ") + SUFFIX });
  }
  const env = Object.entries(changes.env ?? {});
  if (env.length > 0) meta(`ENV ${env.map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(" ")}`);
  const labels = Object.entries(changes.labels ?? {});
  if (labels.length > 0)
    meta(`LABEL ${labels.map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(" ")}`);
  if (changes.user !== void 0) meta(`USER ${changes.user}`);
  if (changes.exposedPorts?.length) meta(`EXPOSE ${changes.exposedPorts.join(" ")}`);
  if (changes.workdir !== void 0) meta(`WORKDIR ${changes.workdir}`);
  if (changes.entrypoint !== void 0) meta(`ENTRYPOINT ${JSON.stringify(changes.entrypoint)}`);
  if (changes.cmd !== void 0) meta(`CMD ${JSON.stringify(changes.cmd)}`);
  return out;
}
function dependencyHistory(created, platformDir, what) {
  return { created, created_by: `COPY ${platformDir}/ / (${what})${SUFFIX}` };
}
function copyLine(files) {
  if (files.length === 0) return "COPY (directories only) /";
  const groups = /* @__PURE__ */ new Map();
  for (const f of [...files].sort((a, b) => a.path < b.path ? -1 : a.path > b.path ? 1 : 0)) {
    const dir = posix.dirname(f.path);
    const flags = [
      f.uid !== 0 || f.gid !== 0 ? `--chown=${f.uid}:${f.gid} ` : "",
      f.mode !== 420 ? `--chmod=${f.mode.toString(8).padStart(3, "0")} ` : ""
    ].join("");
    const key = `${flags}\0${dir === "/" ? "/" : `${dir}/`}`;
    const names = groups.get(key) ?? [];
    names.push(posix.basename(f.path));
    groups.set(key, names);
  }
  return [...groups.entries()].map(([key, names]) => {
    const [flags, dir] = key.split("\0");
    return `COPY ${flags}${names.join(" ")} ${dir}`;
  }).join("; ");
}
function baseCopyLine(base, file) {
  const mode = file.mode.toString(8).padStart(3, "0");
  return `COPY --from=${base} --chown=${file.uid}:${file.gid} --chmod=${mode} ${file.path} ${file.path}`;
}
function parsePairs(text, where) {
  const out = {};
  const pair = /([^\s=]+)=("(?:[^"\\]|\\.)*")/g;
  for (const m of text.matchAll(pair)) out[m[1]] = JSON.parse(m[2]);
  if (text.trim() !== "" && Object.keys(out).length === 0) {
    throw new RunError(
      `Cannot read the history entry "${where}" of the image; rebuild it instead.`
    );
  }
  return out;
}
function parseList(text, where) {
  try {
    const value = JSON.parse(text);
    if (Array.isArray(value) && value.every((v) => typeof v === "string")) return value;
  } catch {
  }
  throw new RunError(`Cannot read the history entry "${where}" of the image; rebuild it instead.`);
}
function changesFromHistory(entries) {
  const changes = {};
  for (const entry of entries) {
    const line = (entry.created_by ?? "").slice(0, -SUFFIX.length);
    const space = line.indexOf(" ");
    const op = space < 0 ? line : line.slice(0, space);
    const rest = space < 0 ? "" : line.slice(space + 1);
    switch (op) {
      case "ENV":
        changes.env = { ...changes.env, ...parsePairs(rest, line) };
        break;
      case "LABEL":
        changes.labels = { ...changes.labels, ...parsePairs(rest, line) };
        break;
      case "USER":
        changes.user = rest;
        break;
      case "EXPOSE":
        changes.exposedPorts = [
          ...changes.exposedPorts ?? [],
          ...rest.split(" ").filter(Boolean)
        ];
        break;
      case "WORKDIR":
        changes.workdir = rest;
        break;
      case "ENTRYPOINT":
        changes.entrypoint = parseList(rest, line);
        break;
      case "CMD":
        changes.cmd = parseList(rest, line);
        break;
      default:
        break;
    }
  }
  return changes;
}
function epochOf(manifest, config) {
  const iso = manifest.annotations?.[Annotation.Created] ?? config.created;
  const ms = iso ? Date.parse(iso) : NaN;
  return Number.isNaN(ms) ? 0 : Math.floor(ms / 1e3);
}
function slipwayPart(image, label) {
  const { manifest, config } = image;
  const where = `${label} (${formatPlatform(image.platform)})`;
  const baseName = manifest.annotations?.[Annotation.BaseName];
  const baseDigest = manifest.annotations?.[Annotation.BaseDigest];
  if (!baseName || !baseDigest) {
    throw new InputError(
      `${where} has no ${Annotation.BaseName}/${Annotation.BaseDigest} annotations, so which of its layers are the base is unknown; only images Slipway built on a base can be rebased: rebuild this one with the new base-image instead.`
    );
  }
  const history2 = config.history ?? [];
  let first = history2.length;
  while (first > 0 && history2[first - 1].created_by?.endsWith(SUFFIX)) first--;
  const ours = history2.slice(first);
  if (ours.length === 0) {
    throw new InputError(
      `${where} carries base annotations but no history entries of Slipway's builder, so its own layers cannot be told from the base's; rebuild it with the new base-image instead.`
    );
  }
  const count = ours.filter((h) => !h.empty_layer).length;
  const diffIds = config.rootfs?.diff_ids ?? [];
  if (diffIds.length !== manifest.layers.length || count > manifest.layers.length) {
    throw new RunError(
      `${where} lists ${manifest.layers.length} layers but ${diffIds.length} diff_ids in its config; the image is inconsistent, rebuild it.`
    );
  }
  const from = manifest.layers.length - count;
  return {
    baseName,
    baseDigest,
    layers: manifest.layers.slice(from),
    diffIds: diffIds.slice(from),
    history: ours,
    changes: changesFromHistory(ours),
    epoch: epochOf(manifest, config),
    annotations: ownAnnotations(manifest.annotations)
  };
}
function describeTarget(python) {
  return `Python ${python.version} (${python.libc} ${python.libcVersion}, ${python.sitePackages})`;
}
function installedFor(createdBy) {
  const m = /\(Python (3\.\d+) \((glibc|musl) (\d+\.\d+), (\/[^,()]+)\) dependencies from /.exec(
    createdBy ?? ""
  );
  if (!m) return void 0;
  return { version: m[1], libc: m[2], libcVersion: m[3], sitePackages: m[4] };
}
function dependenciesMismatch(was, now) {
  const newer = (a, b) => {
    const [am, an] = a.split(".").map(Number);
    const [bm, bn] = b.split(".").map(Number);
    return am > bm || am === bm && an >= bn;
  };
  const same = was.version === now.version && was.libc === now.libc && newer(now.libcVersion, was.libcVersion) && was.sitePackages === now.sitePackages;
  return same ? void 0 : `runs ${describeTarget(now)}, but the image's dependencies were installed for ${describeTarget(was)}`;
}

export {
  rebaseImage,
  SUFFIX,
  history,
  dependencyHistory,
  slipwayPart,
  describeTarget,
  installedFor,
  dependenciesMismatch
};
