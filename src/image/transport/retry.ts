/**
 * The one place that decides when and how long to wait before repeating a registry operation:
 * bounded exponential backoff with full jitter, honouring Retry-After. Callers retry only what is
 * safe to repeat (idempotent requests, uploads restarted from a fresh stream).
 */
import type { Logger } from '../../core/log';
import { RegistryError } from './errors';

export interface RetryOptions {
  /** Repeats after the first attempt; 0 disables retries. */
  maxRetries: number;
  /** First backoff step; doubles per attempt. */
  baseDelayMs?: number;
  /** Cap of one backoff wait; also of a Retry-After when maxRetryAfterMs is not set. */
  maxDelayMs?: number;
  /**
   * The longest Retry-After waited for (request-timeout). A registry asking for more is refusing
   * for longer than the run will wait: the operation ends at once, rather than repeating the
   * request early only to be refused again (Docker Hub's pull limit lasts hours).
   */
  maxRetryAfterMs?: number;
  /** True once the work was abandoned (connections closed): a failure then is final. */
  stopped?: () => boolean;
  logger?: Logger;
  /** For tests: replaces the timer and the random source. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export const DEFAULT_BASE_DELAY_MS = 500;
export const DEFAULT_MAX_DELAY_MS = 30_000;

const defaultSleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms));

/** Milliseconds before attempt `attempt + 1` (attempt counts from 0). */
export function backoffDelayMs(
  attempt: number,
  opts: Pick<RetryOptions, 'baseDelayMs' | 'maxDelayMs' | 'maxRetryAfterMs' | 'random'>,
  retryAfterMs?: number,
): number {
  const base = opts.baseDelayMs ?? DEFAULT_BASE_DELAY_MS;
  const max = opts.maxDelayMs ?? DEFAULT_MAX_DELAY_MS;
  if (retryAfterMs !== undefined) {
    return Math.min(Math.max(retryAfterMs, 0), opts.maxRetryAfterMs ?? max);
  }
  const ceiling = Math.min(max, base * 2 ** attempt);
  // "full jitter": spreads concurrent uploads that failed together
  const random = opts.random ?? Math.random;
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** Retry-After as seconds or an HTTP date, in milliseconds from `now`. */
export function parseRetryAfter(
  value: string | undefined,
  now: number = Date.now(),
): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

export function isRetryable(err: unknown): boolean {
  return err instanceof RegistryError && err.retryable;
}

/**
 * Runs `op` until it succeeds, throws a non-retryable error, or `maxRetries` repeats are used up;
 * then the last error is thrown as is.
 */
export async function withRetry<T>(
  what: string,
  opts: RetryOptions,
  op: (attempt: number) => Promise<T>,
): Promise<T> {
  const sleep = opts.sleep ?? defaultSleep;
  for (let attempt = 0; ; attempt++) {
    try {
      return await op(attempt);
    } catch (err) {
      if (!isRetryable(err) || attempt >= opts.maxRetries || opts.stopped?.()) throw err;
      const retryAfter = err instanceof RegistryError ? err.retryAfterMs : undefined;
      const longest = opts.maxRetryAfterMs ?? opts.maxDelayMs ?? DEFAULT_MAX_DELAY_MS;
      if (err instanceof RegistryError && retryAfter !== undefined && retryAfter > longest) {
        throw tooLongToWait(what, err, retryAfter, longest);
      }
      const delay = backoffDelayMs(attempt, opts, retryAfter);
      const why =
        err instanceof RegistryError && err.status === 429
          ? rateLimited(err, retryAfter)
          : err instanceof Error
            ? err.message
            : String(err);
      opts.logger?.warn(
        `${what}: ${why} Retrying in ${(delay / 1000).toFixed(1)} s (${attempt + 1}/${opts.maxRetries}).`,
      );
      await sleep(delay);
    }
  }
}

const seconds = (ms: number): string => `${Math.ceil(ms / 1000)} s`;

/** "docker.io rate-limits this identity (HTTP 429, ratelimit-limit 100;w=21600)" */
function rateLimitSubject(err: RegistryError): string {
  const said = [`HTTP ${err.status ?? '?'}`, err.rateLimit && `ratelimit-limit ${err.rateLimit}`];
  const who = err.status === 429 ? 'rate-limits this identity' : 'is unavailable';
  return `${err.registry ?? 'the registry'} ${who} (${said.filter((x) => x).join(', ')})`;
}

/** The log line of a wait a registry asked for: who limits, by what limit, for how long. */
function rateLimited(err: RegistryError, retryAfterMs: number | undefined): string {
  const asked = retryAfterMs === undefined ? '' : `; it asks to wait ${seconds(retryAfterMs)}`;
  return `${rateLimitSubject(err)}${asked}.`;
}

/** One line: a registry asks for a longer wait than request-timeout allows. */
function tooLongToWait(
  what: string,
  err: RegistryError,
  retryAfterMs: number,
  longestMs: number,
): RegistryError {
  const at = new Date(Date.now() + retryAfterMs).toISOString().replace(/\.\d+Z$/, 'Z');
  return new RegistryError(
    `${what}: ${rateLimitSubject(err)} and asks to wait ${seconds(retryAfterMs)} (Retry-After), longer than request-timeout (${seconds(longestMs)}): authenticate for a higher limit, or run again after ${at}.`,
    {
      status: err.status,
      code: err.code,
      registryMessage: err.registryMessage,
      url: err.url,
      retryAfterMs,
      registry: err.registry,
      access: err.access,
      rateLimit: err.rateLimit,
    },
  );
}
