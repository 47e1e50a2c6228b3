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
  /** Cap of one wait, including a Retry-After the registry asks for. */
  maxDelayMs?: number;
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
  opts: Pick<RetryOptions, 'baseDelayMs' | 'maxDelayMs' | 'random'>,
  retryAfterMs?: number,
): number {
  const base = opts.baseDelayMs ?? DEFAULT_BASE_DELAY_MS;
  const max = opts.maxDelayMs ?? DEFAULT_MAX_DELAY_MS;
  if (retryAfterMs !== undefined) return Math.min(Math.max(retryAfterMs, 0), max);
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
      if (!isRetryable(err) || attempt >= opts.maxRetries) throw err;
      const retryAfter = err instanceof RegistryError ? err.retryAfterMs : undefined;
      const delay = backoffDelayMs(attempt, opts, retryAfter);
      opts.logger?.warn(
        `${what}: ${err instanceof Error ? err.message : String(err)} Retrying in ${(delay / 1000).toFixed(1)} s (${attempt + 1}/${opts.maxRetries}).`,
      );
      await sleep(delay);
    }
  }
}
