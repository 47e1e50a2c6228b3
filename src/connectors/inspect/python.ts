import { readFile, readdir } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import type { ConnectorType } from '../../core/inputs';
import { InputError } from '../../core/errors';
import type { InspectedArtifact } from '../types';
import { versionFromFileName } from './pulsar';
import { moduleTopLevelNames } from './python-names';
import type { ZipArchive } from './zip';

/** Python Pulsar Functions: a single .py, a .zip or a wheel. */

export interface PythonInspectContext {
  path: string;
  label: string;
  connectorType: ConnectorType | 'auto';
  className: string;
}

function requireFunction(ctx: PythonInspectContext, what: string): void {
  if (ctx.connectorType !== 'auto' && ctx.connectorType !== 'pulsar-function') {
    throw new InputError(
      `${ctx.label} is ${what}, which only a Pulsar Function can be (connector-type is ${ctx.connectorType}); set connector-type: pulsar-function, or point artifact at the connector folder.`,
      { file: ctx.label },
    );
  }
}

/** Files bigger than this are not scanned for names (a function module is a few KiB). */
const MAX_SCANNED_PYTHON_BYTES = 4 * 1024 * 1024;

/**
 * Pulsar's Python instance (`util.import_class_from_path`, Pulsar 4.0) splits class-name at its
 * last dot, imports the part before it as a module from the file's folder and takes the last part
 * with getattr; without a dot it imports a module of that name. So for a single file the only
 * class-name that can work is `<file name>.<name defined at its top level>`.
 */
async function checkPythonClassName(ctx: PythonInspectContext): Promise<void> {
  if (!ctx.className) return;
  const moduleName = basename(ctx.path, extname(ctx.path));
  const dot = ctx.className.lastIndexOf('.');
  const modulePart = dot < 0 ? '' : ctx.className.slice(0, dot);
  const name = ctx.className.slice(dot + 1);
  // Another module (one the runner provides) cannot be checked from this file.
  if (modulePart !== '' && modulePart !== moduleName) return;
  const source = await readFile(ctx.path);
  if (source.length > MAX_SCANNED_PYTHON_BYTES) return;
  const names = moduleTopLevelNames(source.toString('utf8'));
  const known =
    names.length > 0
      ? `it defines ${names.join(', ')}`
      : 'it defines no function or class at its top level';
  const example = `class-name: ${moduleName}.${names.includes(name) ? name : (names[0] ?? 'process')}`;
  if (modulePart === '') {
    throw new InputError(
      `Input "class-name" (${ctx.className}) has no module part, so Pulsar would import a module named ${name} instead of reading ${ctx.label}; write ${example} (${known}).`,
      { file: ctx.label },
    );
  }
  if (!names.includes(name)) {
    throw new InputError(
      `Input "class-name" (${ctx.className}) names ${name}, which ${ctx.label} does not define at its top level (${known}); write ${example}.`,
      { file: ctx.label },
    );
  }
}

/**
 * The function file of a Python function folder: the module class-name names (`module.Name` →
 * module.py), else the folder's only top-level .py file.
 */
export async function functionFileOf(
  folder: string,
  className: string,
  label: string,
): Promise<string> {
  const modules = (await readdir(folder, { withFileTypes: true }))
    .filter((e) => e.isFile() && e.name.endsWith('.py'))
    .map((e) => e.name)
    .sort();
  const dot = className.lastIndexOf('.');
  if (dot > 0) {
    const wanted = `${className.slice(0, dot)}.py`;
    if (modules.includes(wanted)) return join(folder, wanted);
    throw new InputError(
      `Input "class-name" (${className}) names the module ${wanted}, which ${label} does not hold (it has ${modules.join(', ') || 'no .py file'}); fix class-name or point artifact at the function file.`,
      { file: label },
    );
  }
  if (modules.length === 1) return join(folder, modules[0]);
  throw new InputError(
    `${label} is a folder with ${modules.length === 0 ? 'no .py file' : `several .py files (${modules.join(', ')})`}, so its function file is unknown; set class-name to module.Name or point artifact at the function file.`,
    { file: label },
  );
}

export async function inspectPythonFile(ctx: PythonInspectContext): Promise<InspectedArtifact> {
  requireFunction(ctx, 'a Python file');
  await checkPythonClassName(ctx);
  return {
    connectorType: 'pulsar-function',
    format: 'python',
    path: ctx.path,
    label: ctx.label,
    name: basename(ctx.path, extname(ctx.path)),
    className: ctx.className || undefined,
  };
}

/**
 * RFC 822 style headers of a wheel's METADATA, every occurrence in order (Requires-Dist repeats);
 * it stops at the first blank line, where the body starts.
 */
export function coreMetadataFields(text: string): [string, string][] {
  const out: [string, string][] = [];
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (line === '') break;
    const colon = line.indexOf(':');
    if (colon <= 0 || line.startsWith(' ') || line.startsWith('\t')) continue;
    out.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
  }
  return out;
}

/** The first value of each METADATA header. */
export function parseCoreMetadata(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of coreMetadataFields(text)) if (!(key in out)) out[key] = value;
  return out;
}

export async function inspectPythonArchive(
  zip: ZipArchive,
  ctx: PythonInspectContext,
): Promise<InspectedArtifact> {
  const isWheel = extname(ctx.path).toLowerCase() === '.whl';
  requireFunction(ctx, isWheel ? 'a Python wheel' : 'a zip archive');
  const base: InspectedArtifact = {
    connectorType: 'pulsar-function',
    format: 'python',
    path: ctx.path,
    label: ctx.label,
    name: basename(ctx.path, extname(ctx.path)),
    version: versionFromFileName(ctx.path),
    className: ctx.className || undefined,
  };
  if (!isWheel) return base;

  // A wheel holds exactly one <name>-<version>.dist-info/METADATA at its root (PEP 427).
  const metadata = [...zip.entries.keys()].filter((n) => /^[^/]+\.dist-info\/METADATA$/.test(n));
  if (metadata.length !== 1) {
    throw new InputError(
      `${ctx.label} is not a valid wheel: it has ${metadata.length} *.dist-info/METADATA entries instead of one; rebuild it with pip wheel or python -m build.`,
      { file: ctx.label },
    );
  }
  const fields = parseCoreMetadata(await zip.readText(metadata[0]));
  if (!fields.Name || !fields.Version) {
    throw new InputError(
      `${ctx.label}!/${metadata[0]}: Name or Version is missing; rebuild the wheel with a project name and version.`,
      { file: ctx.label },
    );
  }
  return {
    ...base,
    name: fields.Name,
    version: fields.Version,
    description: fields.Summary,
    descriptorFile: `${ctx.label}!/${metadata[0]}`,
  };
}
