#!/usr/bin/env node
import { createRequire as __slipwayCreateRequire } from 'node:module';
import { fileURLToPath as __slipwayFileURLToPath } from 'node:url';
const require = __slipwayCreateRequire(import.meta.url);
const __filename = __slipwayFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf('/'));
import {
  MANIFEST_MEDIA_TYPES
} from "./chunk-MPILWNXU.js";
import {
  InputError,
  RunError
} from "./chunk-B27IFLT6.js";

// src/image/platform.ts
var KNOWN_OS = /* @__PURE__ */ new Set([
  "aix",
  "android",
  "darwin",
  "dragonfly",
  "freebsd",
  "illumos",
  "ios",
  "js",
  "linux",
  "netbsd",
  "openbsd",
  "plan9",
  "solaris",
  "wasip1",
  "windows",
  "zos"
]);
var KNOWN_ARCH = /* @__PURE__ */ new Set([
  "386",
  "amd64",
  "arm",
  "arm64",
  "loong64",
  "mips",
  "mipsle",
  "mips64",
  "mips64le",
  "ppc64",
  "ppc64le",
  "riscv64",
  "s390x",
  "sparc64",
  "wasm"
]);
var VARIANT_RE = /^[a-z0-9.]+$/;
function normalizePlatform(p) {
  let os = p.os.toLowerCase();
  if (os === "macos") os = "darwin";
  let arch = p.architecture.toLowerCase();
  let variant = p.variant?.toLowerCase() || void 0;
  switch (arch) {
    case "i386":
      arch = "386";
      variant = void 0;
      break;
    case "x86_64":
    case "x86-64":
    case "amd64":
      arch = "amd64";
      if (variant === "v1") variant = void 0;
      break;
    case "aarch64":
    case "arm64":
      arch = "arm64";
      if (variant === "8" || variant === "v8" || variant === "v8.0") variant = void 0;
      break;
    case "armhf":
      arch = "arm";
      variant = "v7";
      break;
    case "armel":
      arch = "arm";
      variant = "v6";
      break;
    case "arm":
      if (variant === void 0 || variant === "7") variant = "v7";
      else if (variant === "5" || variant === "6" || variant === "8") variant = `v${variant}`;
      break;
  }
  const out = { os, architecture: arch };
  if (variant !== void 0) out.variant = variant;
  if (p["os.version"] !== void 0) out["os.version"] = p["os.version"];
  if (p["os.features"] !== void 0) out["os.features"] = p["os.features"];
  return out;
}
function formatPlatform(p) {
  return p.variant ? `${p.os}/${p.architecture}/${p.variant}` : `${p.os}/${p.architecture}`;
}
function parsePlatform(value, input = "platforms") {
  const raw = value.trim();
  const parts = raw.split("/");
  const bad = (why) => {
    throw new InputError(`input "${input}": platform "${value}" ${why}`);
  };
  if (parts.length < 2 || parts.length > 3 || parts.some((part) => part === "")) {
    bad("is malformed; write os/architecture[/variant], e.g. linux/amd64 or linux/arm/v7");
  }
  const [os, architecture, variant] = parts;
  const p = normalizePlatform({ os, architecture, variant });
  if (!KNOWN_OS.has(p.os)) bad(`has an unknown operating system "${os}"; most images use linux`);
  if (!KNOWN_ARCH.has(p.architecture)) {
    bad(`has an unknown architecture "${architecture}"; e.g. amd64, arm64, arm, ppc64le, s390x`);
  }
  if (p.variant !== void 0 && !VARIANT_RE.test(p.variant)) {
    bad(`has an invalid variant "${variant}"; e.g. v7 or v8`);
  }
  return p;
}
function parsePlatforms(values, input = "platforms") {
  const out = [];
  for (const value of values) {
    const p = parsePlatform(value, input);
    if (!out.some((q) => samePlatform(p, q))) out.push(p);
  }
  return out;
}
function isUnknownPlatform(p) {
  return p === void 0 || p.os === "unknown" && p.architecture === "unknown";
}
function runnableEntries(manifests) {
  return manifests.filter(
    (d) => MANIFEST_MEDIA_TYPES.includes(d.mediaType) && !isUnknownPlatform(d.platform)
  );
}
function platformOfConfig(config) {
  const p = { os: config.os, architecture: config.architecture };
  if (config.variant) p.variant = config.variant;
  if (config["os.version"]) p["os.version"] = config["os.version"];
  return p;
}
var PLATFORM_WORD = /^[A-Za-z0-9_.+-]{1,64}$/;
function checkedPlatform(p, where) {
  const fields = [
    ["os", p.os],
    ["architecture", p.architecture],
    ["variant", p.variant],
    ["os.version", p["os.version"]]
  ];
  for (const [name, value] of fields) {
    if (value === void 0 || name === "variant" && value === "") continue;
    if (typeof value !== "string" || !PLATFORM_WORD.test(value)) {
      throw new RunError(
        `${where} states the platform ${name} ${JSON.stringify(value).slice(0, 80)}, which is not a platform name (letters, digits, ".", "_", "+", "-"); use another base image or fix its config.`
      );
    }
  }
  return p;
}
function samePlatform(a, b) {
  const x = normalizePlatform(a);
  const y = normalizePlatform(b);
  return x.os === y.os && x.architecture === y.architecture && x.variant === y.variant;
}
function bestMatch(requested, candidates, platformOf) {
  const want = normalizePlatform(requested);
  const exact = candidates.find((c) => {
    const p = platformOf(c);
    return p !== void 0 && samePlatform(want, p);
  });
  if (exact !== void 0 || requested.variant !== void 0) return exact;
  return candidates.find((c) => {
    const p = platformOf(c);
    if (p === void 0) return false;
    const n = normalizePlatform(p);
    return n.os === want.os && n.architecture === want.architecture;
  });
}

export {
  normalizePlatform,
  formatPlatform,
  parsePlatforms,
  runnableEntries,
  platformOfConfig,
  checkedPlatform,
  samePlatform,
  bestMatch
};
