#!/usr/bin/env node
import { createRequire as __slipwayCreateRequire } from 'node:module';
import { fileURLToPath as __slipwayFileURLToPath } from 'node:url';
const require = __slipwayCreateRequire(import.meta.url);
const __filename = __slipwayFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf('/'));
import {
  gitHubMatrices,
  gitHubMatrixOutputs
} from "./chunk-S4TGIHCR.js";
import {
  discoverProjects,
  discoveryJson,
  mavenReactorBuilds,
  projectInputs,
  selectAll,
  selectChanged
} from "./chunk-TZQC5KML.js";
import "./chunk-VON67727.js";
import {
  buildCommand,
  runBuild
} from "./chunk-VEFVAC6I.js";
import "./chunk-IP6YFWNB.js";
import "./chunk-2HJ3SCXE.js";
import {
  ConnectionPool
} from "./chunk-LFVPRIUP.js";
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
  runTool
} from "./chunk-ZRIQ3J3R.js";
import {
  errorMessage
} from "./chunk-B27IFLT6.js";
import "./chunk-3ILMJHGQ.js";

// src/run/many.ts
import { join, resolve } from "node:path";
async function selectProjects(root, opts = {}) {
  const projects = await discoverProjects(root, { imagePrefix: opts.imagePrefix });
  return opts.changedSince ? selectChanged(projects, root, opts.changedSince) : selectAll(projects);
}
function discoverOutputs(selections) {
  return {
    ...gitHubMatrixOutputs(gitHubMatrices(selections.map((s) => s.project))),
    projects: JSON.stringify(discoveryJson(selections))
  };
}
var ProjectLogger = class {
  constructor(inner, prefix) {
    this.inner = inner;
    this.prefix = prefix;
  }
  inner;
  prefix;
  info(message) {
    this.inner.info(`${this.prefix} ${message}`);
  }
  warn(message) {
    this.inner.warn(`${this.prefix} ${message}`);
  }
  debug(message) {
    this.inner.debug(`${this.prefix} ${message}`);
  }
  progress(event) {
    this.inner.progress({ ...event, id: `${this.prefix} ${event.id}` });
  }
  // No sections: the phases of concurrent projects interleave.
};
async function eachLimited(items, limit, step) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await step(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}
function exitCodeOf(err) {
  const code = err.exitCode;
  return typeof code === "number" ? code : 1;
}
async function runMany(selections, base, root, ctx, opts) {
  const { logger, env } = ctx;
  const projects = selections.map((s) => s.project);
  const reactors = mavenReactorBuilds(projects);
  const baseArgs = readInputs((name) => base[name])["build-args"];
  const failedReactors = /* @__PURE__ */ new Map();
  for (const reactor of reactors) {
    const dir = join(root, reactor.reactor);
    const cmd = await buildCommand("maven", dir, [...reactor.args, ...baseArgs], env);
    logger.info(`build: ${cmd.title} (in ${reactor.reactor})`);
    try {
      await runTool({ ...cmd, cwd: dir, logger, env });
    } catch (err) {
      failedReactors.set(reactor.reactor, errorMessage(err));
      logger.warn(`the Maven build in ${reactor.reactor} failed; its projects are not packaged`);
    }
  }
  const outcomes = /* @__PURE__ */ new Map();
  const pool = new ConnectionPool(ctx);
  const building = eachLimited(projects, opts.concurrency, async (project) => {
    const started = performance.now();
    const outcome = (fields) => {
      outcomes.set(project, {
        name: project.name,
        "working-directory": project.workingDirectory,
        image: project.image,
        ...fields,
        "duration-ms": Math.round(performance.now() - started)
      });
    };
    const reactorError = project.maven && failedReactors.get(project.maven.reactor);
    if (reactorError) {
      outcome({ status: "failed", error: reactorError.split("\n")[0], "exit-code": 1 });
      return;
    }
    const projectLogger = new ProjectLogger(logger, `[${project.name}]`);
    try {
      const inputs = projectRunInputs(project, base, root);
      const result = await runBuild(inputs, { ...ctx, logger: projectLogger, pool });
      outcome({ status: "success", outputs: result.outputs });
    } catch (err) {
      projectLogger.warn(`failed: ${errorMessage(err)}`);
      outcome({
        status: "failed",
        error: errorMessage(err).split("\n")[0],
        "exit-code": exitCodeOf(err)
      });
    }
  });
  await building.finally(() => pool.close());
  const ordered = projects.map((p) => outcomes.get(p));
  const failed = ordered.filter((o) => o.status === "failed").length;
  return {
    projects: ordered,
    "maven-builds": reactors,
    succeeded: ordered.length - failed,
    failed
  };
}
function projectRunInputs(project, base, root) {
  const own = {
    ...projectInputs(project),
    "working-directory": resolve(root, project.workingDirectory)
  };
  if (project.maven) own.build = "none";
  return readInputs((name) => own[name] ?? base[name]);
}
function manySummary(report) {
  const lines = ["| project | image | digest | status |", "|---|---|---|---|"];
  for (const p of report.projects) {
    const image = p.outputs?.image || p.image;
    const digest = p.outputs?.digest ? `\`${p.outputs.digest}\`` : "";
    const status = p.status === "failed" ? `failed: ${p.error ?? ""}` : p.outputs?.pushed ? "pushed" : "built";
    lines.push(`| ${p.name} | ${image} | ${digest} | ${status.replace(/\|/g, "\\|")} |`);
  }
  lines.push("", `${report.succeeded} succeeded, ${report.failed} failed.`);
  return `${lines.join("\n")}
`;
}
export {
  discoverOutputs,
  manySummary,
  projectRunInputs,
  runMany,
  selectProjects
};
