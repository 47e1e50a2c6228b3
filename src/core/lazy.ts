import type * as Glob from 'tinyglobby';
import type * as Yaml from 'yaml';

/**
 * Loads a CommonJS package on first use: `importCommonJs(() => import('pkg'))`.
 * In the code-split ES module bundle (dist/), import() of a CommonJS package yields only
 * `default` (Node's own rule for CommonJS); unbundled, as under ts-jest, it yields the named
 * exports. Callers get the named exports either way.
 */
export async function importCommonJs<T extends object>(load: () => Promise<T>): Promise<T> {
  const mod = await load();
  const named = Object.keys(mod).filter((key) => key !== 'default' && key !== 'module.exports');
  const fallback = (mod as { default?: unknown }).default;
  if (named.length === 0 && fallback !== null && typeof fallback === 'object') return fallback as T;
  return mod;
}

/**
 * The YAML library, loaded on first use: most runs (a plain file, a JAR, a wheel) never read YAML,
 * and compiling its 250 KB took a noticeable share of every run's start.
 */
export function loadYaml(): Promise<typeof Yaml> {
  return importCommonJs(() => import('yaml'));
}

/** Glob matching, loaded on first use: only wildcard inputs and Dockerfile sources need it. */
export function loadGlob(): Promise<typeof Glob> {
  return importCommonJs(() => import('tinyglobby'));
}
