#!/usr/bin/env node
import { createRequire as __slipwayCreateRequire } from 'node:module';
import { fileURLToPath as __slipwayFileURLToPath } from 'node:url';
const require = __slipwayCreateRequire(import.meta.url);
const __filename = __slipwayFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf('/'));
import {
  VERSION,
  resolveRawInputs
} from "./chunk-7RSNMQKK.js";
import {
  readRepositoryConfig
} from "./chunk-VON67727.js";
import {
  CiLogger,
  LineLogger,
  TtyLogger,
  runMode
} from "./chunk-352EHO56.js";
import {
  checkReportPath,
  dotenvReport,
  outputsJson,
  writeReportFile
} from "./chunk-VGM7UV5Q.js";
import "./chunk-VEFVAC6I.js";
import "./chunk-IP6YFWNB.js";
import "./chunk-2HJ3SCXE.js";
import {
  oidcTokenFromEnv
} from "./chunk-LFVPRIUP.js";
import "./chunk-B3QBHUTN.js";
import "./chunk-CNQ2QFJG.js";
import "./chunk-QFPI6PYY.js";
import "./chunk-KDK5PB6Y.js";
import {
  INPUTS,
  readInputs
} from "./chunk-HZ5WA2AJ.js";
import "./chunk-SAC5UWRA.js";
import "./chunk-ASJGFOS2.js";
import "./chunk-2QLZBW3T.js";
import "./chunk-HLULNUN7.js";
import "./chunk-SPTBQ62W.js";
import "./chunk-WKKBWN5R.js";
import "./chunk-EFEMPYRR.js";
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
import "./chunk-MKQXDKX4.js";
import "./chunk-NPESS7R3.js";
import "./chunk-6XETQOWK.js";
import {
  InputError,
  RunError
} from "./chunk-B27IFLT6.js";
import "./chunk-3ILMJHGQ.js";

// src/fronts/cli/commands.ts
import { appendFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
function makeLogger(flags, env = process.env) {
  const stream = process.stderr;
  const verbose = flags.verbose === true;
  if (stream.isTTY && !env.CI && !flags.quiet && !flags.json) return new TtyLogger(stream, verbose);
  if (flags.quiet) {
    return new class extends LineLogger {
      info() {
      }
      progress() {
      }
    }((line) => stream.write(`${line}
`), verbose);
  }
  return new CiLogger((text) => stream.write(text), {
    verbose,
    progress: !flags.json,
    sections: env.GITLAB_CI === "true"
  });
}
var configFile;
function loadConfigFile() {
  configFile ??= readRepositoryConfig(process.cwd());
  return configFile;
}
async function resolveFor(command, name, fixed = {}) {
  const file = await loadConfigFile();
  const resolved = resolveRawInputs(
    command,
    name,
    { name: file.file, inputs: file.runInputs },
    process.env,
    fixed
  );
  return { ...resolved, inputs: readInputs((input) => resolved.raw[input]) };
}
function context(inputs, logger) {
  return {
    env: process.env,
    logger,
    // The CLI has no identity of its own: GitLab's `id_tokens` put the CI's token in a variable.
    ciOidcToken: oidcTokenFromEnv(process.env, inputs["oidc-token-variable"])
  };
}
async function build(command, name) {
  const opts = command.opts();
  if (opts.all) return buildAll(command);
  if (opts.mode === "discover") return discover(command, "build");
  const mode = opts.mode === "rebase" ? "rebase" : name;
  const { inputs } = await resolveFor(command, name, { mode });
  if (opts.dotenv) checkReportPath(opts.dotenv, "--dotenv");
  if (opts.metadata) checkReportPath(opts.metadata, "--metadata");
  const logger = makeLogger(opts);
  const result = await runMode(inputs, context(inputs, logger));
  const { outputs } = result;
  if (opts.dotenv) writeReportFile(opts.dotenv, dotenvReport(outputs, process.cwd()), "--dotenv");
  if (opts.metadata) writeReportFile(opts.metadata, `${outputsJson(outputs)}
`, "--metadata");
  if (opts.json) {
    process.stdout.write(`${outputsJson(outputs)}
`);
  } else {
    process.stdout.write(`${outputs["image-ref"] || outputs.digest}
`);
  }
}
async function buildAll(command) {
  const opts = command.opts();
  const { inputs, raw } = await resolveFor(command, "build", { mode: "build" });
  const concurrency = Number(opts.concurrency);
  if (!Number.isSafeInteger(concurrency) || concurrency < 1) {
    throw new InputError(
      `--concurrency must be a whole number of at least 1 (got "${opts.concurrency}").`
    );
  }
  const root = resolve(inputs["working-directory"]);
  const logger = makeLogger(opts);
  const { manySummary, runMany, selectProjects } = await import("./many-7MBD2HSZ.js");
  const selections = await selectProjects(root, {
    changedSince: inputs["changed-since"] || void 0,
    imagePrefix: opts.imagePrefix
  });
  logger.info(`build --all: ${selections.length} project(s) selected in ${root}`);
  const base = { ...raw };
  delete base["working-directory"];
  const report = await runMany(selections, base, root, context(inputs, logger), { concurrency });
  const table = manySummary(report);
  if (process.env.GITHUB_STEP_SUMMARY) {
    appendFileSync(process.env.GITHUB_STEP_SUMMARY, `### Slipway

${table}`);
  }
  process.stdout.write(opts.json ? `${JSON.stringify(report, null, 2)}
` : table);
  if (report.failed > 0) {
    const names = report.projects.filter((p) => p.status === "failed").map((p) => p.name);
    throw new RunError(
      `${report.failed} of ${report.projects.length} projects failed: ${names.join(", ")}; see their [name] lines above.`
    );
  }
}
async function verify(ref, command) {
  const opts = command.opts();
  const { inputs } = await resolveFor(command, "verify");
  const { describeVerified, verifyPushed } = await import("./verify-5CRYHX5Z.js");
  const verified = await verifyPushed(ref, inputs, context(inputs, makeLogger(opts)));
  process.stdout.write(
    opts.json ? `${JSON.stringify(verified, null, 2)}
` : `${describeVerified(verified).join("\n")}
`
  );
}
async function inspect(ref, command) {
  const opts = command.opts();
  const { inputs } = await resolveFor(command, "inspect");
  const { formatInspectReport, inspectImage } = await import("./inspect-R55XI6SN.js");
  const report = await inspectImage(ref, inputs, context(inputs, makeLogger(opts)));
  process.stdout.write(
    opts.json ? `${JSON.stringify(report, null, 2)}
` : formatInspectReport(report)
  );
}
function gitLabTemplate(value) {
  const match = /^(component|local|remote):(.+)$/.exec(value ?? "");
  if (!match) {
    throw new InputError(
      `--gitlab-include must say how the child pipeline includes the Slipway component, e.g. --gitlab-include 'component:$CI_SERVER_FQDN/<group>/slipway/slipway@${VERSION}' (or local:PATH, remote:URL).`
    );
  }
  const [, kind, location] = match;
  return kind === "component" ? { component: location } : kind === "local" ? { local: location } : { remote: location };
}
async function discover(command, as = "discover") {
  const opts = command.opts();
  const { inputs } = await resolveFor(command, as);
  const root = resolve(inputs["working-directory"]);
  const template = opts.gitlabPipeline ? gitLabTemplate(opts.gitlabInclude) : void 0;
  const { selectProjects } = await import("./many-7MBD2HSZ.js");
  const { gitLabChildPipeline } = await import("./fanout-773ZLRRS.js");
  const { describeReason, discoveryJson } = await import("./projects-YJOXIV2R.js");
  const selections = await selectProjects(root, {
    changedSince: inputs["changed-since"] || void 0,
    imagePrefix: opts.imagePrefix
  });
  if (opts.gitlabPipeline && template) {
    writeFileSync(
      opts.gitlabPipeline,
      gitLabChildPipeline(
        selections.map((s) => s.project),
        { template }
      )
    );
  }
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(discoveryJson(selections), null, 2)}
`);
    return;
  }
  for (const s of selections) {
    const p = s.project;
    process.stdout.write(
      `${p.name}	${p.connectorType}	${p.workingDirectory}	${p.image}	${s.reasons.map(describeReason).join("; ")}
`
    );
  }
  process.stderr.write(`${selections.length} project(s)
`);
}
async function config(command) {
  const opts = command.opts();
  const { raw, sources } = await resolveFor(command, "build");
  const rows = Object.keys(INPUTS).filter((name) => name !== "mode").map((name) => {
    const spec = INPUTS[name];
    const given = raw[name];
    const value = spec.secret && given ? "***" : given ?? spec.default;
    const { source, detail } = sources[name];
    return { name, value, source, ...detail ? { from: detail } : {} };
  });
  if (opts.json) {
    process.stdout.write(`${JSON.stringify({ inputs: rows }, null, 2)}
`);
    return;
  }
  const width = Math.max(...rows.map((r) => r.name.length));
  for (const r of rows) {
    const where = r.source === "default" ? "default" : `${r.source}: ${r.from ?? ""}`;
    process.stdout.write(`${r.name.padEnd(width)}  ${r.value || "(empty)"}  (${where})
`);
  }
}
export {
  build,
  config,
  discover,
  inspect,
  verify
};
