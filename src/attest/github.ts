/**
 * GitHub's side of signing: which Sigstore instance a repository's keyless signatures go to, and
 * the attestations API that stores each bundle beside the repository (what `gh attestation verify`
 * reads without --bundle-from-oci). Both follow @actions/attest 3.2.0 (lib/endpoints.js,
 * lib/store.js), which Slipway does not bundle: that package is ESM-only, reads the repository
 * from @actions/github's context and brings octokit and an older @sigstore/sign of its own,
 * while the calls themselves are one choice and one POST.
 */
import { RunError, errorMessage } from '../core/errors';
import { githubEvent } from '../core/github-event';
import { isRecord } from '../core/json';
import type { Logger } from '../core/log';
import { secrets } from '../core/secrets';
import { RegistryError } from '../image/transport/errors';
import { withRetry } from '../image/transport/retry';
import type { SerializedBundle } from '@sigstore/bundle';

/** Where keyless signing goes when no fulcio-url / rekor-url / tsa-url is given. */
export interface SigstoreInstance {
  name: 'public-good' | 'github';
  fulcioUrl?: string;
  /** false: nothing goes to a transparency log (GitHub's instance timestamps instead). */
  rekorUrl?: false;
  tsaUrl?: string;
}

/**
 * The repository's visibility from the event payload of the job (GITHUB_EVENT_PATH); undefined
 * when there is none to read. GHES payloads without `visibility` still say `private`.
 */
export function githubRepositoryVisibility(env: NodeJS.ProcessEnv): string | undefined {
  // An unreadable payload is treated as one without a repository: not known to be public.
  const repo = githubEvent(env)?.repository;
  if (!isRecord(repo)) return undefined;
  if (typeof repo.visibility === 'string') return repo.visibility;
  if (typeof repo.private === 'boolean') return repo.private ? 'private' : 'public';
  return undefined;
}

/**
 * As @actions/attest chooses: a public repository signs with the public-good instance; any other
 * (private, internal, or no repository in the payload) with GitHub's own Fulcio and timestamp
 * authority, so that nothing about a private repository enters the public Rekor log.
 */
export function githubSigstoreInstance(env: NodeJS.ProcessEnv): SigstoreInstance {
  if (githubRepositoryVisibility(env) === 'public') return { name: 'public-good' };
  let host = new URL(env.GITHUB_SERVER_URL || 'https://github.com').hostname;
  if (host === 'github.com') host = 'githubapp.com';
  return {
    name: 'github',
    fulcioUrl: `https://fulcio.${host}`,
    rekorUrl: false,
    tsaUrl: `https://timestamp.${host}`,
  };
}

/** Where the attestations API is and how to reach it. */
export interface GithubAttestations {
  /** GITHUB_API_URL, e.g. https://api.github.com. */
  apiUrl: string;
  /** owner/name (GITHUB_REPOSITORY). */
  repository: string;
  token: string;
  retries: number;
  /** First backoff step in ms (tests shorten it). */
  baseDelayMs?: number;
}

/**
 * POST /repos/{owner}/{repo}/attestations with {bundle}; returns the attestation id. 5xx, 408
 * and 429 are retried; 401/403/404 name the permission the job needs.
 */
export async function storeGithubAttestation(
  api: GithubAttestations,
  bundle: SerializedBundle,
  logger: Logger,
): Promise<string> {
  secrets.add(api.token);
  const url = `${api.apiUrl.replace(/\/+$/, '')}/repos/${api.repository}/attestations`;
  const what = `storing the attestation in ${api.repository}`;
  const retry = { maxRetries: api.retries, baseDelayMs: api.baseDelayMs, logger };
  const answer = await withRetry(what, retry, async () => {
    let res: Response;
    try {
      res = await fetch(url, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${api.token}`,
          accept: 'application/vnd.github+json',
          'content-type': 'application/json',
          'x-github-api-version': '2022-11-28',
        },
        body: JSON.stringify({ bundle }),
      });
    } catch (err) {
      throw new RegistryError(`${url}: ${errorMessage(err)}`, { retryable: true, url });
    }
    const text = await res.text();
    if (res.ok) return text;
    const status = res.status;
    const retryable = status === 408 || status === 429 || status >= 500;
    throw new RegistryError(`${url} answered HTTP ${status}: ${text.slice(0, 200)}`, {
      status,
      retryable,
      url,
    });
  }).catch((err: unknown) => {
    const status = err instanceof RegistryError ? err.status : undefined;
    const fix =
      status === 401 || status === 403 || status === 404
        ? 'give the job "permissions: attestations: write" (and id-token: write), or set github-attestations: false'
        : 'run the job again, or set github-attestations: false';
    throw new RunError(
      secrets.redact(
        `GitHub's attestations API refused the bundle (${errorMessage(err)}); ${fix}.`,
      ),
    );
  });
  let id: unknown;
  try {
    id = (JSON.parse(answer) as { id?: unknown }).id;
  } catch {
    id = undefined;
  }
  return typeof id === 'number' || typeof id === 'string' ? String(id) : '';
}
