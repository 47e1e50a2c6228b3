import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ArtifactFormat, ConnectorType } from '../../core/inputs';
import { InputError } from '../../core/errors';
import { displayPath } from '../paths';
import type { AirbyteProject, InspectedArtifact } from '../types';
import { airbyteComponents } from './components';
import { listTar } from './tar';
import type { TarEntry } from './tar';
import { YamlFile } from './yaml';

/** Airbyte connector folders: metadata.yaml plus a declarative manifest, a Java distribution or Python code. */

export const METADATA_FILE = 'metadata.yaml';
export const MANIFEST_FILE = 'manifest.yaml';
export const COMPONENTS_FILE = 'components.py';
export const PYTHON_MAIN_FILE = 'main.py';
export const DISTRIBUTIONS_DIR = 'build/distributions';

export interface AirbyteInspectContext {
  /** The connector folder. */
  folder: string;
  /** A distribution tar given explicitly with `artifact`. */
  tar?: string;
  workingDirectory: string;
  connectorType: ConnectorType | 'auto';
  format: ArtifactFormat | 'auto';
}

export async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

function show(ctx: AirbyteInspectContext, path: string): string {
  return displayPath(path, ctx.workingDirectory);
}

async function distributionTars(folder: string): Promise<string[]> {
  try {
    const names = await readdir(join(folder, DISTRIBUTIONS_DIR));
    return names
      .filter((n) => /\.(tar|tgz|tar\.gz)$/.test(n))
      .sort()
      .map((n) => join(folder, DISTRIBUTIONS_DIR, n));
  } catch {
    return [];
  }
}

export async function inspectAirbyteFolder(ctx: AirbyteInspectContext): Promise<InspectedArtifact> {
  const folderLabel = show(ctx, ctx.folder);
  const metadataPath = join(ctx.folder, METADATA_FILE);
  const metadataLabel = show(ctx, metadataPath);
  if (!(await exists(metadataPath))) {
    throw new InputError(
      `${metadataLabel} is missing; an Airbyte connector folder needs it with data.dockerRepository, data.dockerImageTag and data.connectorType (or point artifact at the right folder).`,
      { file: metadataLabel },
    );
  }
  const meta = await YamlFile.parse(await readFile(metadataPath, 'utf8'), metadataLabel);
  const repository = meta.string('data.dockerRepository');
  const tag = meta.string('data.dockerImageTag');
  if (!repository) {
    throw meta.error(
      'data.dockerRepository',
      'data.dockerRepository is missing; add e.g. dockerRepository: airbyte/source-my-api under data:.',
    );
  }
  if (!tag) {
    throw meta.error(
      'data.dockerImageTag',
      'data.dockerImageTag is missing; add e.g. dockerImageTag: 0.1.0 under data:.',
    );
  }
  const connectorType = resolveAirbyteType(ctx, meta);
  const project: AirbyteProject = {
    folder: ctx.folder,
    metadataFile: metadataPath,
    documentationUrl: meta.string('data.documentationUrl'),
  };
  const format = await resolveFormat(ctx, project, folderLabel);

  let distribution: { tar: string; entries: TarEntry[] } | undefined;
  if (format === 'airbyte-manifest') {
    if (connectorType !== 'airbyte-source') {
      throw meta.error(
        'data.connectorType',
        'a declarative manifest can only be a source; set connectorType: source or build the destination as Java or Python.',
      );
    }
    await checkManifest(ctx, project);
  } else if (format === 'airbyte-java') {
    distribution = await inspectDistribution(ctx, project);
  } else {
    const main = join(ctx.folder, PYTHON_MAIN_FILE);
    if (!(await exists(main))) {
      throw new InputError(
        `${show(ctx, main)} is missing; a Python Airbyte connector starts with python /airbyte/integration_code/main.py, so add main.py to ${folderLabel}.`,
        { file: folderLabel },
      );
    }
  }

  const info: InspectedArtifact = {
    connectorType,
    format,
    path: ctx.folder,
    label: folderLabel,
    name: meta.string('data.name') ?? repository.split('/').pop(),
    version: tag,
    defaultImage: repository,
    defaultTag: tag,
    baseImage: meta.string('data.connectorBuildOptions.baseImage'),
    descriptorFile: metadataPath,
    airbyte: project,
  };
  return { ...info, bom: airbyteComponents(meta, info, distribution) };
}

function resolveAirbyteType(ctx: AirbyteInspectContext, meta: YamlFile): ConnectorType {
  if (ctx.connectorType === 'airbyte-source' || ctx.connectorType === 'airbyte-destination') {
    return ctx.connectorType;
  }
  if (ctx.connectorType !== 'auto') {
    throw meta.error(
      undefined,
      `this is an Airbyte connector but connector-type is ${ctx.connectorType}; set connector-type to airbyte-source or airbyte-destination.`,
    );
  }
  const declared = meta.string('data.connectorType');
  if (declared === 'source') return 'airbyte-source';
  if (declared === 'destination') return 'airbyte-destination';
  throw meta.error(
    'data.connectorType',
    `data.connectorType is ${declared ? `"${declared}"` : 'missing'}; set it to source or destination (or set connector-type).`,
  );
}

async function resolveFormat(
  ctx: AirbyteInspectContext,
  project: AirbyteProject,
  folderLabel: string,
): Promise<ArtifactFormat> {
  const wanted = ctx.format;
  if (wanted !== 'auto' && !wanted.startsWith('airbyte-')) {
    throw new InputError(
      `${folderLabel} is an Airbyte connector folder, but artifact-format is ${wanted}; use auto, airbyte-manifest, airbyte-java or airbyte-python.`,
    );
  }
  if (
    wanted === 'airbyte-manifest' ||
    (wanted === 'auto' && !ctx.tar && (await exists(join(ctx.folder, MANIFEST_FILE))))
  ) {
    return 'airbyte-manifest';
  }
  if (wanted === 'airbyte-java' || wanted === 'auto') {
    const tars = ctx.tar ? [ctx.tar] : await distributionTars(ctx.folder);
    if (tars.length === 1) {
      project.distributionTar = tars[0];
      return 'airbyte-java';
    }
    if (tars.length > 1) {
      throw new InputError(
        `Several distribution tars in ${show(ctx, join(ctx.folder, DISTRIBUTIONS_DIR))} (${tars.map((t) => show(ctx, t)).join(', ')}); choose one with artifact.`,
      );
    }
    if (wanted === 'airbyte-java') {
      throw new InputError(
        `No distribution tar in ${show(ctx, join(ctx.folder, DISTRIBUTIONS_DIR))}; run gradle distTar (build: gradle, build-args: distTar) or set artifact to the tar.`,
      );
    }
  }
  const python = ['pyproject.toml', 'setup.py', PYTHON_MAIN_FILE];
  for (const file of python) {
    if (await exists(join(ctx.folder, file))) return 'airbyte-python';
  }
  if (wanted === 'airbyte-python') return 'airbyte-python';
  throw new InputError(
    `${folderLabel} has metadata.yaml but no manifest.yaml, build/distributions/*.tar, pyproject.toml or main.py; add the connector code or set artifact-format.`,
  );
}

async function checkManifest(ctx: AirbyteInspectContext, project: AirbyteProject): Promise<void> {
  const path = join(ctx.folder, MANIFEST_FILE);
  const label = show(ctx, path);
  if (!(await exists(path))) {
    throw new InputError(`${label} is missing; a declarative connector needs its manifest.yaml.`, {
      file: label,
    });
  }
  const manifest = await YamlFile.parse(await readFile(path, 'utf8'), label);
  if (!manifest.has('spec')) {
    throw manifest.error(
      undefined,
      'spec is missing; add spec: with connection_specification so that the image can answer spec.',
    );
  }
  project.manifestFile = path;
  const components = join(ctx.folder, COMPONENTS_FILE);
  if (await exists(components)) project.componentsFile = components;
}

/** Gradle's distTar: `<name>/bin/<name>` start script and `<name>/lib/*.jar`; returns its listing. */
async function inspectDistribution(
  ctx: AirbyteInspectContext,
  project: AirbyteProject,
): Promise<{ tar: string; entries: TarEntry[] }> {
  const tar = project.distributionTar as string;
  const label = show(ctx, tar);
  const entries = await listTar(tar, label, 1);
  const scripts = entries
    .filter((e) => e.type === 'file' && /^bin\/[^/]+$/.test(e.name) && !e.name.endsWith('.bat'))
    .map((e) => e.name.slice('bin/'.length));
  if (scripts.length === 0) {
    throw new InputError(
      `${label} has no start script under <name>/bin/; build it with Gradle's application plugin (distTar).`,
      { file: label },
    );
  }
  if (scripts.length > 1) {
    throw new InputError(
      `${label} has several start scripts in bin/ (${scripts.join(', ')}); Airbyte's base.sh runs one, so keep one application per distribution.`,
      { file: label },
    );
  }
  project.application = scripts[0];
  return { tar, entries };
}
