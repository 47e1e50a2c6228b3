import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { InputError, RunError } from '../core/errors';
import { isRecord } from '../core/json';
import type { Logger } from '../core/log';
import { secrets } from '../core/secrets';
import { DOCKER_HUB, normalizeRegistry } from '../image/reference';
import type { RegistryCredentials } from '../image/transport/credentials';
import { DOCKER_HUB_INDEX } from '../providers/docker-config';
import { processWords, WordError } from '../connectors/shell-words';
import { runProcess } from '../toolchain/process';
import type { ProcessResult, ProcessRun } from '../toolchain/process';

/**
 * The docker-compatible builder, for plans and Dockerfiles that need RUN: `build` then `push`
 * with the `docker-command` CLI (docker, or podman), and Airbyte's `verify`.
 *
 * Credentials go through a temporary config folder (DOCKER_CONFIG for docker, REGISTRY_AUTH_FILE
 * for podman) that is removed afterwards, so the user's own config is never read or touched and
 * no password reaches argv: podman's `login --password-stdin` fills it, and for docker Slipway
 * writes the entries `docker login` would write (see dockerConfig for why).
 */

export type Flavor = 'docker' | 'podman';

export interface DockerCliOptions {
  /**
   * The `docker-command` input: docker, podman or a path to either, optionally with arguments
   * that go before every subcommand ("podman --storage-driver vfs"); see splitCommand.
   */
  command: string;
  logger: Logger;
  /** Arguments placed before the subcommand (e.g. podman --root/--storage-driver). */
  globalArgs?: string[];
  env?: NodeJS.ProcessEnv;
  /**
   * Registries ("host[:port]") a podman engine may reach over plain HTTP, which for podman also
   * means without certificate checks: given to it as registries.conf entries, never as a
   * --tls-verify=false that would cover every host. docker reads insecure registries from its
   * daemon. See engineInsecureRegistries for which hosts qualify.
   */
  insecureRegistries?: readonly string[];
  /** Folder for the temporary credentials (default: the OS temp folder). */
  tmpDir?: string;
}

export interface RegistryLogin {
  /** Registry host, e.g. "ghcr.io" or "127.0.0.1:5000". */
  registry: string;
  credentials: RegistryCredentials;
}

type Captured = ProcessResult;
type Exec = Omit<ProcessRun, 'command' | 'logger'>;

/**
 * The `docker-command` input as a program and the arguments that go before each subcommand:
 * "podman --storage-driver vfs" or "'/opt/my tools/docker' --context ci". Split as a POSIX shell
 * splits words (quotes, backslashes, $VAR and ${VAR} from `env`), but no shell runs: the words
 * go to the program as they are. connectors/shell-words.ts is the project's one word splitter.
 */
export function splitCommand(
  command: string,
  env: NodeJS.ProcessEnv,
): { program: string; args: string[] } {
  let words: string[];
  try {
    words = processWords(command, (name) => env[name]);
  } catch (err) {
    if (!(err instanceof WordError)) throw err;
    throw new InputError(
      `Input "docker-command": "${command}" cannot be split into words (${err.message}); close the quote or escape it with a backslash.`,
    );
  }
  const [program, ...args] = words;
  if (!program) {
    throw new InputError(
      'Input "docker-command" is empty; set it to docker or podman (arguments may follow, e.g. podman --storage-driver vfs).',
    );
  }
  return { program, args };
}

class Cli {
  private flavorCache?: Flavor;
  private readonly program: string;
  /** The input's own arguments, then the caller's globalArgs. */
  private readonly leading: string[];

  constructor(
    readonly opts: DockerCliOptions,
    private readonly env: NodeJS.ProcessEnv,
  ) {
    const { program, args } = splitCommand(opts.command, env);
    this.program = program;
    this.leading = [...args, ...(opts.globalArgs ?? [])];
  }

  async exec(run: Exec): Promise<Captured> {
    const { command, logger } = this.opts;
    const args = [...this.leading, ...run.args];
    logger.debug(`${this.program} ${args.join(' ')}`);
    try {
      return await runProcess({ ...run, command: this.program, args, env: this.env, logger });
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      const program = this.program === command ? command : `${this.program} (of "${command}")`;
      throw e.code === 'ENOENT'
        ? new InputError(
            `Input "docker-command": ${program} was not found on PATH; install docker or podman, or set docker-command to one that is installed.`,
          )
        : new RunError(`${program} could not start: ${e.message}.`);
    }
  }

  async ok(run: Exec, what: string): Promise<Captured> {
    const result = await this.exec(run);
    if (result.code !== 0) {
      const last = result.tail.length ? `; last lines:\n${result.tail.join('\n')}` : '';
      const hint = engineHint(result.tail);
      throw new RunError(
        `${this.opts.command} ${what} failed with exit code ${result.code ?? 'none'}${hint ? `; ${hint}` : ''}${last}`,
      );
    }
    return result;
  }

  /** docker and podman take the same commands but differ in digests and TLS flags. */
  async flavor(): Promise<Flavor> {
    if (!this.flavorCache) {
      const version = await this.exec({ args: ['--version'], log: 'debug' });
      this.flavorCache = version.stdout.join(' ').toLowerCase().includes('podman')
        ? 'podman'
        : 'docker';
    }
    return this.flavorCache;
  }
}

/**
 * The fix for failures that come from how the engine is set up rather than from the Dockerfile,
 * recognised by the messages docker (and a podman engine behind it) print.
 */
function engineHint(tail: string[]): string | undefined {
  const text = tail.join('\n');
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
  return undefined;
}

/**
 * The registries.conf a podman engine runs with: the one it would read (CONTAINERS_REGISTRIES_CONF,
 * the user's, the system's), so search registries and mirrors stay as the user set them, followed
 * by an `insecure = true` entry per host that the file does not already name (podman refuses one
 * location given twice with different settings).
 */
export async function registriesConf(
  hosts: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<string> {
  const candidates = [
    env.CONTAINERS_REGISTRIES_CONF,
    env.HOME ? join(env.HOME, '.config/containers/registries.conf') : undefined,
    '/etc/containers/registries.conf',
  ];
  let base = '';
  for (const file of candidates) {
    if (!file) continue;
    try {
      base = await readFile(file, 'utf8');
      break;
    } catch {
      // not there: podman would read the next one
    }
  }
  const locations = new Set(registryLocations(base));
  const entries = hosts
    .filter((host) => !locations.has(host))
    .map((host) => `\n[[registry]]\nlocation = ${JSON.stringify(host)}\ninsecure = true\n`);
  return `${base}\n${entries.join('')}`;
}

/** The `[[registry]] location`s a registries.conf names; none when it is not TOML podman reads. */
function registryLocations(conf: string): string[] {
  let doc: Record<string, unknown>;
  try {
    doc = parseToml(conf);
  } catch {
    return []; // podman reports its own file's error in its own words
  }
  const registries = Array.isArray(doc.registry) ? (doc.registry as unknown[]) : [];
  return registries
    .map((r) => (isRecord(r) ? r.location : undefined))
    .filter((location): location is string => typeof location === 'string');
}

/** ACR and others hand out refresh tokens that `login` takes with this user name. */
const TOKEN_USER = '00000000-0000-0000-0000-000000000000';

/** Runs `fn` with a CLI whose credentials live in a temporary folder, removed afterwards. */
async function withLogins<T>(
  opts: DockerCliOptions,
  logins: RegistryLogin[],
  fn: (cli: Cli) => Promise<T>,
): Promise<T> {
  const dir = await mkdtemp(join(opts.tmpDir ?? tmpdir(), 'slipway-docker-auth-'));
  try {
    await chmod(dir, 0o700);
    const authFile = join(dir, 'auth.json');
    await writeFile(authFile, '{"auths":{}}\n', { mode: 0o600 });
    const env: NodeJS.ProcessEnv = {
      ...(opts.env ?? process.env),
      DOCKER_CONFIG: dir,
      REGISTRY_AUTH_FILE: authFile,
    };
    // docker 28.3+ prefers credentials in DOCKER_AUTH_CONFIG (set by many GitLab setups) to the
    // config file, so the user's would override the logins made here.
    delete env.DOCKER_AUTH_CONFIG;
    // DOCKER_BUILDKIT is left as the user has it, so the build is the one their own `docker
    // build` makes: docker 23+ builds with BuildKit through its buildx plugin and, when that
    // plugin is absent, falls back to the legacy builder by itself (which is what a podman engine
    // serves; with buildx installed, its users set DOCKER_BUILDKIT=0). Forcing BuildKit on turned
    // that fallback into "BuildKit is enabled but the buildx component is missing". A build that
    // failed for want of BuildKit says how to get it (engineHint).
    const insecure = opts.insecureRegistries ?? [];
    if (insecure.length > 0) {
      const conf = join(dir, 'registries.conf');
      await writeFile(conf, await registriesConf(insecure, env), { mode: 0o600 });
      env.CONTAINERS_REGISTRIES_CONF = conf;
    }
    const cli = new Cli(opts, env);
    if ((await cli.flavor()) === 'docker') {
      const config = `${JSON.stringify(dockerConfig(logins))}\n`;
      await writeFile(join(dir, 'config.json'), config, { mode: 0o600 });
    } else {
      for (const login of logins) await podmanLogin(cli, login);
    }
    return await fn(cli);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function podmanLogin(cli: Cli, login: RegistryLogin): Promise<void> {
  const c = login.credentials;
  const user = c.username ?? (c.identityToken ? TOKEN_USER : undefined);
  const password = c.password ?? c.identityToken;
  if (user && password) {
    secrets.add(password);
    await cli.ok(
      {
        args: ['login', '--username', user, '--password-stdin', login.registry],
        input: password,
        log: 'debug',
      },
      `login ${login.registry}`,
    );
    return;
  }
  if (c.registryToken) {
    secrets.add(c.registryToken);
    throw new InputError(
      `The credentials for ${login.registry} are a bare registry token, which ${cli.opts.command} cannot log in with; use docker as docker-command or the native builder.`,
    );
  }
}

/** docker keeps Docker Hub's credentials under the index's historical address. */
function dockerConfigKey(registry: string): string {
  return normalizeRegistry(registry) === DOCKER_HUB ? DOCKER_HUB_INDEX : registry;
}

export interface DockerAuthEntry {
  auth?: string;
  identitytoken?: string;
  registrytoken?: string;
}

/**
 * The temporary config.json: the entries `docker login` stores (no credential store is
 * named, so docker reads them from this file). Slipway writes them itself because `docker login`
 * asks the engine to check the password first, and an engine may not reach a registry that the
 * build and push reach: podman's Docker-API service checks over HTTPS only (unless the host is
 * "localhost:…") even when registries.conf marks the registry insecure. `docker login` would
 * also hand the password to a credential helper it finds on the machine, outside this folder.
 * Wrong credentials still fail, at the first pull or push, with the registry's answer.
 */
export function dockerConfig(logins: RegistryLogin[]): { auths: Record<string, DockerAuthEntry> } {
  const auths: Record<string, DockerAuthEntry> = {};
  for (const { registry, credentials: c } of logins) {
    const entry: DockerAuthEntry = {};
    if (c.username && c.password) {
      entry.auth = Buffer.from(`${c.username}:${c.password}`).toString('base64');
      secrets.add(c.password);
      secrets.add(entry.auth);
    } else if (c.identityToken) {
      // What `docker login` stores after the engine exchanged the refresh token (ACR and others).
      entry.auth = Buffer.from(`${c.username ?? TOKEN_USER}:`).toString('base64');
      entry.identitytoken = c.identityToken;
      secrets.add(c.identityToken);
    } else if (c.registryToken) {
      // docker's config format carries a ready bearer token; `login` has no flag for one.
      entry.registrytoken = c.registryToken;
      secrets.add(c.registryToken);
    } else {
      continue;
    }
    auths[dockerConfigKey(registry)] = entry;
  }
  return { auths };
}

export interface DockerBuildOptions extends DockerCliOptions {
  dockerfile: string;
  contextDir: string;
  /** Full references to tag and push, e.g. ["ghcr.io/acme/sink:1.0", "ghcr.io/acme/sink:1"]. */
  images: string[];
  /** Logins for the base's registry and the target's. */
  logins: RegistryLogin[];
  /** One platform, e.g. "linux/amd64" (a docker-compatible build makes one image). */
  platform?: string;
  /** false: build and tag only. */
  push?: boolean;
  /**
   * Copy the image into this folder instead of pushing it, so that Slipway pushes it by digest
   * and tags it only once the checks before the tags hold: podman copies it as an OCI layout in
   * the registry's form (gzip layers); docker has no such copy, so it `save`s its docker-archive
   * (uncompressed layers), which image/docker-archive.ts reads.
   */
  layoutDir?: string;
}

export interface DockerBuildResult {
  /** Digest of the pushed manifest (undefined when not pushed). */
  digest?: string;
  flavor: Flavor;
  /** The OCI layout holding the image when podman copied it there instead of pushing it. */
  layout?: string;
  /** The docker-archive file holding the image when docker saved it instead of pushing it. */
  archive?: string;
}

const DIGEST = /sha256:[a-f0-9]{64}/;

/** `build -f Dockerfile -t image… context`, then `push` of every tag; returns the pushed digest. */
export async function dockerBuildAndPush(opts: DockerBuildOptions): Promise<DockerBuildResult> {
  if (opts.images.length === 0) throw new InputError('Nothing to tag: set image (and tags).');
  return withLogins(opts, opts.logins, async (cli) => {
    const flavor = await cli.flavor();
    const args = ['build', '-f', opts.dockerfile];
    for (const image of opts.images) args.push('-t', image);
    if (opts.platform) args.push('--platform', opts.platform);
    args.push(opts.contextDir);
    opts.logger.info(`${opts.command} build -f ${opts.dockerfile} ${opts.contextDir}`);
    await cli.ok({ args, log: 'info' }, 'build');
    if (opts.push === false) return { flavor };
    if (opts.layoutDir && flavor === 'podman') {
      // The registry's form: OCI manifest, gzip layers, as `podman push` to a registry sends.
      const layout = `oci:${opts.layoutDir}:image`;
      await cli.ok(
        { args: ['push', '--format', 'oci', opts.images[0], layout], log: 'info' },
        `push ${opts.images[0]} ${layout}`,
      );
      return { flavor, layout: opts.layoutDir };
    }
    if (opts.layoutDir) {
      const archive = join(opts.layoutDir, 'image.tar');
      await mkdir(opts.layoutDir, { recursive: true });
      opts.logger.info(`${opts.command} save -o ${archive} ${opts.images[0]}`);
      await cli.ok(
        { args: ['save', '-o', archive, opts.images[0]], log: 'info' },
        `save ${opts.images[0]}`,
      );
      return { flavor, archive };
    }

    let digest: string | undefined;
    for (const image of opts.images) {
      const pushed = await pushOne(cli, flavor, image);
      digest ??= pushed;
    }
    return { digest, flavor };
  });
}

async function pushOne(cli: Cli, flavor: Flavor, image: string): Promise<string | undefined> {
  if (flavor === 'podman') {
    const file = join(
      await mkdtemp(join(cli.opts.tmpDir ?? tmpdir(), 'slipway-digest-')),
      'digest',
    );
    try {
      await cli.ok({ args: ['push', '--digestfile', file, image], log: 'info' }, `push ${image}`);
      return DIGEST.exec(await readFile(file, 'utf8'))?.[0];
    } finally {
      await rm(join(file, '..'), { recursive: true, force: true });
    }
  }
  const result = await cli.ok({ args: ['push', image], log: 'info' }, `push ${image}`);
  // docker push ends with "<tag>: digest: sha256:… size: N"; RepoDigests is the fallback.
  const fromOutput = result.stdout
    .map((l) => /digest: (sha256:[a-f0-9]{64})/.exec(l)?.[1])
    .find(Boolean);
  if (fromOutput) return fromOutput;
  const inspect = await cli.ok(
    { args: ['inspect', '--format', '{{json .RepoDigests}}', image], log: 'debug' },
    'inspect',
  );
  const repo = image.replace(/(:[^/:]+)?$/, '');
  const digests: unknown = JSON.parse(inspect.stdout.join('') || '[]');
  if (!Array.isArray(digests)) return undefined;
  const match = digests.find((d): d is string => typeof d === 'string' && d.startsWith(`${repo}@`));
  return match ? DIGEST.exec(match)?.[0] : undefined;
}

export interface VerifyOptions extends DockerCliOptions {
  /** The pushed image, best by digest. */
  image: string;
  logins: RegistryLogin[];
  /** Default 10 minutes: pulling a connector image can be slow. */
  timeoutMs?: number;
}

/** The Airbyte protocol's answer to `spec`. */
export interface SpecMessage {
  type: 'SPEC';
  spec: { connectionSpecification: Record<string, unknown> } & Record<string, unknown>;
}

/** Finds the SPEC message among a connector's stdout lines (logs and other messages are skipped). */
export function findSpec(lines: string[]): { spec?: SpecMessage; specWithoutSchema: boolean } {
  let specWithoutSchema = false;
  for (const line of lines) {
    const trimmed = line.trim();
    if (!trimmed.startsWith('{')) continue;
    let message: unknown;
    try {
      message = JSON.parse(trimmed);
    } catch {
      continue;
    }
    if (!isRecord(message) || message.type !== 'SPEC') continue;
    if (isRecord(message.spec) && isRecord(message.spec.connectionSpecification)) {
      return { spec: message as unknown as SpecMessage, specWithoutSchema };
    }
    specWithoutSchema = true;
  }
  return { specWithoutSchema };
}

/**
 * `verify: true` for Airbyte: runs the image's `spec` (no network) and requires a stdout line
 * that is a SPEC message with spec.connectionSpecification, as the Airbyte platform does when a
 * custom connector is added.
 */
export async function verifyAirbyteSpec(opts: VerifyOptions): Promise<SpecMessage> {
  return withLogins(opts, opts.logins, async (cli) => {
    opts.logger.info(`verify: ${opts.command} run ${opts.image} spec`);
    const result = await cli.exec({
      args: ['run', '--rm', '--network', 'none', opts.image, 'spec'],
      log: 'debug',
      timeoutMs: opts.timeoutMs ?? 600_000,
    });
    const { spec, specWithoutSchema } = findSpec(result.stdout);
    if (spec) return spec;
    const last = result.tail.length ? `; last lines:\n${result.tail.join('\n')}` : '';
    const what = specWithoutSchema
      ? 'printed a SPEC message without spec.connectionSpecification'
      : 'printed no {"type":"SPEC"} message';
    // A pull the engine could not make is no fault of the connector's entrypoint.
    const fix =
      engineHint(result.tail) ??
      "check the connector's entrypoint (AIRBYTE_ENTRYPOINT) and its spec";
    throw new RunError(
      `verify: ${opts.image} spec ${what} (exit code ${result.code ?? 'none'}); ${fix}${last}`,
    );
  });
}
