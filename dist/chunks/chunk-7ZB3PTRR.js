#!/usr/bin/env node
import { createRequire as __slipwayCreateRequire } from 'node:module';
import { fileURLToPath as __slipwayFileURLToPath } from 'node:url';
const require = __slipwayCreateRequire(import.meta.url);
const __filename = __slipwayFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf('/'));
import {
  isDigest
} from "./chunk-OG2YEZ62.js";
import {
  InputError
} from "./chunk-B27IFLT6.js";

// src/image/reference.ts
var DOCKER_HUB = "docker.io";
var DOCKER_HUB_API = "registry-1.docker.io";
var DOCKER_HUB_ALIASES = /* @__PURE__ */ new Set([
  "docker.io",
  "index.docker.io",
  "registry-1.docker.io",
  "registry.hub.docker.com"
]);
var SCRATCH = "scratch";
var MAX_NAME_LENGTH = 255;
var DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
var DOMAIN_RE = new RegExp(
  `^(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?$`
);
var PATH_COMPONENT_RE = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
var TAG_RE = /^[\w][\w.-]{0,127}$/;
var DIGEST_SHAPE_RE = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;
var Reference = class _Reference {
  constructor(registry, repository, tag, digest) {
    this.registry = registry;
    this.repository = repository;
    this.tag = tag;
    this.digest = digest;
  }
  registry;
  repository;
  tag;
  digest;
  /** "registry/repository", without tag or digest. */
  name() {
    return `${this.registry}/${this.repository}`;
  }
  /** "registry/repository[:tag][@digest]" */
  toString() {
    let out = this.name();
    if (this.tag !== void 0) out += `:${this.tag}`;
    if (this.digest !== void 0) out += `@${this.digest}`;
    return out;
  }
  /** What to ask the registry for: the digest when pinned, else the tag, else "latest". */
  identifier() {
    return this.digest ?? this.tag ?? "latest";
  }
  /** host[:port] that serves the registry API (Docker Hub's differs from its name). */
  apiHost() {
    return registryApiHost(this.registry);
  }
  withTag(tag) {
    return new _Reference(this.registry, this.repository, tag, void 0);
  }
  withDigest(digest) {
    return new _Reference(this.registry, this.repository, this.tag, digest);
  }
  /** The same repository with neither tag nor digest. */
  repositoryOnly() {
    return new _Reference(this.registry, this.repository);
  }
};
function registryApiHost(registry) {
  return registry === DOCKER_HUB ? DOCKER_HUB_API : registry;
}
function normalizeRegistry(host) {
  const lower = host.toLowerCase();
  return DOCKER_HUB_ALIASES.has(lower) ? DOCKER_HUB : lower;
}
function isScratch(value) {
  return value.trim() === SCRATCH;
}
function fail(input, value, problem) {
  const where = input ? `input "${input}": image reference "${value}"` : `image reference "${value}"`;
  throw new InputError(`${where}: ${problem}`);
}
function looksLikeDomain(segment) {
  return segment.includes(".") || segment.includes(":") || segment === "localhost" || segment !== segment.toLowerCase();
}
function parseReference(value, opts = {}) {
  const raw = value.trim();
  if (raw === "") fail(opts.input, value, "is empty; write e.g. ghcr.io/org/name:tag");
  if (/\s/.test(raw)) fail(opts.input, value, "contains whitespace");
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(raw)) {
    fail(opts.input, value, "must not start with a URL scheme; write host/repository:tag");
  }
  let rest = raw;
  let digest;
  const at = rest.indexOf("@");
  if (at >= 0) {
    const given = rest.slice(at + 1);
    const shown = `digest "${given}"`;
    rest = rest.slice(0, at);
    if (!DIGEST_SHAPE_RE.test(given)) {
      fail(opts.input, value, `${shown} is malformed; write sha256:<64 hex digits>`);
    }
    if (!isDigest(given)) {
      fail(
        opts.input,
        value,
        `${shown} is not supported; only sha256:<64 lowercase hex digits> is`
      );
    }
    digest = given;
  }
  let tag;
  const colon = rest.lastIndexOf(":");
  if (colon > rest.lastIndexOf("/")) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    const problem = tagProblem(tag);
    if (problem !== void 0) fail(opts.input, value, problem);
  }
  const { registry, repository } = splitName(rest, (problem) => fail(opts.input, value, problem));
  if (tag === void 0 && digest === void 0) tag = opts.defaultTag;
  return new Reference(registry, repository, tag, digest);
}
function splitName(name, problem) {
  if (name === "") problem("has no repository name");
  let registry = DOCKER_HUB;
  let path = name;
  const slash = name.indexOf("/");
  if (slash >= 0 && looksLikeDomain(name.slice(0, slash))) {
    const domain = name.slice(0, slash);
    path = name.slice(slash + 1);
    if (!DOMAIN_RE.test(domain)) {
      problem(`registry host "${domain}" is not a valid host[:port]`);
    }
    registry = normalizeRegistry(domain);
  }
  if (path === "") problem("has no repository path after the registry host");
  if (registry === DOCKER_HUB && !path.includes("/")) path = `library/${path}`;
  if (path !== path.toLowerCase()) {
    problem(`repository "${path}" must be lowercase`);
  }
  for (const component of path.split("/")) {
    if (!PATH_COMPONENT_RE.test(component)) {
      problem(
        component === "" ? `repository "${path}" has an empty path component (a double or trailing "/")` : `repository path component "${component}" is invalid; use a-z, 0-9 and single ".", "_", "__" or "-" between them`
      );
    }
  }
  if (registry.length + 1 + path.length > MAX_NAME_LENGTH) {
    problem(`the name is longer than ${MAX_NAME_LENGTH} characters`);
  }
  return { registry, repository: path };
}
function tagProblem(tag) {
  if (TAG_RE.test(tag)) return void 0;
  if (tag === "") return "a tag is empty";
  if (tag.length > 128) return `tag "${tag}" is longer than 128 characters`;
  if (tag.startsWith(".") || tag.startsWith("-")) {
    return `tag "${tag}" must start with a letter, digit or "_"`;
  }
  return `tag "${tag}" has an invalid character; tags are up to 128 of [A-Za-z0-9_.-]`;
}
function parseTag(tag, input = "tags") {
  const t = tag.trim();
  const problem = tagProblem(t);
  if (problem !== void 0) throw new InputError(`input "${input}": ${problem}`);
  return t;
}
function parseRepository(value, input = "image") {
  const ref = parseReference(value, { input });
  if (ref.tag !== void 0 || ref.digest !== void 0) {
    fail(
      input,
      value,
      `names a ${ref.digest !== void 0 ? "digest" : "tag"}; "${input}" takes a repository only (${ref.name()}), put tags in the "tags" input`
    );
  }
  return ref;
}

export {
  DOCKER_HUB,
  SCRATCH,
  registryApiHost,
  normalizeRegistry,
  isScratch,
  parseReference,
  parseTag,
  parseRepository
};
