#!/usr/bin/env node
import { createRequire as __slipwayCreateRequire } from 'node:module';
import { fileURLToPath as __slipwayFileURLToPath } from 'node:url';
const require = __slipwayCreateRequire(import.meta.url);
const __filename = __slipwayFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf('/'));
import {
  carrySbom,
  pushToRegistry,
  pythonCacheDir,
  runBuild
} from "./chunk-VEFVAC6I.js";
import {
  connect
} from "./chunk-LFVPRIUP.js";
import {
  dependenciesMismatch,
  installedFor,
  rebaseImage,
  slipwayPart
} from "./chunk-FTQOXQVS.js";
import {
  parseReference,
  parseTag
} from "./chunk-7ZB3PTRR.js";
import {
  formatPlatform
} from "./chunk-PAQHD33Z.js";
import {
  secrets
} from "./chunk-MKQXDKX4.js";
import {
  InputError,
  errorMessage
} from "./chunk-B27IFLT6.js";

// src/core/log.ts
var LineLogger = class {
  constructor(write, verbose = false) {
    this.write = write;
    this.verbose = verbose;
  }
  write;
  verbose;
  info(message) {
    this.write(secrets.redact(message));
  }
  warn(message) {
    this.write(secrets.redact(`warning: ${message}`));
  }
  debug(message) {
    if (this.verbose) this.write(secrets.redact(`debug: ${message}`));
  }
  progress(event) {
    if (event.action === "upload" || event.action === "copy") {
      if (event.bytes !== event.total) return;
    }
    this.write(`${event.id}: ${event.action} ${formatBytes(event.total)}`);
  }
  section(_title) {
    return () => void 0;
  }
};
function formatBytes(n) {
  if (n < 1024) return `${n} B`;
  const units = ["KiB", "MiB", "GiB", "TiB"];
  let value = n;
  let unit = -1;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}

// src/run/rebase.ts
async function runRebase(inputs, ctx) {
  const { logger } = ctx;
  const started = performance.now();
  if (!inputs.image) {
    throw new InputError(
      'Input "image" names the image to rebase in mode: rebase, e.g. ghcr.io/acme/my-sink:1.2.0.'
    );
  }
  if (!inputs["base-image"]) {
    throw new InputError(
      'Input "base-image" names the new base in mode: rebase, e.g. streamnative/pulsar-functions-java-runner:4.0.5.'
    );
  }
  const image = parseReference(inputs.image, { input: "image", defaultTag: "latest" });
  const newBase = parseReference(inputs["base-image"], {
    input: "base-image",
    defaultTag: "latest"
  });
  const tags = inputs.tags.length > 0 ? inputs.tags.map((t) => parseTag(t)) : image.tag ? [image.tag] : [];
  if (tags.length === 0) {
    throw new InputError(
      `Input "tags": ${image.toString()} is named by digest, so there is no tag to move; set tags to where the rebased image goes.`
    );
  }
  const target = image.repositoryOnly();
  const connection = connect(inputs, { ...ctx, logger }, target);
  const { transport } = connection;
  try {
    const rebased = await rebaseImage({
      transport,
      image,
      newBase,
      split: slipwayPart,
      check: (part, base, resolved) => checkDependencies(part, base, resolved, pythonCacheDir(ctx.env))
    });
    logger.info(
      `rebase: ${image.toString()} from ${rebased.oldBase.name}@${rebased.oldBase.digest} onto ${rebased.newBase.name}@${rebased.newBase.digest ?? ""}, keeping ${rebased.kept.length} layer(s) of its own`
    );
    const published = await pushToRegistry(rebased.image, {
      transport,
      repository: target,
      tags,
      policy: inputs["if-exists"],
      logger
    });
    const digest = rebased.image.descriptor.digest;
    const sbom = inputs.sbom ? await carryOver(transport, target, rebased, logger) : void 0;
    return {
      outputs: {
        image: published.references[0] ?? "",
        digest,
        "image-ref": `${target.name()}@${digest}`,
        tags,
        platforms: rebased.platforms.map(formatPlatform),
        "base-digest": rebased.newBase.digest ?? "",
        dockerfile: "",
        pushed: published.pushed,
        ...published.decisions ? { "tag-decisions": published.decisions } : {},
        ...sbom ? { "sbom-digest": sbom } : {}
      },
      stats: { ...published.stats, phases: { rebase: Math.round(performance.now() - started) } },
      dockerfileText: "",
      base: rebased.newBase.name
    };
  } finally {
    await connection.close();
  }
}
async function checkDependencies(part, base, newBase, cacheDir) {
  const was = part.history.map((h) => installedFor(h.created_by)).find((t) => t !== void 0);
  if (!was) return;
  const { basePython } = await import("./python-deps-A3ZCK5XY.js");
  const why = dependenciesMismatch(was, await basePython(base, newBase.name, cacheDir));
  if (why) {
    throw new InputError(
      `Input "base-image": ${newBase.name} (${formatPlatform(base.platform)}) ${why}; rebuild the image with this base-image (mode: build) instead of rebasing it.`
    );
  }
}
async function carryOver(transport, repository, rebased, logger) {
  try {
    return await carrySbom({
      transport,
      repository,
      from: rebased.source.digest,
      subject: rebased.image.descriptor,
      logger
    });
  } catch (err) {
    logger.warn(`sbom: not carried over (${errorMessage(err)}); set sbom: false to skip it`);
    return void 0;
  }
}

// src/run/index.ts
function runMode(inputs, ctx) {
  return inputs.mode === "rebase" ? runRebase(inputs, ctx) : runBuild(inputs, ctx);
}

// src/fronts/cli/progress.ts
var BAR_WIDTH = 24;
var TtyLogger = class extends LineLogger {
  constructor(stream, verbose) {
    super((line) => this.printAbove(line), verbose);
    this.stream = stream;
  }
  stream;
  bars = /* @__PURE__ */ new Map();
  drawn = 0;
  progress(event) {
    if (event.action === "upload" || event.action === "copy") {
      if (event.bytes < event.total) {
        this.bars.set(event.id, event);
        this.redraw();
        return;
      }
    }
    this.bars.delete(event.id);
    this.printAbove(`${event.id}: ${event.action} ${formatBytes(event.total)}`);
  }
  printAbove(line) {
    this.clear();
    this.stream.write(`${line}
`);
    this.redraw();
  }
  clear() {
    for (let i = 0; i < this.drawn; i++) this.stream.write("\x1B[1A\x1B[2K");
    this.drawn = 0;
  }
  redraw() {
    this.clear();
    for (const bar of this.bars.values()) {
      const done = bar.total > 0 ? bar.bytes / bar.total : 1;
      const filled = Math.round(done * BAR_WIDTH);
      this.stream.write(
        `${bar.id}: ${bar.action} [${"=".repeat(filled)}${" ".repeat(BAR_WIDTH - filled)}] ${formatBytes(bar.bytes)}/${formatBytes(bar.total)}
`
      );
      this.drawn++;
    }
  }
};
var QUIET_START_MS = 3e3;
var LINE_INTERVAL_MS = 1e4;
var LINE_STEP = 0.1;
var TransferLines = class {
  constructor(write, now = () => performance.now()) {
    this.write = write;
    this.now = now;
  }
  write;
  now;
  transfers = /* @__PURE__ */ new Map();
  /** Returns true when the event was handled (a running transfer); false leaves it to the caller. */
  update(event) {
    if (event.action !== "upload" && event.action !== "copy") return false;
    const key = `${event.action} ${event.id}`;
    const now = this.now();
    if (event.bytes >= event.total) {
      this.transfers.delete(key);
      return false;
    }
    let state = this.transfers.get(key);
    if (!state || event.bytes === 0) {
      state = { start: now, lastLine: now, lastFraction: 0 };
      this.transfers.set(key, state);
      return true;
    }
    const elapsed = now - state.start;
    const fraction = event.total > 0 ? event.bytes / event.total : 1;
    if (elapsed < QUIET_START_MS) return true;
    if (now - state.lastLine < LINE_INTERVAL_MS && fraction - state.lastFraction < LINE_STEP) {
      return true;
    }
    state.lastLine = now;
    state.lastFraction = fraction;
    const rate = event.bytes / (elapsed / 1e3);
    const eta = rate > 0 ? (event.total - event.bytes) / rate : Infinity;
    this.write(
      `${event.id}: ${event.action} ${formatBytes(event.bytes)}/${formatBytes(event.total)} (${Math.floor(fraction * 100 + 1e-9)}%), ${formatBytes(Math.round(rate))}/s, ETA ${formatDuration(eta)}`
    );
    return true;
  }
};
function formatDuration(seconds) {
  if (!Number.isFinite(seconds)) return "unknown";
  const s = Math.ceil(seconds);
  if (s < 60) return `${s} s`;
  return `${Math.floor(s / 60)} min ${s % 60} s`;
}
function gitLabSection(write, title, now = Date.now) {
  const id = `slipway_${title.replace(/[^A-Za-z0-9_.-]+/g, "_")}`;
  const stamp = () => Math.floor(now() / 1e3);
  write(`\x1B[0Ksection_start:${stamp()}:${id}[collapsed=true]\r\x1B[0K${title}
`);
  return () => write(`\x1B[0Ksection_end:${stamp()}:${id}\r\x1B[0K
`);
}
var CiLogger = class extends LineLogger {
  constructor(out, opts) {
    super((line) => out(`${line}
`), opts.verbose);
    this.out = out;
    this.lines = opts.progress ? new TransferLines((line) => out(`${line}
`)) : void 0;
    this.sections = opts.sections;
  }
  out;
  lines;
  openSections = 0;
  sections;
  progress(event) {
    if (this.lines?.update(event)) return;
    if ((event.action === "upload" || event.action === "copy") && event.bytes !== event.total) {
      return;
    }
    super.progress(event);
  }
  section(title) {
    if (!this.sections || this.openSections > 0) return () => void 0;
    this.openSections++;
    const end = gitLabSection(this.out, title);
    return () => {
      this.openSections--;
      end();
    };
  }
};

export {
  LineLogger,
  formatBytes,
  runMode,
  TtyLogger,
  TransferLines,
  CiLogger
};
