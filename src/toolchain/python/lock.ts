/**
 * Reads a Python project's pinned dependencies without running any of its code: poetry.lock
 * (Poetry 1.x, lock-version 1.1 and 2.0), requirements.txt with `==` pins and `--hash`
 * (pip's hash-checking mode, as `pip-compile --generate-hashes` writes it) and pylock.toml
 * (PEP 751, lock-version 1.0), plus the project's own package from pyproject.toml.
 *
 * Only the main group is taken: for Poetry, the packages reachable from the main dependencies of
 * pyproject.toml (`[tool.poetry.dependencies]`, or PEP 621 `[project] dependencies`) through the
 * lock's `[package.dependencies]`, following only the edges whose markers hold for the target and
 * skipping optional dependencies unless an extra asked for them; a lock-version 1.1 lock without
 * pyproject.toml uses its `category = "main"`; a Poetry 2 lock (2.1) its `groups` and `markers`. For requirements.txt every line is main; for
 * pylock.toml the packages whose `marker` holds with the lock's `default-groups`.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { InputError, errorMessage } from '../../core/errors';
import { isRecord } from '../../core/json';
import type { MarkerEnvironment } from './markers';
import { evaluateMarker, normalizeName } from './markers';
import { versionMatches } from './versions';

export const PYPI_SIMPLE = 'https://pypi.org/simple';

/** One file the lock allows for a package. */
export interface LockedFile {
  /** The file name, when the lock gives it (poetry.lock, pylock.toml). */
  filename?: string;
  /** Lower-case hex. */
  sha256: string;
  /** A direct URL (pylock.toml); otherwise the file is found on the package's indexes. */
  url?: string;
}

export interface LockedPackage {
  /** As the lock writes it ("PyYAML"). */
  name: string;
  /** PEP 503 normalised ("pyyaml"). */
  key: string;
  version: string;
  files: LockedFile[];
  /** Simple-API base URLs to look in, first match wins (the lock's source, else the defaults). */
  indexes: string[];
}

/** The project's own code, from pyproject.toml. */
export interface ProjectPackage {
  name: string;
  version: string;
  /** Import packages or modules, as paths relative to the project folder ("source_foo", "src/pkg"). */
  packages: string[];
  /** console_scripts: name → "module:function". */
  scripts: Record<string, string>;
}

export interface PythonLock {
  kind: 'poetry' | 'requirements' | 'pylock';
  /** Absolute path of the lock file, for messages. */
  file: string;
  /** The packages to install for a target, sorted by key. */
  packagesFor(env: MarkerEnvironment): LockedPackage[];
}

export interface ReadLockOptions {
  /** PIP_INDEX_URL / PIP_EXTRA_INDEX_URL are read from here (default process.env). */
  env?: NodeJS.ProcessEnv;
}

const LOCK_NAMES = ['poetry.lock', 'pylock.toml', 'requirements.txt'] as const;

/** The lock in `projectDir` (poetry.lock, then pylock.toml, then requirements.txt), or undefined. */
export function findLock(projectDir: string): string | undefined {
  return LOCK_NAMES.map((n) => path.join(projectDir, n)).find((f) => existsSync(f));
}

export function readPythonLock(file: string, opts: ReadLockOptions = {}): PythonLock {
  const env = opts.env ?? process.env;
  const base = path.basename(file);
  if (base === 'poetry.lock') return readPoetryLock(file, env);
  if (base === 'pylock.toml' || /^pylock\.[^.]+\.toml$/.test(base)) return readPylock(file, env);
  return readRequirements(file, env);
}

/** Index URLs the environment names: PIP_INDEX_URL replaces PyPI, PIP_EXTRA_INDEX_URL adds. */
export function defaultIndexes(
  env: NodeJS.ProcessEnv,
  primary?: string,
  extra: string[] = [],
): string[] {
  const first = primary ?? (env.PIP_INDEX_URL?.trim() || PYPI_SIMPLE);
  const more = (env.PIP_EXTRA_INDEX_URL ?? '').split(/\s+/).filter(Boolean);
  return [...new Set([first, ...extra, ...more].map((u) => u.replace(/\/+$/, '')))];
}

function readToml(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new InputError(`Cannot read ${file}: ${errorMessage(err)}`, { file });
  }
  try {
    return parseToml(text);
  } catch (err) {
    throw new InputError(
      `${file} is not valid TOML (${errorMessage(err)}); fix the file or regenerate it with its tool`,
      { file },
    );
  }
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
function records(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}
function sha256Of(hash: string | undefined, where: string, file: string): string {
  const m = /^sha256:([0-9a-fA-F]{64})$/.exec(hash ?? '');
  if (!m)
    throw new InputError(
      `${where} in ${file} has no sha256 hash ("${hash ?? ''}"); regenerate the lock so that every file is pinned by sha256`,
      { file },
    );
  return m[1].toLowerCase();
}

// ---------------------------------------------------------------- poetry.lock

interface PoetryEdge {
  name: string;
  marker?: string;
  optional: boolean;
  extras: string[];
  /** Poetry's `python = "^3.8"` / `platform = "linux"` constraints of a pyproject dependency. */
  python?: string;
  platform?: string;
}

interface PoetryNode {
  pkg: LockedPackage;
  category?: string;
  /** Poetry 2 (lock-version 2.1): the groups that need the package, and its marker per group. */
  groups?: string[];
  mainMarker?: string;
  edges: PoetryEdge[];
  /** extra → names of the dependencies it enables. */
  extras: Map<string, string[]>;
}

function readPoetryLock(file: string, env: NodeJS.ProcessEnv): PythonLock {
  const lock = readToml(file);
  const pyprojectFile = path.join(path.dirname(file), 'pyproject.toml');
  const pyproject = existsSync(pyprojectFile) ? readToml(pyprojectFile) : undefined;
  const poetry =
    isRecord(pyproject?.tool) && isRecord(pyproject.tool.poetry)
      ? pyproject.tool.poetry
      : undefined;
  // A pyproject source marked primary/default replaces PyPI, like Poetry does.
  const sources = records(poetry?.source);
  const primary = sources.find(
    (s) => s.priority === 'primary' || s.priority === 'default' || s.default === true,
  );
  const defaults = defaultIndexes(env, str(primary?.url));

  const nodes = new Map<string, PoetryNode>();
  for (const entry of records(lock.package)) {
    const name = str(entry.name);
    const version = str(entry.version);
    if (!name || !version)
      throw new InputError(
        `A [[package]] in ${file} lacks name or version; regenerate it with \`poetry lock\``,
        { file },
      );
    const where = `the package ${name} ${version}`;
    let indexes = defaults;
    if (isRecord(entry.source)) {
      const type = str(entry.source.type);
      const url = str(entry.source.url);
      if (type !== 'legacy' || !url)
        throw new InputError(
          `${where} in ${file} comes from a ${type ?? 'unknown'} source (${url ?? 'no url'}), which Slipway cannot install natively; publish it to a package index, or set builder: docker`,
          { file },
        );
      indexes = [url.replace(/\/+$/, '')];
    }
    const files = records(entry.files).map((f) => ({
      filename: str(f.file),
      sha256: sha256Of(str(f.hash), `${where} (file ${str(f.file) ?? '?'})`, file),
    }));
    // lock-version 1.1 keeps the hashes under [metadata.files]
    const meta =
      isRecord(lock.metadata) && isRecord(lock.metadata.files) ? lock.metadata.files : {};
    for (const f of records(meta[name]))
      files.push({
        filename: str(f.file),
        sha256: sha256Of(str(f.hash), `${where} (file ${str(f.file) ?? '?'})`, file),
      });
    const key = normalizeName(name);
    nodes.set(key, {
      pkg: { name, key, version, files, indexes },
      category: str(entry.category),
      ...(Array.isArray(entry.groups)
        ? { groups: entry.groups.filter((g): g is string => typeof g === 'string') }
        : {}),
      mainMarker: isRecord(entry.markers) ? str(entry.markers.main) : str(entry.markers),
      edges: poetryEdges(entry.dependencies),
      extras: new Map(
        Object.entries(isRecord(entry.extras) ? entry.extras : {}).map(([extra, deps]) => [
          normalizeName(extra),
          (Array.isArray(deps) ? deps : []).flatMap((d) =>
            typeof d === 'string' ? [normalizeName(requirementName(d))] : [],
          ),
        ]),
      ),
    });
  }

  const roots = rootEdges(pyproject);
  return {
    kind: 'poetry',
    file,
    packagesFor(target: MarkerEnvironment): LockedPackage[] {
      // Poetry 2 records, per package, the groups that need it and the marker for each: the
      // whole answer, without walking the graph.
      if ([...nodes.values()].every((n) => n.groups)) {
        return [...nodes.values()]
          .filter((n) => n.groups?.includes('main'))
          .filter(
            (n) =>
              !n.mainMarker || evaluateMarker(n.mainMarker, target, `${n.pkg.name} in ${file}`),
          )
          .map((n) => n.pkg)
          .sort(byKey);
      }
      if (!roots) {
        const main = [...nodes.values()].filter(
          (n) => n.category === undefined || n.category === 'main',
        );
        return main.map((n) => n.pkg).sort(byKey);
      }
      const chosen = new Map<string, Set<string>>();
      const queue: [string, string[]][] = [];
      const follow = (
        edges: PoetryEdge[],
        parentExtras: string[],
        from: string,
        enabled?: ReadonlySet<string>,
      ): void => {
        for (const edge of edges) {
          const key = normalizeName(edge.name);
          if (edge.optional && !enabled?.has(key)) continue;
          if (!edgeHolds(edge, { ...target, extras: parentExtras }, from)) continue;
          const extras = chosen.get(key) ?? new Set<string>();
          const fresh = !chosen.has(key) || edge.extras.some((e) => !extras.has(normalizeName(e)));
          for (const e of edge.extras) extras.add(normalizeName(e));
          chosen.set(key, extras);
          if (fresh) queue.push([key, [...extras]]);
        }
      };
      // Optional root dependencies belong to the project's extras, which nobody asks for here.
      follow(roots, [], 'pyproject.toml');
      while (queue.length > 0) {
        const [key, extras] = queue.shift() as [string, string[]];
        const node = nodes.get(key);
        if (!node) {
          throw new InputError(
            `${file} does not list ${key}, which the project depends on; run \`poetry lock\` again`,
            { file },
          );
        }
        const enabled = new Set(extras.flatMap((e) => node.extras.get(e) ?? []));
        follow(node.edges, extras, `${node.pkg.name} ${node.pkg.version} in ${file}`, enabled);
      }
      return [...chosen.keys()].map((k) => (nodes.get(k) as PoetryNode).pkg).sort(byKey);
    },
  };
}

function byKey(a: LockedPackage, b: LockedPackage): number {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

function edgeHolds(edge: PoetryEdge, env: MarkerEnvironment, where: string): boolean {
  if (edge.marker && !evaluateMarker(edge.marker, env, where)) return false;
  if (edge.python && !poetryConstraintHolds(env.python_full_version, edge.python)) return false;
  if (edge.platform && edge.platform !== env.sys_platform) return false;
  return true;
}

/** `[package.dependencies]` / `[tool.poetry.dependencies]` values: string, table or list of tables. */
function poetryEdges(deps: unknown): PoetryEdge[] {
  if (!isRecord(deps)) return [];
  const edges: PoetryEdge[] = [];
  for (const [name, spec] of Object.entries(deps)) {
    if (name.toLowerCase() === 'python') continue;
    const variants = Array.isArray(spec) ? spec : [spec];
    for (const v of variants) {
      if (typeof v === 'string') edges.push({ name, optional: false, extras: [] });
      else if (isRecord(v))
        edges.push({
          name,
          marker: str(v.markers),
          optional: v.optional === true,
          extras: Array.isArray(v.extras)
            ? v.extras.filter((e): e is string => typeof e === 'string')
            : [],
          python: str(v.python),
          platform: str(v.platform),
        });
    }
  }
  return edges;
}

/** The main dependencies pyproject.toml declares, or undefined when it declares none. */
function rootEdges(pyproject: Record<string, unknown> | undefined): PoetryEdge[] | undefined {
  if (!pyproject) return undefined;
  const tool = isRecord(pyproject.tool) ? pyproject.tool : {};
  const poetry = isRecord(tool.poetry) ? tool.poetry : {};
  const edges = poetryEdges(poetry.dependencies);
  const groups = isRecord(poetry.group) ? poetry.group : {};
  if (isRecord(groups.main)) edges.push(...poetryEdges(groups.main.dependencies));
  const project = isRecord(pyproject.project) ? pyproject.project : {};
  for (const req of Array.isArray(project.dependencies) ? project.dependencies : []) {
    if (typeof req !== 'string') continue;
    const parsed = parseRequirement(req);
    edges.push({
      name: parsed.name,
      marker: parsed.marker,
      optional: false,
      extras: parsed.extras,
    });
  }
  if (edges.length === 0 && !isRecord(poetry.dependencies) && !Array.isArray(project.dependencies))
    return undefined;
  return edges;
}

/**
 * Poetry's version constraints (`^3.8`, `~3.9`, `>=3.8,<4.0`, `3.10.*`, `*`, `a || b`), checked
 * against a Python version; after poetry-core 1.9 `constraints/version/parser.py`.
 */
export function poetryConstraintHolds(version: string, constraint: string): boolean {
  return constraint.split('||').some((alternative) =>
    alternative
      .split(/,|\s+(?=[<>=!~^\d])/)
      .map((c) => c.trim())
      .filter(Boolean)
      .every((c) => {
        if (c === '*') return true;
        const m = /^(\^|~=|~|==|!=|>=|<=|>|<|=)?\s*(\S+)$/.exec(c);
        if (!m) return true;
        const [, op = '==', v] = m;
        const parts = v.replace(/\.\*$/, '').split('.').map(Number);
        if (op === '^') {
          const firstNonZero = parts.findIndex((n) => n !== 0);
          const i = firstNonZero === -1 ? parts.length - 1 : firstNonZero;
          const upper = parts
            .slice(0, i + 1)
            .map((n, j) => (j === i ? n + 1 : n))
            .join('.');
          return versionMatches(version, '>=', v) && versionMatches(version, '<', upper);
        }
        if (op === '~') {
          const i = parts.length > 1 ? 1 : 0;
          const upper = parts
            .slice(0, i + 1)
            .map((n, j) => (j === i ? n + 1 : n))
            .join('.');
          return versionMatches(version, '>=', v) && versionMatches(version, '<', upper);
        }
        return versionMatches(version, op === '=' ? '==' : op, v);
      }),
  );
}

// ---------------------------------------------------------------- PEP 508 requirements

export interface Requirement {
  name: string;
  extras: string[];
  /** "==1.2.3", ">=1,<2", "" */
  specifier: string;
  url?: string;
  marker?: string;
}

/** `name[extra] (>=1) ; marker` or `name @ url ; marker` (PEP 508), without validation of the specifier. */
export function parseRequirement(text: string): Requirement {
  const m =
    /^\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(?:\[([^\]]*)\])?\s*(?:@\s*([^;\s]+)\s*)?([^;]*?)\s*(?:;\s*(.*?))?\s*$/.exec(
      text,
    );
  if (!m)
    throw new InputError(
      `"${text}" is not a PEP 508 requirement (name[extras] specifier ; marker)`,
    );
  return {
    name: m[1],
    extras: (m[2] ?? '')
      .split(',')
      .map((e) => e.trim())
      .filter(Boolean),
    specifier: m[4].replace(/^\(|\)$/g, '').replace(/\s+/g, ''),
    ...(m[3] ? { url: m[3] } : {}),
    ...(m[5] ? { marker: m[5] } : {}),
  };
}

function requirementName(text: string): string {
  return /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(text)?.[1] ?? text;
}

// ---------------------------------------------------------------- requirements.txt

interface RequirementLine {
  req: Requirement;
  version: string;
  hashes: string[];
  line: number;
  file: string;
}

/**
 * pip's requirements file format (pip 23 `req/req_file.py`): `\` continues a line, `#` after
 * whitespace starts a comment, `-r` includes another file; of the options, the index ones
 * (`-i`/`--index-url`, `--extra-index-url`) are honoured and `--hash` per requirement; `-e`, `-c`,
 * `--find-links` and `--no-index` are refused (they need pip itself).
 */
function readRequirements(file: string, env: NodeJS.ProcessEnv): PythonLock {
  const lines: RequirementLine[] = [];
  let primary: string | undefined;
  const extra: string[] = [];
  const visit = (current: string, depth: number): void => {
    let text: string;
    try {
      text = readFileSync(current, 'utf8');
    } catch (err) {
      throw new InputError(`Cannot read ${current}: ${errorMessage(err)}`, { file: current });
    }
    const physical = text.split(/\r?\n/);
    for (let i = 0; i < physical.length; i++) {
      const lineNo = i + 1;
      let logical = physical[i];
      while (logical.endsWith('\\') && i + 1 < physical.length)
        logical = `${logical.slice(0, -1)} ${physical[++i]}`;
      logical = logical.replace(/(^|\s)#.*$/, '').trim();
      if (!logical) continue;
      const where = `${current} line ${lineNo}`;
      const option =
        /^(-i|--index-url|--extra-index-url|-r|--requirement|-c|--constraint|-e|--editable|-f|--find-links|--no-index|--[a-z-]+)(?:[=\s]\s*(\S+))?/.exec(
          logical,
        );
      if (option && logical.startsWith('-') && !/^--hash/.test(logical)) {
        const [, flag, value] = option;
        if ((flag === '-i' || flag === '--index-url') && value) primary = value;
        else if (flag === '--extra-index-url' && value) extra.push(value);
        else if ((flag === '-r' || flag === '--requirement') && value) {
          if (depth > 10)
            throw new InputError(`${where}: -r includes nest more than 10 deep; remove the cycle`, {
              file: current,
              line: lineNo,
            });
          visit(path.resolve(path.dirname(current), value), depth + 1);
        } else if (
          [
            '--trusted-host',
            '--prefer-binary',
            '--only-binary',
            '--no-binary',
            '--pre',
            '--require-hashes',
          ].includes(flag)
        ) {
          // pip behaviours the native path already has (hash checking, binaries) or that do not apply
        } else {
          throw new InputError(
            `${where}: the option ${flag} needs pip itself; remove it (pin every package with ==version and --hash=sha256:…), or set builder: docker`,
            { file: current, line: lineNo },
          );
        }
        continue;
      }
      const hashes = [...logical.matchAll(/--hash[=\s]\s*(\S+)/g)].map((m) => m[1]);
      const body = logical.replace(/--hash[=\s]\s*\S+/g, '').trim();
      const req = parseRequirement(body);
      const pin = /^===?([^,*]+)$/.exec(req.specifier);
      if (!pin || req.url) {
        throw new InputError(
          `${where}: "${body}" is not pinned to one version (name==version); pin every package, e.g. with \`pip-compile --generate-hashes\`, so that the image is reproducible`,
          { file: current, line: lineNo },
        );
      }
      if (hashes.length === 0) {
        throw new InputError(
          `${where}: ${req.name}==${pin[1]} has no --hash=sha256:…; add the hashes (\`pip-compile --generate-hashes\` writes them) so that every download is verified`,
          { file: current, line: lineNo },
        );
      }
      lines.push({
        req,
        version: pin[1],
        hashes: hashes.map((h) =>
          sha256Of(h.replace(/^sha256=/, 'sha256:'), `${req.name}==${pin[1]}`, current),
        ),
        line: lineNo,
        file: current,
      });
    }
  };
  visit(file, 0);
  const indexes = defaultIndexes(env, primary, extra);
  return {
    kind: 'requirements',
    file,
    packagesFor(target: MarkerEnvironment): LockedPackage[] {
      const byKey = new Map<string, LockedPackage>();
      for (const l of lines) {
        if (l.req.marker && !evaluateMarker(l.req.marker, target, `${l.file} line ${l.line}`))
          continue;
        const key = normalizeName(l.req.name);
        const seen = byKey.get(key);
        if (seen && seen.version !== l.version) {
          throw new InputError(
            `${l.file} line ${l.line}: ${l.req.name} is pinned to ${seen.version} and to ${l.version}; keep one pin`,
            { file: l.file, line: l.line },
          );
        }
        byKey.set(key, {
          name: l.req.name,
          key,
          version: l.version,
          files: l.hashes.map((sha256) => ({ sha256 })),
          indexes,
        });
      }
      return [...byKey.values()].sort((a, b) => (a.key < b.key ? -1 : 1));
    },
  };
}

// ---------------------------------------------------------------- pylock.toml (PEP 751)

function readPylock(file: string, env: NodeJS.ProcessEnv): PythonLock {
  const lock = readToml(file);
  if (str(lock['lock-version'])?.split('.')[0] !== '1')
    throw new InputError(
      `${file} has lock-version "${String(lock['lock-version'])}", Slipway reads PEP 751 lock-version 1.x; regenerate it`,
      { file },
    );
  const groups = Array.isArray(lock['default-groups'])
    ? lock['default-groups'].filter((g): g is string => typeof g === 'string')
    : [];
  const entries = records(lock.packages).map((entry) => {
    const name = str(entry.name) ?? '';
    const version = str(entry.version) ?? '';
    const where = `the package ${name} ${version}`;
    if (!name || (!version && !isRecord(entry.directory)))
      throw new InputError(
        `A [[packages]] entry in ${file} lacks name or version; regenerate the lock`,
        { file },
      );
    const fileOf = (f: Record<string, unknown>): LockedFile => {
      const hashes = isRecord(f.hashes) ? f.hashes : {};
      const url = str(f.url);
      const filename =
        str(f.name) ?? (url ? decodeURIComponent(url.split('/').pop() ?? '') : undefined);
      return {
        ...(filename ? { filename } : {}),
        sha256: sha256Of(
          typeof hashes.sha256 === 'string' ? `sha256:${hashes.sha256}` : undefined,
          `${where} (${filename ?? 'a file'})`,
          file,
        ),
        ...(url ? { url } : {}),
      };
    };
    const files = records(entry.wheels).map(fileOf);
    if (isRecord(entry.sdist)) files.push(fileOf(entry.sdist));
    if (files.length === 0)
      throw new InputError(
        `${where} in ${file} is not locked as wheels or an sdist (vcs, directory or archive sources need pip); lock it from an index, or set builder: docker`,
        { file },
      );
    const index = str(entry.index);
    return {
      marker: str(entry.marker),
      pkg: {
        name,
        key: normalizeName(name),
        version,
        files,
        indexes: defaultIndexes(env, index),
      } satisfies LockedPackage,
    };
  });
  return {
    kind: 'pylock',
    file,
    packagesFor(target: MarkerEnvironment): LockedPackage[] {
      const env2 = { ...target, dependency_groups: groups };
      return entries
        .filter((e) => !e.marker || evaluateMarker(e.marker, env2, `${e.pkg.name} in ${file}`))
        .map((e) => e.pkg)
        .sort(byKey);
    },
  };
}

// ---------------------------------------------------------------- pyproject.toml

/**
 * The project's own package: `[tool.poetry]` name/version/packages/scripts, else PEP 621
 * `[project]` name/version/scripts. Without `packages`, the folder Poetry and setuptools would
 * find: the name with "-" as "_", at the top or under src/.
 */
export function readProjectPackage(projectDir: string): ProjectPackage {
  const file = path.join(projectDir, 'pyproject.toml');
  const toml = readToml(file);
  const tool = isRecord(toml.tool) ? toml.tool : {};
  const poetry = isRecord(tool.poetry) ? tool.poetry : {};
  const project = isRecord(toml.project) ? toml.project : {};
  const name = str(project.name) ?? str(poetry.name);
  if (!name)
    throw new InputError(
      `${file} names no project ([project] name or [tool.poetry] name); add the name`,
      { file },
    );
  const version = str(project.version) ?? str(poetry.version) ?? '0.0.0';
  let packages = records(poetry.packages).flatMap((p) => {
    const include = str(p.include);
    return include ? [path.posix.join(str(p.from) ?? '.', include)] : [];
  });
  if (packages.length === 0) {
    const guess = name.replace(/[-.]/g, '_').toLowerCase();
    packages = [guess, `src/${guess}`, `${guess}.py`]
      .filter((p) => existsSync(path.join(projectDir, p)))
      .slice(0, 1);
  }
  const scriptTable = isRecord(project.scripts)
    ? project.scripts
    : isRecord(poetry.scripts)
      ? poetry.scripts
      : {};
  const scripts: Record<string, string> = {};
  for (const [k, v] of Object.entries(scriptTable)) {
    const target = typeof v === 'string' ? v : isRecord(v) ? str(v.reference) : undefined;
    if (target) scripts[k] = target;
  }
  return { name, version, packages, scripts };
}
