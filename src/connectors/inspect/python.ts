import { basename, extname } from 'node:path';
import type { ConnectorType } from '../../core/inputs';
import { InputError } from '../../core/errors';
import type { InspectedArtifact } from '../types';
import { versionFromFileName } from './pulsar';
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

export function inspectPythonFile(ctx: PythonInspectContext): InspectedArtifact {
  requireFunction(ctx, 'a Python file');
  return {
    connectorType: 'pulsar-function',
    format: 'python',
    path: ctx.path,
    label: ctx.label,
    name: basename(ctx.path, extname(ctx.path)),
    className: ctx.className || undefined,
  };
}

/** RFC 822 style headers of a wheel's METADATA (stops at the first blank line: the body). */
export function parseCoreMetadata(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (line === '') break;
    const colon = line.indexOf(':');
    if (colon <= 0 || line.startsWith(' ') || line.startsWith('\t')) continue;
    const key = line.slice(0, colon).trim();
    if (!(key in out)) out[key] = line.slice(colon + 1).trim();
  }
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
