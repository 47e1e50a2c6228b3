#!/usr/bin/env node
import { createRequire as __slipwayCreateRequire } from 'node:module';
import { fileURLToPath as __slipwayFileURLToPath } from 'node:url';
const require = __slipwayCreateRequire(import.meta.url);
const __filename = __slipwayFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf('/'));
import {
  DOCKER_HUB,
  normalizeRegistry
} from "./chunk-7ZB3PTRR.js";
import {
  secrets
} from "./chunk-MKQXDKX4.js";
import {
  isRecord
} from "./chunk-NPESS7R3.js";

// src/providers/docker-config.ts
import { readFile } from "node:fs/promises";
import path from "node:path";

// src/providers/credential-helper.ts
import { execFile } from "node:child_process";
var HELPER_TIMEOUT_MS = 3e4;
var NOT_FOUND = "credentials not found in native keychain";
var TOKEN_USERNAME = "<token>";
function helperGet(name, serverUrl2, env, timeoutMs = HELPER_TIMEOUT_MS) {
  const program = `docker-credential-${name}`;
  return new Promise((resolve) => {
    const child = execFile(
      program,
      ["get"],
      { env, timeout: timeoutMs, maxBuffer: 1024 * 1024, encoding: "utf8", shell: false },
      (error, stdout, stderr) => {
        if (!error) {
          resolve(parseAnswer(stdout));
          return;
        }
        const said = firstLine(stdout) || firstLine(stderr);
        if (said === NOT_FOUND) {
          resolve({ kind: "not-found" });
        } else if (error.code === "ENOENT") {
          resolve({ kind: "failed", reason: "not found on PATH" });
        } else if (error.killed) {
          resolve({ kind: "failed", reason: `no answer in ${timeoutMs / 1e3}s` });
        } else {
          const detail = said && !said.startsWith("{") ? `: ${secrets.redact(said).slice(0, 200)}` : "";
          resolve({ kind: "failed", reason: `${exitOf(error)}${detail}` });
        }
      }
    );
    child.stdin?.on("error", () => void 0);
    child.stdin?.end(serverUrl2);
  });
}
function exitOf(error) {
  if (typeof error.code === "number") return `exit code ${error.code}`;
  if (typeof error.signal === "string") return `signal ${error.signal}`;
  return error.message;
}
function firstLine(text2) {
  return text2.trim().split("\n")[0]?.trim() ?? "";
}
function parseAnswer(stdout) {
  let parsed;
  try {
    parsed = JSON.parse(stdout);
  } catch {
    return { kind: "failed", reason: "its answer is not JSON" };
  }
  if (typeof parsed !== "object" || parsed === null) {
    return { kind: "failed", reason: "its answer is not a JSON object" };
  }
  const fields = parsed;
  const username = typeof fields.Username === "string" ? fields.Username : "";
  const secret = typeof fields.Secret === "string" ? fields.Secret : "";
  secrets.add(secret);
  if (!secret) return { kind: "not-found" };
  if (username === TOKEN_USERNAME) return { kind: "found", credentials: { identityToken: secret } };
  if (!username) return { kind: "failed", reason: "its answer has a Secret but no Username" };
  return { kind: "found", credentials: { username, password: secret } };
}

// src/providers/docker-config.ts
var DOCKER_HUB_INDEX = "https://index.docker.io/v1/";
function authFiles(env) {
  const pick = (name) => env[name]?.trim() || void 0;
  const home = pick("HOME");
  const files = [];
  const containers = (file) => files.push({ path: file, format: "containers" });
  const registryAuthFile = pick("REGISTRY_AUTH_FILE");
  if (registryAuthFile) {
    containers(registryAuthFile);
  } else {
    const runtimeDir = pick("XDG_RUNTIME_DIR");
    if (runtimeDir) containers(path.join(runtimeDir, "containers", "auth.json"));
    const configHome = pick("XDG_CONFIG_HOME") ?? (home && path.join(home, ".config"));
    if (configHome) containers(path.join(configHome, "containers", "auth.json"));
  }
  const dockerDir = pick("DOCKER_CONFIG") ?? (home && path.join(home, ".docker"));
  if (dockerDir) files.push({ path: path.join(dockerDir, "config.json"), format: "docker" });
  return files;
}
async function readAuthFile(file, shown, logger) {
  let text2;
  try {
    text2 = await readFile(file.path, "utf8");
  } catch {
    return void 0;
  }
  let parsed;
  try {
    parsed = JSON.parse(text2);
  } catch {
    logger.debug(`${shown} is not valid JSON; its logins are ignored.`);
    return void 0;
  }
  if (!isRecord(parsed)) {
    logger.debug(`${shown} is not a JSON object; its logins are ignored.`);
    return void 0;
  }
  const auths = parsed.auths ?? {};
  const credHelpers = parsed.credHelpers ?? {};
  if (!isRecord(auths) || !isRecord(credHelpers)) {
    logger.debug(`${shown}: "auths" or "credHelpers" is not an object; its logins are ignored.`);
    return void 0;
  }
  const credsStore = typeof parsed.credsStore === "string" ? parsed.credsStore : void 0;
  return { auths, credHelpers, credsStore };
}
function keyRegistry(key, format) {
  const schemeless = key.replace(/^[a-z][a-z0-9+.-]*:\/\//i, "");
  const slash = schemeless.indexOf("/");
  if (slash < 0) return normalizeRegistry(schemeless);
  if (format === "containers" && schemeless === key) return void 0;
  return normalizeRegistry(schemeless.slice(0, slash));
}
function lookup(map, host, file) {
  const exact = serverUrl(host, file);
  if (Object.hasOwn(map, exact)) return { key: exact, value: map[exact] };
  for (const [key, value] of Object.entries(map)) {
    if (keyRegistry(key, file.format) === host) return { key, value };
  }
  return void 0;
}
function serverUrl(host, file) {
  return file.format === "docker" && host === DOCKER_HUB ? DOCKER_HUB_INDEX : host;
}
function text(value) {
  return typeof value === "string" && value !== "" ? value : void 0;
}
function entryCredentials(entry) {
  if (!isRecord(entry)) return "malformed";
  const auth = text(entry.auth);
  let username = text(entry.username);
  let password = text(entry.password);
  if (auth) {
    secrets.add(auth);
    const decoded = Buffer.from(auth, "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon < 0) return "malformed";
    username = decoded.slice(0, colon) || void 0;
    password = decoded.slice(colon + 1) || void 0;
  }
  secrets.add(password);
  const registryToken = text(entry.registrytoken);
  secrets.add(registryToken);
  if (registryToken) return { registryToken };
  const identityToken = text(entry.identitytoken);
  secrets.add(identityToken);
  if (identityToken) {
    return username && username !== TOKEN_USERNAME ? { username, identityToken } : { identityToken };
  }
  if (username && password) return { username, password };
  return void 0;
}
function shownPath(file, env) {
  const home = env.HOME?.trim().replace(/\/+$/, "");
  return home && file.startsWith(`${home}/`) ? `~${file.slice(home.length)}` : file;
}
async function loginCredentials(host, env, logger) {
  for (const file of authFiles(env)) {
    const shown = shownPath(file.path, env);
    const config = await readAuthFile(file, shown, logger);
    if (!config) continue;
    const named = text(lookup(config.credHelpers, host, file)?.value);
    const helper = named ? { name: named, via: "credHelpers" } : file.format === "docker" && config.credsStore ? { name: config.credsStore, via: "credsStore" } : void 0;
    if (helper) {
      const program = `docker-credential-${helper.name}`;
      const answer = await helperGet(helper.name, serverUrl(host, file), env);
      if (answer.kind === "found") {
        return {
          credentials: answer.credentials,
          source: `${program} (${helper.via} in ${shown})`
        };
      }
      if (answer.kind === "failed") {
        logger.warn(
          `${host}: the credential helper ${program} (${helper.via} in ${shown}) failed: ${answer.reason}; continuing without credentials.`
        );
        return void 0;
      }
      logger.debug(`${host}: ${program} holds no credentials for ${serverUrl(host, file)}.`);
      continue;
    }
    const found = lookup(config.auths, host, file);
    if (!found) continue;
    const credentials = entryCredentials(found.value);
    if (credentials === "malformed") {
      logger.debug(`${shown}: the entry "${found.key}" cannot be read; it is ignored.`);
      continue;
    }
    if (!credentials) continue;
    const tool = file.format === "docker" ? "docker login" : "podman login";
    return { credentials, source: `${shown} (${tool})` };
  }
  return void 0;
}

export {
  DOCKER_HUB_INDEX,
  loginCredentials
};
