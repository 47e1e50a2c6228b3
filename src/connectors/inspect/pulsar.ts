import { basename } from 'node:path';
import type { ConnectorType } from '../../core/inputs';
import { InputError } from '../../core/errors';
import type { Logger } from '../../core/log';
import type { InspectedArtifact } from '../types';
import {
  BUNDLED_DEPENDENCIES,
  MANIFEST_ENTRY,
  bundledJars,
  classEntry,
  findClasses,
  isClassName,
  ownCoordinates,
  parseManifest,
} from './java';
import { mayBeANarArchive } from './classpath';
import { classRoleProblem, suggestClassOf } from './roles';
import { YamlFile } from './yaml';
import type { ZipArchive } from './zip';

/** Pulsar IO NARs, uber JARs and Java function JARs. */

export const PULSAR_IO_YAML = 'META-INF/services/pulsar-io.yaml';

/**
 * Whatever the extension: the descriptor (what Pulsar's connector catalogue reads), or Pulsar 4.0's
 * FileUtils.mayBeANarArchive, which needs the META-INF/bundled-dependencies/ directory entry itself
 * (jars under that folder without the entry make Pulsar load the file as a plain JAR).
 */
export function looksLikeNar(zip: ZipArchive): boolean {
  return zip.has(PULSAR_IO_YAML) || mayBeANarArchive(zip);
}

/** The pulsar-io.yaml keys for each connector type. */
const ROLE = {
  'pulsar-source': { classKey: 'sourceClass', configKey: 'sourceConfigClass', suffix: 'Source' },
  'pulsar-sink': { classKey: 'sinkClass', configKey: 'sinkConfigClass', suffix: 'Sink' },
  'pulsar-function': { classKey: 'functionClass', configKey: undefined, suffix: 'Function' },
} as const;
type PulsarType = keyof typeof ROLE;

function isPulsarType(t: ConnectorType | 'auto'): t is PulsarType {
  return t === 'pulsar-source' || t === 'pulsar-sink' || t === 'pulsar-function';
}

export interface JavaInspectContext {
  path: string;
  label: string;
  connectorType: ConnectorType | 'auto';
  className: string;
  logger?: Logger;
}

async function manifestOf(zip: ZipArchive): Promise<Record<string, string>> {
  return zip.has(MANIFEST_ENTRY) ? parseManifest(await zip.readText(MANIFEST_ENTRY)) : {};
}

/**
 * A suggestion for error messages: a concrete class of the archive named like the role (one that
 * implements it when that can be told), else an example.
 */
async function suggestClass(zip: ZipArchive, type: PulsarType, className: string): Promise<string> {
  if (className) return className;
  return (await suggestClassOf(zip, type)) ?? `com.example.My${ROLE[type].suffix}`;
}

export async function inspectNar(
  zip: ZipArchive,
  ctx: JavaInspectContext,
): Promise<InspectedArtifact> {
  const where = `${ctx.label}!/${PULSAR_IO_YAML}`;
  if (ctx.connectorType !== 'auto' && !isPulsarType(ctx.connectorType)) {
    throw new InputError(
      `${ctx.label} is a Pulsar NAR but connector-type is ${ctx.connectorType}; set connector-type to pulsar-source, pulsar-sink or pulsar-function.`,
      { file: ctx.label },
    );
  }
  if (!zip.has(PULSAR_IO_YAML)) {
    const type = ctx.connectorType === 'auto' ? undefined : ctx.connectorType;
    const fix = type
      ? `name and ${ROLE[type].classKey}: ${await suggestClass(zip, type, ctx.className)}`
      : 'name and sourceClass or sinkClass';
    throw new InputError(`${where} is missing; add it to the NAR with ${fix}.`, {
      file: ctx.label,
    });
  }
  const yaml = await YamlFile.parse(await zip.readText(PULSAR_IO_YAML), where, ctx.label);
  const type = await resolveType(zip, yaml, ctx);
  const role = ROLE[type];
  const declared = yaml.string(role.classKey);
  if (!declared) {
    throw yaml.error(
      role.classKey,
      `${role.classKey} is missing; add ${role.classKey}: ${await suggestClass(zip, type, ctx.className)}`,
    );
  }
  const name = yaml.string('name');
  if (!name) {
    const suggestion = basename(ctx.path).replace(/(-\d[\w.-]*)?\.\w+$/, '');
    throw yaml.error('name', `name is missing; add name: ${suggestion}`);
  }
  const wanted: { key: string; className: string }[] = [
    { key: role.classKey, className: declared },
  ];
  const configClass = role.configKey ? yaml.string(role.configKey) : undefined;
  if (role.configKey && configClass) wanted.push({ key: role.configKey, className: configClass });
  if (ctx.className && ctx.className !== declared) {
    ctx.logger?.warn(
      `class-name ${ctx.className} differs from ${role.classKey} ${declared} in ${where}; Pulsar loads ${declared}.`,
    );
  }
  for (const w of wanted) {
    if (!isClassName(w.className)) {
      throw yaml.error(
        w.key,
        `${w.key} "${w.className}" is not a Java class name; write e.g. ${w.key}: com.example.My${role.suffix}`,
      );
    }
  }

  const jars = bundledJars(zip);
  const search = await findClasses(
    zip,
    wanted.map((w) => w.className),
  );
  for (const w of wanted) {
    if (search.found.has(w.className)) continue;
    if (search.unreadable.length > 0) {
      ctx.logger?.warn(
        `${w.key} ${w.className} was not found in ${ctx.label}, but ${search.unreadable.length} bundled jar(s) were too big or unreadable to check (${search.unreadable.join(', ')}).`,
      );
      continue;
    }
    throw yaml.error(
      w.key,
      `${w.key} ${w.className} is not inside the NAR (looked for ${classEntry(w.className)} in its root and in ${jars.length} jar(s) under ${BUNDLED_DEPENDENCIES}); fix the class name or bundle the jar that holds it.`,
    );
  }
  const roleProblem = await classRoleProblem(zip, declared, type, ctx.logger);
  if (roleProblem) throw yaml.error(role.classKey, `${role.classKey} ${declared} ${roleProblem}.`);

  const manifest = await manifestOf(zip);
  const pom = await ownCoordinates(zip, basename(ctx.path));
  const description = yaml.string('description');
  return {
    connectorType: type,
    format: 'nar',
    path: ctx.path,
    label: ctx.label,
    name,
    version:
      manifest['Nar-Version'] ??
      manifest['Implementation-Version'] ??
      pom?.version ??
      versionFromFileName(ctx.path),
    className: declared,
    description,
    descriptorFile: where,
    nar: { manifest, bundledJars: jars },
  };
}

async function resolveType(
  zip: ZipArchive,
  yaml: YamlFile,
  ctx: JavaInspectContext,
): Promise<PulsarType> {
  if (ctx.connectorType !== 'auto' && isPulsarType(ctx.connectorType)) return ctx.connectorType;
  const declared = (Object.keys(ROLE) as PulsarType[]).filter((t) => yaml.has(ROLE[t].classKey));
  if (declared.length === 1) return declared[0];
  if (declared.length > 1) {
    throw yaml.error(
      undefined,
      `it declares ${declared.map((t) => ROLE[t].classKey).join(' and ')}; set connector-type to ${declared.join(' or ')} to choose which one this image runs.`,
    );
  }
  throw yaml.error(
    undefined,
    `it names no sourceClass or sinkClass; add sinkClass: ${await suggestClass(zip, 'pulsar-sink', ctx.className)} (or sourceClass for a source).`,
  );
}

/** A plain JAR: an uber JAR connector (class-name required) or a Java function. */
export async function inspectJar(
  zip: ZipArchive,
  ctx: JavaInspectContext,
): Promise<InspectedArtifact> {
  const type = ctx.connectorType;
  if (type === 'auto') {
    throw new InputError(
      `${ctx.label} is a plain JAR without ${PULSAR_IO_YAML}, so its kind is unknown; set connector-type to pulsar-function, or pulsar-source/pulsar-sink with class-name for an uber JAR connector.`,
      { file: ctx.label },
    );
  }
  if (!isPulsarType(type)) {
    throw new InputError(
      `${ctx.label} is a Java JAR, which connector-type ${type} cannot run; Airbyte Java connectors are built as a distribution tar (gradle distTar).`,
      { file: ctx.label },
    );
  }
  const isConnector = type !== 'pulsar-function';
  if (isConnector && !ctx.className) {
    throw new InputError(
      `Input "class-name" is required for an uber JAR connector (${ctx.label}); set it to the ${ROLE[type].suffix.toLowerCase()} class, e.g. class-name: ${await suggestClass(zip, type, '')}.`,
    );
  }
  if (ctx.className) {
    if (!isClassName(ctx.className)) {
      throw new InputError(
        `Input "class-name" (${ctx.className}) is not a Java class name; write e.g. com.example.My${ROLE[type].suffix}.`,
      );
    }
    const search = await findClasses(zip, [ctx.className]);
    if (!search.found.has(ctx.className)) {
      throw new InputError(
        `${ctx.label} does not contain ${classEntry(ctx.className)}; fix class-name or shade the class into the JAR.`,
        { file: ctx.label },
      );
    }
    const roleProblem = await classRoleProblem(zip, ctx.className, type, ctx.logger);
    if (roleProblem) {
      throw new InputError(`Input "class-name" ${ctx.className} in ${ctx.label} ${roleProblem}.`, {
        file: ctx.label,
      });
    }
  }
  const manifest = await manifestOf(zip);
  const pom = await ownCoordinates(zip, basename(ctx.path));
  return {
    connectorType: type,
    format: isConnector ? 'uber-jar' : 'jar',
    path: ctx.path,
    label: ctx.label,
    name:
      manifest['Implementation-Title'] ??
      pom?.artifactId ??
      basename(ctx.path).replace(/(-\d[\w.-]*)?\.jar$/i, ''),
    version: manifest['Implementation-Version'] ?? pom?.version ?? versionFromFileName(ctx.path),
    className: ctx.className || undefined,
  };
}

/** `my-sink-1.2.3.jar` → `1.2.3` */
export function versionFromFileName(path: string): string | undefined {
  return /-(\d+(?:\.\d+)*(?:[-.][\w.]+)?)\.[a-z]+$/i.exec(basename(path))?.[1];
}
