import { readFileSync } from 'node:fs';
import { isRecord } from './json';

/**
 * The payload of the event that started a GitHub Actions job (GITHUB_EVENT_PATH): the commit time,
 * the default branch and the repository's visibility come from it. Undefined when there is none or
 * it cannot be read: every reader then falls back as it would outside GitHub.
 */
export function githubEvent(env: NodeJS.ProcessEnv): Record<string, unknown> | undefined {
  const path = env.GITHUB_EVENT_PATH;
  if (!path) return undefined;
  try {
    const event: unknown = JSON.parse(readFileSync(path, 'utf8'));
    return isRecord(event) ? event : undefined;
  } catch {
    return undefined;
  }
}
