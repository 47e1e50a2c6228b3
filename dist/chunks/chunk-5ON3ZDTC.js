#!/usr/bin/env node
import { createRequire as __slipwayCreateRequire } from 'node:module';
import { fileURLToPath as __slipwayFileURLToPath } from 'node:url';
const require = __slipwayCreateRequire(import.meta.url);
const __filename = __slipwayFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf('/'));
import {
  DOCKER_HUB_INDEX
} from "./chunk-B3QBHUTN.js";
import {
  WordError,
  processWords
} from "./chunk-JIXT4NLB.js";
import {
  resolveBase
} from "./chunk-NDJXUN3L.js";
import {
  isInsecureHost
} from "./chunk-FCCLLEZB.js";
import {
  isLoopbackHost,
  speaksTls
} from "./chunk-H6QOYTIP.js";
import {
  DOCKER_HUB,
  isScratch,
  normalizeRegistry,
  parseReference,
  registryApiHost
} from "./chunk-7ZB3PTRR.js";
import {
  parse
} from "./chunk-5NM6JZDE.js";
import {
  formatPlatform
} from "./chunk-PAQHD33Z.js";
import {
  secrets
} from "./chunk-MKQXDKX4.js";
import {
  isRecord
} from "./chunk-NPESS7R3.js";
import {
  runProcess
} from "./chunk-ZRIQ3J3R.js";
import {
  InputError,
  RunError
} from "./chunk-B27IFLT6.js";

// src/assemble/docker.ts
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
function splitCommand(command, env) {
  let words;
  try {
    words = processWords(command, (name) => env[name]);
  } catch (err) {
    if (!(err instanceof WordError)) throw err;
    throw new InputError(
      `Input "docker-command": "${command}" cannot be split into words (${err.message}); close the quote or escape it with a backslash.`
    );
  }
  const [program, ...args] = words;
  if (!program) {
    throw new InputError(
      'Input "docker-command" is empty; set it to docker or podman (arguments may follow, e.g. podman --storage-driver vfs).'
    );
  }
  return { program, args };
}
var Cli = class {
  constructor(opts, env) {
    this.opts = opts;
    this.env = env;
    const { program, args } = splitCommand(opts.command, env);
    this.program = program;
    this.leading = [...args, ...opts.globalArgs ?? []];
  }
  opts;
  env;
  flavorCache;
  program;
  /** The input's own arguments, then the caller's globalArgs. */
  leading;
  async exec(run) {
    const { command, logger } = this.opts;
    const args = [...this.leading, ...run.args];
    logger.debug(`${this.program} ${args.join(" ")}`);
    try {
      return await runProcess({ ...run, command: this.program, args, env: this.env, logger });
    } catch (err) {
      const e = err;
      const program = this.program === command ? command : `${this.program} (of "${command}")`;
      throw e.code === "ENOENT" ? new InputError(
        `Input "docker-command": ${program} was not found on PATH; install docker or podman, or set docker-command to one that is installed.`
      ) : new RunError(`${program} could not start: ${e.message}.`);
    }
  }
  async ok(run, what) {
    const result = await this.exec(run);
    if (result.code !== 0) {
      const last = result.tail.length ? `; last lines:
${result.tail.join("\n")}` : "";
      const hint = engineHint(result.tail);
      throw new RunError(
        `${this.opts.command} ${what} failed with exit code ${result.code ?? "none"}${hint ? `; ${hint}` : ""}${last}`
      );
    }
    return result;
  }
  /** docker and podman take the same commands but differ in digests and TLS flags. */
  async flavor() {
    if (!this.flavorCache) {
      const version = await this.exec({ args: ["--version"], log: "debug" });
      this.flavorCache = version.stdout.join(" ").toLowerCase().includes("podman") ? "podman" : "docker";
    }
    return this.flavorCache;
  }
};
function engineHint(tail) {
  const text = tail.join("\n");
  const buildx = "docker's buildx plugin (package docker-buildx or docker-buildx-plugin)";
  if (/buildx component is missing/i.test(text)) {
    return `DOCKER_BUILDKIT turns BuildKit on, which needs ${buildx}: install it, or unset DOCKER_BUILDKIT`;
  }
  if (/requires BuildKit/i.test(text)) {
    return `docker fell back to its legacy builder, which cannot run this Dockerfile (COPY --chmod needs BuildKit): install ${buildx}, or use podman as docker-command`;
  }
  if (/server gave HTTP response to HTTPS client/i.test(text)) {
    return "the registry speaks plain HTTP, which the engine must be told: list it under insecure-registries in dockerd's daemon.json, or as a [[registry]] with insecure = true in the registries.conf of a podman engine";
  }
  return void 0;
}
async function registriesConf(hosts, env) {
  const candidates = [
    env.CONTAINERS_REGISTRIES_CONF,
    env.HOME ? join(env.HOME, ".config/containers/registries.conf") : void 0,
    "/etc/containers/registries.conf"
  ];
  let base = "";
  for (const file of candidates) {
    if (!file) continue;
    try {
      base = await readFile(file, "utf8");
      break;
    } catch {
    }
  }
  const locations = new Set(registryLocations(base));
  const entries = hosts.filter((host) => !locations.has(host)).map((host) => `
[[registry]]
location = ${JSON.stringify(host)}
insecure = true
`);
  return `${base}
${entries.join("")}`;
}
function registryLocations(conf) {
  let doc;
  try {
    doc = parse(conf);
  } catch {
    return [];
  }
  const registries = Array.isArray(doc.registry) ? doc.registry : [];
  return registries.map((r) => isRecord(r) ? r.location : void 0).filter((location) => typeof location === "string");
}
var TOKEN_USER = "00000000-0000-0000-0000-000000000000";
async function withLogins(opts, logins, fn) {
  const dir = await mkdtemp(join(opts.tmpDir ?? tmpdir(), "slipway-docker-auth-"));
  try {
    await chmod(dir, 448);
    const authFile = join(dir, "auth.json");
    await writeFile(authFile, '{"auths":{}}\n', { mode: 384 });
    const env = {
      ...opts.env ?? process.env,
      DOCKER_CONFIG: dir,
      REGISTRY_AUTH_FILE: authFile
    };
    delete env.DOCKER_AUTH_CONFIG;
    const insecure = opts.insecureRegistries ?? [];
    if (insecure.length > 0) {
      const conf = join(dir, "registries.conf");
      await writeFile(conf, await registriesConf(insecure, env), { mode: 384 });
      env.CONTAINERS_REGISTRIES_CONF = conf;
    }
    const cli = new Cli(opts, env);
    if (await cli.flavor() === "docker") {
      const config = `${JSON.stringify(dockerConfig(logins))}
`;
      await writeFile(join(dir, "config.json"), config, { mode: 384 });
    } else {
      for (const login of logins) await podmanLogin(cli, login);
    }
    return await fn(cli);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
async function podmanLogin(cli, login) {
  const c = login.credentials;
  const user = c.username ?? (c.identityToken ? TOKEN_USER : void 0);
  const password = c.password ?? c.identityToken;
  if (user && password) {
    secrets.add(password);
    await cli.ok(
      {
        args: ["login", "--username", user, "--password-stdin", login.registry],
        input: password,
        log: "debug"
      },
      `login ${login.registry}`
    );
    return;
  }
  if (c.registryToken) {
    secrets.add(c.registryToken);
    throw new InputError(
      `The credentials for ${login.registry} are a bare registry token, which ${cli.opts.command} cannot log in with; use docker as docker-command or the native builder.`
    );
  }
}
function dockerConfigKey(registry) {
  return normalizeRegistry(registry) === DOCKER_HUB ? DOCKER_HUB_INDEX : registry;
}
function dockerConfig(logins) {
  const auths = {};
  for (const { registry, credentials: c } of logins) {
    const entry = {};
    if (c.username && c.password) {
      entry.auth = Buffer.from(`${c.username}:${c.password}`).toString("base64");
      secrets.add(c.password);
      secrets.add(entry.auth);
    } else if (c.identityToken) {
      entry.auth = Buffer.from(`${c.username ?? TOKEN_USER}:`).toString("base64");
      entry.identitytoken = c.identityToken;
      secrets.add(c.identityToken);
    } else if (c.registryToken) {
      entry.registrytoken = c.registryToken;
      secrets.add(c.registryToken);
    } else {
      continue;
    }
    auths[dockerConfigKey(registry)] = entry;
  }
  return { auths };
}
var DIGEST = /sha256:[a-f0-9]{64}/;
async function dockerBuildAndPush(opts) {
  if (opts.images.length === 0) throw new InputError("Nothing to tag: set image (and tags).");
  return withLogins(opts, opts.logins, async (cli) => {
    const flavor = await cli.flavor();
    const args = ["build", "-f", opts.dockerfile];
    for (const image of opts.images) args.push("-t", image);
    if (opts.platform) args.push("--platform", opts.platform);
    args.push(opts.contextDir);
    opts.logger.info(`${opts.command} build -f ${opts.dockerfile} ${opts.contextDir}`);
    await cli.ok({ args, log: "info" }, "build");
    if (opts.push === false) return { flavor };
    if (opts.layoutDir && flavor === "podman") {
      const layout = `oci:${opts.layoutDir}:image`;
      await cli.ok(
        { args: ["push", "--format", "oci", opts.images[0], layout], log: "info" },
        `push ${opts.images[0]} ${layout}`
      );
      return { flavor, layout: opts.layoutDir };
    }
    if (opts.layoutDir) {
      const archive = join(opts.layoutDir, "image.tar");
      await mkdir(opts.layoutDir, { recursive: true });
      opts.logger.info(`${opts.command} save -o ${archive} ${opts.images[0]}`);
      await cli.ok(
        { args: ["save", "-o", archive, opts.images[0]], log: "info" },
        `save ${opts.images[0]}`
      );
      return { flavor, archive };
    }
    let digest;
    for (const image of opts.images) {
      const pushed = await pushOne(cli, flavor, image);
      digest ??= pushed;
    }
    return { digest, flavor };
  });
}
async function pushOne(cli, flavor, image) {
  if (flavor === "podman") {
    const file = join(
      await mkdtemp(join(cli.opts.tmpDir ?? tmpdir(), "slipway-digest-")),
      "digest"
    );
    try {
      await cli.ok({ args: ["push", "--digestfile", file, image], log: "info" }, `push ${image}`);
      return DIGEST.exec(await readFile(file, "utf8"))?.[0];
    } finally {
      await rm(join(file, ".."), { recursive: true, force: true });
    }
  }
  const result = await cli.ok({ args: ["push", image], log: "info" }, `push ${image}`);
  const fromOutput = result.stdout.map((l) => /digest: (sha256:[a-f0-9]{64})/.exec(l)?.[1]).find(Boolean);
  if (fromOutput) return fromOutput;
  const inspect = await cli.ok(
    { args: ["inspect", "--format", "{{json .RepoDigests}}", image], log: "debug" },
    "inspect"
  );
  const repo = image.replace(/(:[^/:]+)?$/, "");
  const digests = JSON.parse(inspect.stdout.join("") || "[]");
  if (!Array.isArray(digests)) return void 0;
  const match = digests.find((d) => typeof d === "string" && d.startsWith(`${repo}@`));
  return match ? DIGEST.exec(match)?.[0] : void 0;
}
function findSpec(lines) {
  let specWithoutSchema = false;
  for (const line of lines) {
    const trimmed = line.trim();
    if (!trimmed.startsWith("{")) continue;
    let message;
    try {
      message = JSON.parse(trimmed);
    } catch {
      continue;
    }
    if (!isRecord(message) || message.type !== "SPEC") continue;
    if (isRecord(message.spec) && isRecord(message.spec.connectionSpecification)) {
      return { spec: message, specWithoutSchema };
    }
    specWithoutSchema = true;
  }
  return { specWithoutSchema };
}
async function verifyAirbyteSpec(opts) {
  return withLogins(opts, opts.logins, async (cli) => {
    opts.logger.info(`verify: ${opts.command} run ${opts.image} spec`);
    const result = await cli.exec({
      args: ["run", "--rm", "--network", "none", opts.image, "spec"],
      log: "debug",
      timeoutMs: opts.timeoutMs ?? 6e5
    });
    const { spec, specWithoutSchema } = findSpec(result.stdout);
    if (spec) return spec;
    const last = result.tail.length ? `; last lines:
${result.tail.join("\n")}` : "";
    const what = specWithoutSchema ? "printed a SPEC message without spec.connectionSpecification" : 'printed no {"type":"SPEC"} message';
    const fix = engineHint(result.tail) ?? "check the connector's entrypoint (AIRBYTE_ENTRYPOINT) and its spec";
    throw new RunError(
      `verify: ${opts.image} spec ${what} (exit code ${result.code ?? "none"}); ${fix}${last}`
    );
  });
}

// src/assemble/docker-build.ts
function dockerHosts(target, base) {
  const hosts = /* @__PURE__ */ new Set();
  if (target.repository) hosts.add(target.repository.registry);
  const bases = base ? target.prepared.userDockerfile?.bases ?? [base] : [];
  for (const image of bases) {
    if (!isScratch(image)) hosts.add(parseReference(image, { input: "base-image" }).registry);
  }
  return [...hosts];
}
async function engineInsecureRegistries(hosts, session, logger) {
  const insecure = [];
  for (const host of hosts) {
    const apiHost = registryApiHost(host);
    const marked = isInsecureHost(apiHost, session.insecureRegistries);
    if (!marked && !isLoopbackHost(apiHost)) continue;
    if (marked && session.skipTlsVerify) {
      insecure.push(host);
    } else if (!await speaksTls(apiHost)) {
      if (!isLoopbackHost(apiHost)) {
        logger.warn(
          `${host} does not speak TLS: the engine reaches it over plain HTTP, as insecure-registry allows; credentials and images cross the network unencrypted.`
        );
      }
      insecure.push(host);
    }
  }
  return insecure;
}
async function dockerCliOptions(session, base, cli) {
  const hosts = dockerHosts(session, base);
  const logins = [];
  for (const registry of hosts) {
    const credentials = await session.access.credentials(registry);
    if (credentials) logins.push({ registry, credentials });
  }
  const insecureRegistries = await engineInsecureRegistries(hosts, session, cli.logger);
  return { ...cli, insecureRegistries, logins };
}
async function assembleWithDocker(job) {
  const { prepared, repository } = job;
  if (job.platforms.length > 1) {
    throw new InputError(
      `Input "platforms": a docker-compatible build makes one platform, but ${job.platforms.length} were asked for; give one platform, or remove the RUN steps for a native multi-platform build.`
    );
  }
  const { plan } = prepared;
  const context = prepared.userDockerfile?.contextDir ?? prepared.contextDir;
  const references = job.tags.map((tag) => repository.withTag(tag).toString());
  const result = await dockerBuildAndPush({
    ...await dockerCliOptions(job, plan.base, job),
    dockerfile: job.dockerfile,
    contextDir: context,
    images: references,
    platform: job.platforms[0] ? formatPlatform(job.platforms[0]) : void 0,
    layoutDir: job.layoutDir
  });
  if (result.layout || result.archive) {
    return {
      digest: "",
      platforms: [],
      references,
      layout: result.layout,
      archive: result.archive
    };
  }
  if (!result.digest) {
    throw new RunError(
      `${job.command} pushed ${repository.name()} but reported no digest; check its output above.`
    );
  }
  const pushed = await resolveBase(job.transport, repository.withDigest(result.digest));
  return {
    digest: result.digest,
    platforms: pushed.images.map((img) => formatPlatform(img.platform)),
    references
  };
}

export {
  verifyAirbyteSpec,
  dockerHosts,
  engineInsecureRegistries,
  dockerCliOptions,
  assembleWithDocker
};
