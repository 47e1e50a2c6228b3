#!/usr/bin/env node
import { createRequire as __slipwayCreateRequire } from 'node:module';
import { fileURLToPath as __slipwayFileURLToPath } from 'node:url';
const require = __slipwayCreateRequire(import.meta.url);
const __filename = __slipwayFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf('/'));
import {
  epochToIso
} from "./chunk-X5I6WQPR.js";
import {
  sha256
} from "./chunk-OG2YEZ62.js";
import {
  Annotation,
  MediaType
} from "./chunk-MPILWNXU.js";
import {
  InputError,
  RunError
} from "./chunk-B27IFLT6.js";

// src/image/image.ts
import { Readable } from "node:stream";
function isIndex(image) {
  return "index" in image;
}
function isDistributable(d) {
  return !/foreign|nondistributable/.test(d.mediaType);
}
function memoryBlob(descriptor, data, origin) {
  return {
    descriptor,
    origin,
    open: () => Promise.resolve(Readable.from([data]))
  };
}

// src/image/mutate.ts
import * as path from "node:path";
var DEFAULT_PATH = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
var OCI_LAYER_TYPE = {
  [MediaType.DockerLayerGzip]: MediaType.OciLayerGzip,
  [MediaType.DockerForeignLayerGzip]: "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip",
  "application/vnd.docker.image.rootfs.diff.tar": MediaType.OciLayer
};
var STALE_CONFIG_FIELDS = ["container", "container_config", "docker_version"];
function canonicalJson(value) {
  return Buffer.from(JSON.stringify(sortKeys(value)), "utf8");
}
function sortKeys(value) {
  if (Array.isArray(value)) return value.map((v) => v === void 0 ? null : sortKeys(v));
  if (value !== null && typeof value === "object") {
    const out = {};
    for (const key of Object.keys(value).sort()) {
      const v = value[key];
      if (v !== void 0) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}
function baseAnnotations(base, epoch) {
  const out = {};
  if (base.images.length > 0) {
    out[Annotation.BaseName] = base.name;
    if (base.digest) out[Annotation.BaseDigest] = base.digest;
  }
  out[Annotation.Created] = epochToIso(epoch);
  return out;
}
function mutateImage(input) {
  const { base, image, layer, changes, history, epoch, annotations } = input;
  const platform = image?.platform ?? input.platform;
  if (!platform) throw new Error("mutateImage: a scratch build needs a platform");
  const below = input.below ?? { layers: [], history: [] };
  return stackImage(base, image, platform, epoch, {
    layers: [...below.layers, ...layer ? [layer] : []],
    diffIds: [...below.layers.map((l) => l.diffId), ...layer ? [layer.diffId] : []],
    history: [...below.history, ...history ?? (layer ? [{ created: epochToIso(epoch) }] : [])],
    changes,
    annotations
  });
}
function stackImage(base, image, platform, epoch, own) {
  const baseConfig = image ? structuredClone(image.config) : {
    architecture: platform.architecture,
    os: platform.os,
    rootfs: { type: "layers", diff_ids: [] }
  };
  if (!image && platform.variant) baseConfig.variant = platform.variant;
  if (!image && platform["os.version"]) baseConfig["os.version"] = platform["os.version"];
  for (const field of STALE_CONFIG_FIELDS) delete baseConfig[field];
  const baseLayers = image?.layers ?? [];
  const baseDiffIds = baseConfig.rootfs?.diff_ids ?? [];
  if (baseDiffIds.length !== baseLayers.length) {
    throw new RunError(
      `The base image ${base.name} (${platform.os}/${platform.architecture}) has ${baseLayers.length} layers but its config lists ${baseDiffIds.length} diff_ids; the base is corrupt, pick another one`
    );
  }
  const config = {
    ...baseConfig,
    created: epochToIso(epoch),
    config: applyChanges(baseConfig.config ?? {}, own.changes, !image),
    rootfs: { type: "layers", diff_ids: [...baseDiffIds, ...own.diffIds] },
    history: [...baseConfig.history ?? [], ...own.history]
  };
  const configBytes = canonicalJson(config);
  const configBlob = memoryBlob(
    { mediaType: MediaType.OciConfig, digest: sha256(configBytes), size: configBytes.length },
    configBytes
  );
  const layers = [...baseLayers.map(ociBlob), ...own.layers];
  const manifest = {
    schemaVersion: 2,
    mediaType: MediaType.OciManifest,
    config: configBlob.descriptor,
    layers: layers.map((l) => l.descriptor),
    annotations: { ...baseAnnotations(base, epoch), ...own.annotations }
  };
  return imageOf(platform, manifest, configBlob, layers);
}
function imageOf(platform, manifest, config, layers) {
  const bytes = canonicalJson(manifest);
  return {
    platform,
    manifest,
    bytes,
    descriptor: {
      mediaType: MediaType.OciManifest,
      digest: sha256(bytes),
      size: bytes.length,
      platform
    },
    config,
    layers
  };
}
function buildIndex(images, annotations, descriptors = []) {
  const seen = /* @__PURE__ */ new Set();
  for (const img of images) {
    const key = canonicalJson(img.platform).toString();
    if (seen.has(key)) {
      throw new Error(`buildIndex: two images for platform ${key}`);
    }
    seen.add(key);
  }
  const index = {
    schemaVersion: 2,
    mediaType: MediaType.OciIndex,
    manifests: images.map((img, i) => {
      const own = descriptors[i];
      return own && Object.keys(own).length > 0 ? { ...img.descriptor, annotations: { ...own } } : img.descriptor;
    }),
    annotations: Object.keys(annotations).length > 0 ? { ...annotations } : void 0
  };
  const bytes = canonicalJson(index);
  return {
    index,
    bytes,
    descriptor: { mediaType: MediaType.OciIndex, digest: sha256(bytes), size: bytes.length },
    images
  };
}
function buildImageOrIndex(input) {
  const { base, layer, changes, history, epoch } = input;
  const targets = base.images.length > 0 ? base.images.map((image) => ({ image })) : (input.platforms ?? [{ os: "linux", architecture: "amd64" }]).map((platform) => ({
    platform
  }));
  const extra = input.annotations;
  const described = Object.keys(extra?.descriptor ?? {}).length > 0;
  const indexed = targets.length > 1 || input.index === true || described;
  const annotations = indexed ? extra?.manifest : { ...extra?.manifest, ...extra?.index };
  const images = targets.map(
    (t) => mutateImage({
      base,
      layer,
      changes,
      history,
      epoch,
      annotations,
      ...t,
      below: input.below?.(t.image?.platform ?? t.platform)
    })
  );
  if (!indexed) return images[0];
  return buildIndex(
    images,
    { ...baseAnnotations(base, epoch), ...extra?.index },
    images.map(() => extra?.descriptor)
  );
}
function applyChanges(base, changes, scratch) {
  const out = { ...base };
  const env = [...base.Env ?? []];
  if (scratch && !env.some((e) => e.startsWith("PATH=")) && !(changes.env && "PATH" in changes.env)) {
    env.push(DEFAULT_PATH);
  }
  for (const [key, value] of Object.entries(changes.env ?? {})) {
    if (key === "" || key.includes("=")) {
      throw new InputError(
        `The environment variable name "${key}" is empty or contains "="; fix the env setting`
      );
    }
    const entry = `${key}=${value}`;
    const at = env.findIndex((e) => e === key || e.startsWith(`${key}=`));
    if (at >= 0) env[at] = entry;
    else env.push(entry);
  }
  if (env.length > 0) out.Env = env;
  const labels = { ...base.Labels ?? {}, ...changes.labels ?? {} };
  if (Object.keys(labels).length > 0) out.Labels = labels;
  if (changes.user !== void 0) out.User = changes.user;
  if (changes.workdir !== void 0) {
    out.WorkingDir = path.posix.resolve(base.WorkingDir || "/", changes.workdir);
  }
  if (changes.entrypoint !== void 0) {
    out.Entrypoint = [...changes.entrypoint];
    if (changes.cmd === void 0) delete out.Cmd;
  }
  if (changes.cmd !== void 0) out.Cmd = [...changes.cmd];
  if (changes.exposedPorts?.length) {
    const ports = { ...out.ExposedPorts ?? {} };
    for (const spec of changes.exposedPorts)
      for (const port of exposedPortKeys(spec)) ports[port] = {};
    out.ExposedPorts = ports;
  }
  return out;
}
var PORT_SPEC = /^(\d{1,5})(?:-(\d{1,5}))?(?:\/(tcp|udp|sctp))?$/i;
function exposedPortKeys(spec) {
  const m = PORT_SPEC.exec(spec.trim());
  const first = m ? Number(m[1]) : NaN;
  const last = m?.[2] !== void 0 ? Number(m[2]) : first;
  if (!m || first < 1 || last > 65535 || last < first) {
    throw new InputError(
      `EXPOSE ${spec} is not a port; write a port or range with an optional protocol, e.g. EXPOSE 8080 or EXPOSE 53/udp.`
    );
  }
  const protocol = (m[3] ?? "tcp").toLowerCase();
  const keys = [];
  for (let port = first; port <= last; port++) keys.push(`${port}/${protocol}`);
  return keys;
}
function ociBlob(blob) {
  const mediaType = OCI_LAYER_TYPE[blob.descriptor.mediaType] ?? blob.descriptor.mediaType;
  if (mediaType === blob.descriptor.mediaType) return blob;
  const descriptor = { ...blob.descriptor, mediaType };
  return { descriptor, origin: blob.origin, open: () => blob.open() };
}

export {
  isIndex,
  isDistributable,
  memoryBlob,
  canonicalJson,
  baseAnnotations,
  stackImage,
  imageOf,
  buildIndex,
  buildImageOrIndex,
  ociBlob
};
