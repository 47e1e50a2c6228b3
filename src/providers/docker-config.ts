/**
 * The logins the user's container tools already hold (`docker login`, docker/login-action,
 * `podman login` in a before_script), looked up as those tools look them up, for registries whose
 * provider found no credentials of its own. Read only: nothing here writes a file.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { isRecord } from '../core/json';
import type { Logger } from '../core/log';
import { secrets } from '../core/secrets';
import { DOCKER_HUB, normalizeRegistry } from '../image/reference';
import type { RegistryCredentials } from '../image/transport/credentials';
import type { IssuedCredentials } from './context';
import { helperGet, TOKEN_USERNAME } from './credential-helper';

/** The key docker stores Docker Hub's login under, and the server URL it asks helpers for. */
export const DOCKER_HUB_INDEX = 'https://index.docker.io/v1/';

export interface AuthFile {
  path: string;
  /**
   * docker's config.json (credsStore applies; keys are hosts, a key's path is ignored) or the
   * containers auth.json of podman, skopeo and buildah (a key with a path is for one repository).
   */
  format: 'docker' | 'containers';
}

/**
 * Where podman looks (REGISTRY_AUTH_FILE, else ${XDG_RUNTIME_DIR}/containers/auth.json and
 * ${XDG_CONFIG_HOME:-~/.config}/containers/auth.json), then where docker looks
 * ($DOCKER_CONFIG/config.json, else ~/.docker/config.json). Only `env` is read, so a context
 * decides what is looked at.
 */
export function authFiles(env: NodeJS.ProcessEnv): AuthFile[] {
  const pick = (name: string): string | undefined => env[name]?.trim() || undefined;
  const home = pick('HOME');
  const files: AuthFile[] = [];
  const containers = (file: string): number => files.push({ path: file, format: 'containers' });
  const registryAuthFile = pick('REGISTRY_AUTH_FILE');
  if (registryAuthFile) {
    containers(registryAuthFile);
  } else {
    const runtimeDir = pick('XDG_RUNTIME_DIR');
    if (runtimeDir) containers(path.join(runtimeDir, 'containers', 'auth.json'));
    const configHome = pick('XDG_CONFIG_HOME') ?? (home && path.join(home, '.config'));
    if (configHome) containers(path.join(configHome, 'containers', 'auth.json'));
  }
  const dockerDir = pick('DOCKER_CONFIG') ?? (home && path.join(home, '.docker'));
  if (dockerDir) files.push({ path: path.join(dockerDir, 'config.json'), format: 'docker' });
  return files;
}

interface ParsedAuthFile {
  auths: Record<string, unknown>;
  credHelpers: Record<string, unknown>;
  credsStore?: string;
}

/** A missing or unreadable file holds no logins; a malformed one says so at debug level. */
async function readAuthFile(
  file: AuthFile,
  shown: string,
  logger: Logger,
): Promise<ParsedAuthFile | undefined> {
  let text: string;
  try {
    text = await readFile(file.path, 'utf8');
  } catch {
    return undefined;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // JSON.parse quotes the text around the fault, which may be a password: not repeated here.
    logger.debug(`${shown} is not valid JSON; its logins are ignored.`);
    return undefined;
  }
  if (!isRecord(parsed)) {
    logger.debug(`${shown} is not a JSON object; its logins are ignored.`);
    return undefined;
  }
  const auths = parsed.auths ?? {};
  const credHelpers = parsed.credHelpers ?? {};
  if (!isRecord(auths) || !isRecord(credHelpers)) {
    logger.debug(`${shown}: "auths" or "credHelpers" is not an object; its logins are ignored.`);
    return undefined;
  }
  const credsStore = typeof parsed.credsStore === 'string' ? parsed.credsStore : undefined;
  return { auths, credHelpers, credsStore };
}

/**
 * The registry a key names, as docker (ConvertToHostname) and containers/image
 * (normalizeAuthFileKey) read keys: a scheme and anything after the host are dropped, except
 * that a containers key without a scheme keeps its path, so it names one repository, not a host.
 */
function keyRegistry(key: string, format: AuthFile['format']): string | undefined {
  const schemeless = key.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  const slash = schemeless.indexOf('/');
  if (slash < 0) return normalizeRegistry(schemeless);
  if (format === 'containers' && schemeless === key) return undefined;
  return normalizeRegistry(schemeless.slice(0, slash));
}

/** The exact key first (docker's own lookup), then any key that names the same registry. */
function lookup(
  map: Record<string, unknown>,
  host: string,
  file: AuthFile,
): { key: string; value: unknown } | undefined {
  const exact = serverUrl(host, file);
  if (Object.hasOwn(map, exact)) return { key: exact, value: map[exact] };
  for (const [key, value] of Object.entries(map)) {
    if (keyRegistry(key, file.format) === host) return { key, value };
  }
  return undefined;
}

/** What docker (Docker Hub's index URL) or podman (the host) names the registry. */
function serverUrl(host: string, file: AuthFile): string {
  return file.format === 'docker' && host === DOCKER_HUB ? DOCKER_HUB_INDEX : host;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * An `auths` entry as docker reads it: `auth` is base64 "user:password"; `identitytoken` is an
 * OAuth2 refresh token (its `auth` then holds the user and an empty password); `registrytoken` a
 * bearer token. Undefined for an entry without credentials (Docker Desktop leaves `{}` entries
 * beside its credsStore); 'malformed' for one that cannot be read.
 */
export function entryCredentials(entry: unknown): RegistryCredentials | undefined | 'malformed' {
  if (!isRecord(entry)) return 'malformed';
  const auth = text(entry.auth);
  let username = text(entry.username);
  let password = text(entry.password);
  if (auth) {
    secrets.add(auth);
    const decoded = Buffer.from(auth, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return 'malformed';
    username = decoded.slice(0, colon) || undefined;
    password = decoded.slice(colon + 1) || undefined;
  }
  secrets.add(password);
  const registryToken = text(entry.registrytoken);
  secrets.add(registryToken);
  if (registryToken) return { registryToken };
  const identityToken = text(entry.identitytoken);
  secrets.add(identityToken);
  if (identityToken) {
    return username && username !== TOKEN_USERNAME
      ? { username, identityToken }
      : { identityToken };
  }
  if (username && password) return { username, password };
  return undefined;
}

function shownPath(file: string, env: NodeJS.ProcessEnv): string {
  const home = env.HOME?.trim().replace(/\/+$/, '');
  return home && file.startsWith(`${home}/`) ? `~${file.slice(home.length)}` : file;
}

/**
 * The login the user's container tools hold for `host` (already normalized), or undefined for
 * none. Files are read in `authFiles` order; in each, a credential helper named for the host
 * (credHelpers, or docker's credsStore) comes before its `auths`. A helper that fails is a
 * warning, and the registry is then tried without credentials.
 */
export async function loginCredentials(
  host: string,
  env: NodeJS.ProcessEnv,
  logger: Logger,
): Promise<IssuedCredentials | undefined> {
  for (const file of authFiles(env)) {
    const shown = shownPath(file.path, env);
    const config = await readAuthFile(file, shown, logger);
    if (!config) continue;

    const named = text(lookup(config.credHelpers, host, file)?.value);
    const helper = named
      ? { name: named, via: 'credHelpers' }
      : file.format === 'docker' && config.credsStore
        ? { name: config.credsStore, via: 'credsStore' }
        : undefined;
    if (helper) {
      const program = `docker-credential-${helper.name}`;
      const answer = await helperGet(helper.name, serverUrl(host, file), env);
      if (answer.kind === 'found') {
        return {
          credentials: answer.credentials,
          source: `${program} (${helper.via} in ${shown})`,
        };
      }
      if (answer.kind === 'failed') {
        logger.warn(
          `${host}: the credential helper ${program} (${helper.via} in ${shown}) failed: ${answer.reason}; continuing without credentials.`,
        );
        return undefined;
      }
      logger.debug(`${host}: ${program} holds no credentials for ${serverUrl(host, file)}.`);
      continue;
    }

    const found = lookup(config.auths, host, file);
    if (!found) continue;
    const credentials = entryCredentials(found.value);
    if (credentials === 'malformed') {
      logger.debug(`${shown}: the entry "${found.key}" cannot be read; it is ignored.`);
      continue;
    }
    if (!credentials) continue;
    const tool = file.format === 'docker' ? 'docker login' : 'podman login';
    return { credentials, source: `${shown} (${tool})` };
  }
  return undefined;
}
