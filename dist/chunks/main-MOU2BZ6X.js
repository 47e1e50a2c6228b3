#!/usr/bin/env node
import { createRequire as __slipwayCreateRequire } from 'node:module';
import { fileURLToPath as __slipwayFileURLToPath } from 'node:url';
const require = __slipwayCreateRequire(import.meta.url);
const __filename = __slipwayFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf('/'));
import {
  LineLogger,
  TransferLines,
  formatBytes,
  runMode
} from "./chunk-352EHO56.js";
import {
  outputStrings
} from "./chunk-VGM7UV5Q.js";
import "./chunk-VEFVAC6I.js";
import "./chunk-IP6YFWNB.js";
import "./chunk-2HJ3SCXE.js";
import "./chunk-LFVPRIUP.js";
import "./chunk-B3QBHUTN.js";
import "./chunk-CNQ2QFJG.js";
import "./chunk-QFPI6PYY.js";
import "./chunk-KDK5PB6Y.js";
import {
  readInputs
} from "./chunk-HZ5WA2AJ.js";
import "./chunk-SAC5UWRA.js";
import "./chunk-ASJGFOS2.js";
import "./chunk-2QLZBW3T.js";
import "./chunk-HLULNUN7.js";
import "./chunk-SPTBQ62W.js";
import "./chunk-WKKBWN5R.js";
import "./chunk-EFEMPYRR.js";
import {
  require_core
} from "./chunk-FVZQEQF2.js";
import "./chunk-DLUZ6BA6.js";
import "./chunk-FTQOXQVS.js";
import "./chunk-HCXPMCY4.js";
import "./chunk-NDJXUN3L.js";
import "./chunk-FCCLLEZB.js";
import "./chunk-H6QOYTIP.js";
import "./chunk-X5I6WQPR.js";
import "./chunk-7ZB3PTRR.js";
import "./chunk-OG2YEZ62.js";
import "./chunk-UXAEXQQB.js";
import "./chunk-XBEXEVC2.js";
import "./chunk-PAQHD33Z.js";
import "./chunk-MPILWNXU.js";
import {
  secrets
} from "./chunk-MKQXDKX4.js";
import "./chunk-NPESS7R3.js";
import "./chunk-6XETQOWK.js";
import {
  SlipwayError,
  errorMessage
} from "./chunk-B27IFLT6.js";
import {
  __toESM
} from "./chunk-3ILMJHGQ.js";

// src/fronts/action/main.ts
var core = __toESM(require_core());
import { resolve } from "node:path";

// src/fronts/action/summary.ts
function summaryEnabled(env) {
  return env.SLIPWAY_SUMMARY !== "false";
}
function oneLine(value) {
  return value.replace(/[\r\n\u2028\u2029]+/g, " ");
}
function code(value) {
  const escaped = oneLine(value).replace(/\|/g, "\\|");
  const longest = Math.max(0, ...(escaped.match(/`+/g) ?? []).map((run2) => run2.length));
  if (longest === 0) return `\`${escaped}\``;
  const marks = "`".repeat(longest + 1);
  return `${marks} ${escaped} ${marks}`;
}
function escapeHtml(value) {
  return oneLine(value).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
function text(value) {
  return oneLine(value).replace(/[\\`*_[\]<>!|]/g, "\\$&").replace(/:\/\//g, "&#58;//").replace(/\bwww\./gi, (www) => `${www.slice(0, 3)}&#46;`);
}
function formatDuration(ms) {
  if (ms < 1e3) return `${Math.round(ms)} ms`;
  const seconds = ms / 1e3;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${Math.round(seconds - minutes * 60)} s`;
}
function baseName(result, inputs) {
  if (result.base) return result.base;
  const from = /^\s*FROM\s+(?:--\S+\s+)*(\S+)/im.exec(result.dockerfileText);
  if (from?.[1]) return from[1];
  return inputs["base-image"];
}
function headline(result, inputs) {
  const { outputs } = result;
  const output = inputs.output;
  if (output === "none") return `Slipway: dry run of ${outputs.image || outputs.digest}`;
  if (output.startsWith("oci:")) return `Slipway: wrote ${output.slice(4)} (OCI layout)`;
  if (outputs.pushed) return `Slipway: pushed ${outputs.image}`;
  return `Slipway: ${outputs.image} was already up to date, nothing pushed`;
}
function fence(body, info2) {
  const longest = Math.max(0, ...(body.match(/`+/g) ?? []).map((run2) => run2.length));
  const marks = "`".repeat(Math.max(3, longest + 1));
  return `${marks}${info2}
${body.replace(/\n+$/, "")}
${marks}`;
}
function renderSummary(result, inputs) {
  const { outputs, stats } = result;
  const rows = [];
  const add = (label, value) => {
    if (value !== void 0 && value !== "") rows.push([label, value]);
  };
  add("Image", outputs.image && code(outputs.image));
  add("Digest", outputs.digest && code(outputs.digest));
  add("Pinned reference", outputs["image-ref"] && code(outputs["image-ref"]));
  add("Platforms", outputs.platforms.map(code).join(", "));
  add("Tags", outputs.tags.map(code).join(", "));
  add(
    "Tag decisions",
    outputs["tag-decisions"]?.map((entry) => {
      const at = entry.lastIndexOf("=");
      return `${code(entry.slice(0, at))} ${text(entry.slice(at + 1))}`;
    }).join("<br>")
  );
  const base = baseName(result, inputs);
  add("Base", base && code(base));
  add("Base digest", outputs["base-digest"] && code(outputs["base-digest"]));
  add(
    "Uploaded",
    `${formatBytes(stats.bytesUploaded)} in ${stats.blobsUploaded} blob${stats.blobsUploaded === 1 ? "" : "s"}`
  );
  add(
    "Skipped",
    `${formatBytes(stats.bytesSkipped)} (${stats.blobsExisting} already in the registry, ${stats.blobsMounted} mounted)`
  );
  add("Pushed", outputs.pushed ? "yes" : "no");
  add("Function Mesh resource", outputs.manifest && code(outputs.manifest));
  add("Airbyte definition", outputs["definition-id"] && code(outputs["definition-id"]));
  add("SBOM", outputs["sbom-digest"] && code(outputs["sbom-digest"]));
  const lines = [`### ${text(headline(result, inputs))}`, "", "| | |", "| --- | --- |"];
  for (const [label, value] of rows) lines.push(`| ${label} | ${value} |`);
  const phases = Object.entries(stats.phases);
  if (phases.length > 0) {
    const total = phases.reduce((sum, [, ms]) => sum + ms, 0);
    lines.push("", "| Phase | Time |", "| --- | ---: |");
    for (const [phase, ms] of phases) lines.push(`| ${text(phase)} | ${formatDuration(ms)} |`);
    lines.push(`| **total** | **${formatDuration(total)}** |`);
  }
  if (result.dockerfileText.trim() !== "") {
    const where = outputs.dockerfile ? ` <code>${escapeHtml(outputs.dockerfile)}</code>` : "";
    lines.push(
      "",
      "<details>",
      `<summary>Dockerfile${where}</summary>`,
      "",
      fence(result.dockerfileText, "dockerfile"),
      "",
      "</details>"
    );
  }
  return `${lines.join("\n")}
`;
}

// src/fronts/action/main.ts
var import_core = __toESM(require_core());
var ActionLogger = class extends LineLogger {
  transfers = new TransferLines((line) => core.info(line));
  grouped = false;
  constructor() {
    super((line) => core.info(line));
  }
  progress(event) {
    if (this.transfers.update(event)) return;
    super.progress(event);
  }
  /** Each phase in a collapsible group of the workflow log; GitHub's groups do not nest. */
  section(title) {
    if (this.grouped) return () => void 0;
    this.grouped = true;
    core.startGroup(title);
    return () => {
      core.endGroup();
      this.grouped = false;
    };
  }
  warn(message) {
    core.warning(secrets.redact(message));
  }
  debug(message) {
    core.debug(secrets.redact(message));
  }
};
async function oidcToken(audience) {
  if (!process.env.ACTIONS_ID_TOKEN_REQUEST_URL) return void 0;
  const token = await core.getIDToken(audience);
  secrets.add(token);
  return token;
}
async function run() {
  secrets.onAdd((value) => core.setSecret(value));
  try {
    const inputs = readInputs((name) => core.getInput(name, { trimWhitespace: false }));
    if (inputs.mode === "discover") {
      await discover(inputs);
      return;
    }
    const result = await runMode(inputs, {
      env: process.env,
      logger: new ActionLogger(),
      ciOidcToken: oidcToken
    });
    for (const [name, value] of Object.entries(outputStrings(result.outputs))) {
      core.setOutput(name, value);
    }
    if (summaryEnabled(process.env) && process.env.GITHUB_STEP_SUMMARY) {
      await core.summary.addRaw(renderSummary(result, inputs)).write();
    }
  } catch (err) {
    const message = secrets.redact(errorMessage(err));
    if (err instanceof SlipwayError && err.location) {
      core.error(message, { file: err.location.file, startLine: err.location.line });
    }
    core.setFailed(message);
  }
}
async function discover(inputs) {
  const { discoverOutputs, selectProjects } = await import("./many-7MBD2HSZ.js");
  const { describeReason } = await import("./projects-YJOXIV2R.js");
  const selections = await selectProjects(resolve(inputs["working-directory"]), {
    changedSince: inputs["changed-since"] || void 0
  });
  for (const [name, value] of Object.entries(discoverOutputs(selections))) {
    core.setOutput(name, value);
  }
  core.info(`discover: ${selections.length} project(s) selected`);
  for (const s of selections) {
    core.info(
      `  ${s.project.name} (${s.project.workingDirectory}): ${s.reasons.map(describeReason).join("; ")}`
    );
  }
  if (summaryEnabled(process.env) && process.env.GITHUB_STEP_SUMMARY) {
    await core.summary.addHeading("Slipway: projects to build", 3).addTable([
      [
        { data: "project", header: true },
        { data: "image", header: true },
        { data: "why", header: true }
      ],
      ...selections.map((s) => [
        s.project.name,
        s.project.image,
        s.reasons.map(describeReason).join("; ")
      ])
    ]).write();
  }
}
var export_setFailed = import_core.setFailed;
export {
  run,
  export_setFailed as setFailed
};
