/**
 * The docker-credential-helpers protocol (github.com/docker/docker-credential-helpers, client.go):
 * `docker-credential-<name> get` reads the server URL on stdin and prints
 * `{"ServerURL","Username","Secret"}`; Username "<token>" means Secret is an identity token.
 * Written here because it is a dozen lines and no well-kept Node library speaks it; docker and
 * podman carry their own copies of the same client for the same reason.
 */
import { execFile } from 'node:child_process';
import { secrets } from '../core/secrets';
import type { RegistryCredentials } from '../image/transport/credentials';

/** A helper may ask a keychain or an agent; one that hangs must not hold the run. */
const HELPER_TIMEOUT_MS = 30_000;

/** What the helpers print (exit 1) for a server they hold nothing for. */
const NOT_FOUND = 'credentials not found in native keychain';

/** The user-given `--username` of `docker login --password-stdin` with an identity token. */
export const TOKEN_USERNAME = '<token>';

export type HelperAnswer =
  | { kind: 'found'; credentials: RegistryCredentials }
  | { kind: 'not-found' }
  | { kind: 'failed'; reason: string };

/** Runs `docker-credential-<name> get` for `serverUrl`; never throws. */
export function helperGet(
  name: string,
  serverUrl: string,
  env: NodeJS.ProcessEnv,
  timeoutMs = HELPER_TIMEOUT_MS,
): Promise<HelperAnswer> {
  const program = `docker-credential-${name}`;
  return new Promise((resolve) => {
    const child = execFile(
      program,
      ['get'],
      { env, timeout: timeoutMs, maxBuffer: 1024 * 1024, encoding: 'utf8', shell: false },
      (error, stdout, stderr) => {
        if (!error) {
          resolve(parseAnswer(stdout));
          return;
        }
        const said = firstLine(stdout) || firstLine(stderr);
        if (said === NOT_FOUND) {
          resolve({ kind: 'not-found' });
        } else if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
          resolve({ kind: 'failed', reason: 'not found on PATH' });
        } else if (error.killed) {
          resolve({ kind: 'failed', reason: `no answer in ${timeoutMs / 1000}s` });
        } else {
          // The helper's own words, unless they may be (half of) an answer carrying a secret.
          const detail =
            said && !said.startsWith('{') ? `: ${secrets.redact(said).slice(0, 200)}` : '';
          resolve({ kind: 'failed', reason: `${exitOf(error)}${detail}` });
        }
      },
    );
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(serverUrl);
  });
}

function exitOf(error: Error & { code?: unknown; signal?: unknown }): string {
  if (typeof error.code === 'number') return `exit code ${error.code}`;
  if (typeof error.signal === 'string') return `signal ${error.signal}`;
  return error.message;
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0]?.trim() ?? '';
}

function parseAnswer(stdout: string): HelperAnswer {
  let parsed: unknown;
  try {
    parsed = JSON.parse(stdout);
  } catch {
    return { kind: 'failed', reason: 'its answer is not JSON' };
  }
  if (typeof parsed !== 'object' || parsed === null) {
    return { kind: 'failed', reason: 'its answer is not a JSON object' };
  }
  const fields = parsed as Record<string, unknown>;
  const username = typeof fields.Username === 'string' ? fields.Username : '';
  const secret = typeof fields.Secret === 'string' ? fields.Secret : '';
  secrets.add(secret);
  if (!secret) return { kind: 'not-found' };
  if (username === TOKEN_USERNAME) return { kind: 'found', credentials: { identityToken: secret } };
  if (!username) return { kind: 'failed', reason: 'its answer has a Secret but no Username' };
  return { kind: 'found', credentials: { username, password: secret } };
}
