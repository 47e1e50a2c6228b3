import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError } from '../../core/errors';
import { INPUTS } from '../../core/inputs';
import type { InputName, InputSpec } from '../../core/inputs';
import { isRecord } from '../../core/json';
import { loadYaml } from '../../core/lazy';
import { YamlFile } from '../inspect/yaml';
import { fileText, joinRelative } from './walk';

/**
 * slipway.yaml at the repository root: what discovery cannot guess.
 *
 *   image-prefix: registry.example.com/connectors   # image = prefix/<artifactId or folder>
 *   inputs: { pulsar-version: 4.0.4 }               # for every project
 *   exclude: [pulsar-io/legacy-*]                    # globs of project folders to leave out
 *   projects:                                        # add a project, or set inputs of a found one
 *     - path: functions/enrich
 *       name: enrich
 *       inputs: { connector-type: pulsar-function, artifact: enrich.py }
 *   shared:                                          # folders that projects are built from
 *     - path: schemas
 *       used-by: [pulsar-io/kafka, source-acme]      # project paths or names
 */

export const CONFIG_FILE = 'slipway.yaml';
/** The names the file may have, first found wins: the hidden one keeps a crowded root tidy. */
export const CONFIG_FILES = [CONFIG_FILE, '.slipway.yaml'] as const;

export type ProjectInputs = Partial<Record<InputName, string>>;

export interface ProjectEntry {
  path: string;
  name?: string;
  inputs: ProjectInputs;
  /** Where errors about this entry point: `projects[2]`. */
  label: string;
}

export interface SharedEntry {
  path: string;
  usedBy: string[];
  label: string;
}

export interface RepositoryConfig {
  /** The file read (slipway.yaml or .slipway.yaml); undefined when there is none. */
  file?: string;
  /**
   * Inputs at the top level under their own names (`image: …`, `tags: […]`): the settings of a
   * run started in this folder, between the defaults and the environment (the CLI's precedence).
   */
  runInputs: ProjectInputs;
  imagePrefix?: string;
  inputs: ProjectInputs;
  exclude: string[];
  projects: ProjectEntry[];
  shared: SharedEntry[];
  /** Raises an InputError pointing at a key of the file (`projects.2.path`). */
  error(path: string, message: string): InputError;
}

const TOP_LEVEL_KEYS = ['image-prefix', 'inputs', 'exclude', 'projects', 'shared'];
/** Set by discovery from the project's place, not per project. */
const NOT_PER_PROJECT: readonly string[] = ['working-directory'];

export const EMPTY_CONFIG: RepositoryConfig = {
  runInputs: {},
  inputs: {},
  exclude: [],
  projects: [],
  shared: [],
  error: (_path, message) => new InputError(`${CONFIG_FILE}: ${message}`),
};

async function isFolder(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

function scalar(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/**
 * Reads `slipway.yaml` from `root`; EMPTY_CONFIG when there is none. Every problem is an
 * InputError naming the entry and the fix.
 */
export async function readRepositoryConfig(root: string): Promise<RepositoryConfig> {
  let name: string = CONFIG_FILE;
  let content: string | undefined;
  for (const candidate of CONFIG_FILES) {
    content = await fileText(root, candidate);
    name = candidate;
    if (content !== undefined) break;
  }
  if (content === undefined) return EMPTY_CONFIG;
  const file = await YamlFile.parse(content, name);
  const data: unknown = (await loadYaml()).parse(content);
  const error = (path: string, message: string): InputError => file.error(path, message);
  if (data === null || data === undefined) return { ...EMPTY_CONFIG, file: name, error };
  if (!isRecord(data)) throw error('', 'expected a mapping at the top level.');

  const isInput = (key: string): boolean =>
    (INPUTS as Record<string, InputSpec | undefined>)[key] !== undefined;
  for (const key of Object.keys(data)) {
    if (!TOP_LEVEL_KEYS.includes(key) && !isInput(key)) {
      throw error(
        key,
        `unknown key "${key}"; use an input name (see slipway build --help) or ${TOP_LEVEL_KEYS.join(', ')}.`,
      );
    }
  }

  const stringList = (path: string, value: unknown): string[] => {
    if (value === undefined || value === null) return [];
    const list = Array.isArray(value) ? value : [value];
    return list.map((item, i) => {
      const s = scalar(item);
      if (s === undefined || s.trim() === '') {
        throw error(`${path}.${i}`, `${path}[${i}] must be a non-empty string.`);
      }
      return s.trim();
    });
  };

  const folder = async (path: string, value: unknown): Promise<string> => {
    const raw = scalar(value)?.trim();
    if (!raw)
      throw error(path, `${path} is missing; give the folder relative to the repository root.`);
    const rel = joinRelative('.', raw);
    if (rel.startsWith('..') || raw.startsWith('/')) {
      throw error(
        path,
        `${path} "${raw}" is outside the repository; give a folder relative to its root.`,
      );
    }
    if (!(await isFolder(join(root, rel)))) {
      throw error(
        path,
        `${path} "${raw}" is not a folder of the repository; fix the path or remove the entry.`,
      );
    }
    return rel;
  };

  const inputsAt = (path: string, value: unknown, topLevel = false): ProjectInputs => {
    if (value === undefined || value === null) return {};
    if (!isRecord(value)) throw error(path, `${path} must be a mapping of input names to values.`);
    const inputs: ProjectInputs = {};
    for (const [name, raw] of Object.entries(value)) {
      const spec = (INPUTS as Record<string, InputSpec | undefined>)[name];
      if (!spec || (!topLevel && NOT_PER_PROJECT.includes(name))) {
        throw error(
          `${path}.${name}`,
          `${path}.${name} is not a per-project input; use the names of the action inputs (${name === 'working-directory' ? "the folder is the entry's path" : 'see action.yml'}).`,
        );
      }
      const at = path ? `${path}.${name}` : name;
      if (spec.secret) {
        throw error(
          at,
          `${at} is a secret and does not belong in a committed file; pass it to the CI job as a masked variable or secret.`,
        );
      }
      const value = Array.isArray(raw) ? raw.map(scalar).join(',') : scalar(raw);
      if (value === undefined) throw error(at, `${at} must be a string, number, boolean or list.`);
      const choices = spec.choices;
      if (choices && !choices.includes(value)) {
        throw error(at, `${at} is "${value}"; use one of ${choices.join(', ')}.`);
      }
      inputs[name as InputName] = value;
    }
    return inputs;
  };

  const imagePrefix = scalar(data['image-prefix'])?.trim().replace(/\/+$/, '') || undefined;
  if (data['image-prefix'] !== undefined && imagePrefix === undefined) {
    throw error(
      'image-prefix',
      'image-prefix must be a registry path such as registry.example.com/team.',
    );
  }

  const projects: ProjectEntry[] = [];
  const rawProjects = data.projects ?? [];
  if (!Array.isArray(rawProjects))
    throw error('projects', 'projects must be a list of entries with path and inputs.');
  for (const [i, entry] of rawProjects.entries()) {
    const label = `projects[${i}]`;
    if (!isRecord(entry))
      throw error(`projects.${i}`, `${label} must be a mapping with path (and name, inputs).`);
    for (const key of Object.keys(entry)) {
      if (!['path', 'name', 'inputs'].includes(key)) {
        throw error(
          `projects.${i}.${key}`,
          `${label} has an unknown key "${key}"; use path, name and inputs (input values go under inputs).`,
        );
      }
    }
    projects.push({
      path: await folder(`projects.${i}.path`, entry.path),
      name: scalar(entry.name)?.trim() || undefined,
      inputs: inputsAt(`projects.${i}.inputs`, entry.inputs),
      label,
    });
  }

  const shared: SharedEntry[] = [];
  const rawShared = data.shared ?? [];
  if (!Array.isArray(rawShared))
    throw error('shared', 'shared must be a list of entries with path and used-by.');
  for (const [i, entry] of rawShared.entries()) {
    const label = `shared[${i}]`;
    if (!isRecord(entry))
      throw error(`shared.${i}`, `${label} must be a mapping with path and used-by.`);
    const usedBy = stringList(`shared.${i}.used-by`, entry['used-by']);
    if (usedBy.length === 0) {
      throw error(
        `shared.${i}`,
        `${label} has no used-by; list the project paths or names built from ${scalar(entry.path) ?? 'it'}.`,
      );
    }
    shared.push({ path: await folder(`shared.${i}.path`, entry.path), usedBy, label });
  }

  const topLevelInputs = Object.fromEntries(Object.entries(data).filter(([key]) => isInput(key)));
  return {
    file: name,
    runInputs: inputsAt('', topLevelInputs, true),
    imagePrefix,
    inputs: inputsAt('inputs', data.inputs),
    exclude: stringList('exclude', data.exclude),
    projects,
    shared,
    error,
  };
}
