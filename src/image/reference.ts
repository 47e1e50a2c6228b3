/**
 * Image references as the distribution grammar defines them (github.com/distribution/reference):
 *
 *   reference  := name [ ":" tag ] [ "@" digest ]
 *   name       := [domain "/"] path-component ["/" path-component]*
 *   domain     := host [":" port]
 *   tag        := [\w][\w.-]{0,127}
 *
 * plus Docker Hub's normalisation (`busybox` → `docker.io/library/busybox`).
 */
import { InputError } from '../core/errors';
import { isDigest } from './digest';
import type { Digest } from './types';

export const DOCKER_HUB = 'docker.io';
/** The host that actually serves Docker Hub's registry API. */
export const DOCKER_HUB_API = 'registry-1.docker.io';
const DOCKER_HUB_ALIASES = new Set([
  'docker.io',
  'index.docker.io',
  'registry-1.docker.io',
  'registry.hub.docker.com',
]);

/** The base image name that means "no base" (FROM scratch). */
export const SCRATCH = 'scratch';

const MAX_NAME_LENGTH = 255;
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN_RE = new RegExp(
  `^(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?$`,
);
const PATH_COMPONENT_RE = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG_RE = /^[\w][\w.-]{0,127}$/;
const DIGEST_SHAPE_RE = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;

export interface ImageReference {
  /** Registry as users name it: "docker.io", "ghcr.io", "127.0.0.1:5000". */
  registry: string;
  /** Repository path inside the registry: "library/busybox". */
  repository: string;
  tag?: string;
  digest?: Digest;
}

export class Reference implements ImageReference {
  constructor(
    readonly registry: string,
    readonly repository: string,
    readonly tag?: string,
    readonly digest?: Digest,
  ) {}

  /** "registry/repository", without tag or digest. */
  name(): string {
    return `${this.registry}/${this.repository}`;
  }

  /** "registry/repository[:tag][@digest]" */
  toString(): string {
    let out = this.name();
    if (this.tag !== undefined) out += `:${this.tag}`;
    if (this.digest !== undefined) out += `@${this.digest}`;
    return out;
  }

  /** What to ask the registry for: the digest when pinned, else the tag, else "latest". */
  identifier(): string {
    return this.digest ?? this.tag ?? 'latest';
  }

  /** host[:port] that serves the registry API (Docker Hub's differs from its name). */
  apiHost(): string {
    return registryApiHost(this.registry);
  }

  withTag(tag: string): Reference {
    return new Reference(this.registry, this.repository, tag, undefined);
  }

  withDigest(digest: Digest): Reference {
    return new Reference(this.registry, this.repository, this.tag, digest);
  }

  /** The same repository with neither tag nor digest. */
  repositoryOnly(): Reference {
    return new Reference(this.registry, this.repository);
  }
}

export function registryApiHost(registry: string): string {
  return registry === DOCKER_HUB ? DOCKER_HUB_API : registry;
}

/** Maps Docker Hub's many host names to "docker.io"; other hosts are lowercased. */
export function normalizeRegistry(host: string): string {
  const lower = host.toLowerCase();
  return DOCKER_HUB_ALIASES.has(lower) ? DOCKER_HUB : lower;
}

export function isScratch(value: string): boolean {
  return value.trim() === SCRATCH;
}

export interface ParseOptions {
  /** Input the value came from, for error messages ("base-image", "image"). */
  input?: string;
  /** Tag assumed when neither tag nor digest is given; undefined leaves `tag` unset. */
  defaultTag?: string;
}

function fail(input: string | undefined, value: string, problem: string): never {
  const where = input
    ? `input "${input}": image reference "${value}"`
    : `image reference "${value}"`;
  throw new InputError(`${where}: ${problem}`);
}

/** The first path segment is a registry host when it looks like one (as Docker decides). */
function looksLikeDomain(segment: string): boolean {
  return (
    segment.includes('.') ||
    segment.includes(':') ||
    segment === 'localhost' ||
    segment !== segment.toLowerCase()
  );
}

/** Parses "busybox", "busybox:1.36", "ghcr.io/o/r@sha256:…", "127.0.0.1:5000/r:t@sha256:…". */
export function parseReference(value: string, opts: ParseOptions = {}): Reference {
  const raw = value.trim();
  if (raw === '') fail(opts.input, value, 'is empty; write e.g. ghcr.io/org/name:tag');
  if (/\s/.test(raw)) fail(opts.input, value, 'contains whitespace');
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(raw)) {
    fail(opts.input, value, 'must not start with a URL scheme; write host/repository:tag');
  }

  let rest = raw;
  let digest: string | undefined;
  const at = rest.indexOf('@');
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
        `${shown} is not supported; only sha256:<64 lowercase hex digits> is`,
      );
    }
    digest = given;
  }

  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    const problem = tagProblem(tag);
    if (problem !== undefined) fail(opts.input, value, problem);
  }

  const { registry, repository } = splitName(rest, (problem) => fail(opts.input, value, problem));
  if (tag === undefined && digest === undefined) tag = opts.defaultTag;
  return new Reference(registry, repository, tag, digest);
}

function splitName(
  name: string,
  problem: (p: string) => never,
): { registry: string; repository: string } {
  if (name === '') problem('has no repository name');
  let registry = DOCKER_HUB;
  let path = name;
  const slash = name.indexOf('/');
  if (slash >= 0 && looksLikeDomain(name.slice(0, slash))) {
    const domain = name.slice(0, slash);
    path = name.slice(slash + 1);
    if (!DOMAIN_RE.test(domain)) {
      problem(`registry host "${domain}" is not a valid host[:port]`);
    }
    registry = normalizeRegistry(domain);
  }
  if (path === '') problem('has no repository path after the registry host');
  if (registry === DOCKER_HUB && !path.includes('/')) path = `library/${path}`;
  if (path !== path.toLowerCase()) {
    problem(`repository "${path}" must be lowercase`);
  }
  for (const component of path.split('/')) {
    if (!PATH_COMPONENT_RE.test(component)) {
      problem(
        component === ''
          ? `repository "${path}" has an empty path component (a double or trailing "/")`
          : `repository path component "${component}" is invalid; use a-z, 0-9 and single ".", "_", "__" or "-" between them`,
      );
    }
  }
  if (registry.length + 1 + path.length > MAX_NAME_LENGTH) {
    problem(`the name is longer than ${MAX_NAME_LENGTH} characters`);
  }
  return { registry, repository: path };
}

/** Why a tag is invalid, or undefined when it is fine. */
function tagProblem(tag: string): string | undefined {
  if (TAG_RE.test(tag)) return undefined;
  if (tag === '') return 'a tag is empty';
  if (tag.length > 128) return `tag "${tag}" is longer than 128 characters`;
  if (tag.startsWith('.') || tag.startsWith('-')) {
    return `tag "${tag}" must start with a letter, digit or "_"`;
  }
  return `tag "${tag}" has an invalid character; tags are up to 128 of [A-Za-z0-9_.-]`;
}

/** Validates one tag from the `tags` input. */
export function parseTag(tag: string, input = 'tags'): string {
  const t = tag.trim();
  const problem = tagProblem(t);
  if (problem !== undefined) throw new InputError(`input "${input}": ${problem}`);
  return t;
}

/** Parses a repository without tag or digest, as the `image` input takes it. */
export function parseRepository(value: string, input = 'image'): Reference {
  const ref = parseReference(value, { input });
  if (ref.tag !== undefined || ref.digest !== undefined) {
    fail(
      input,
      value,
      `names a ${ref.digest !== undefined ? 'digest' : 'tag'}; "${input}" takes a repository only (${ref.name()}), put tags in the "tags" input`,
    );
  }
  return ref;
}
