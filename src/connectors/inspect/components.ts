/**
 * What an artifact bundles, collected by inspection while it has the archive open: Maven
 * coordinates from every META-INF/maven/**\/pom.properties of the NAR or uber JAR and of each
 * bundled jar, a wheel's core metadata, an Airbyte connector's metadata.yaml and the jars of its
 * distribution. The SBOM is written from these facts (attest/), so the artifact is read once.
 */
import { createHash } from 'node:crypto';
import { basename, extname } from 'node:path';
import { errorMessage } from '../../core/errors';
import type { Logger } from '../../core/log';
import type { ArtifactComponents, InspectedArtifact, SbomComponent } from '../types';
import { BUNDLED_DEPENDENCIES, bundledJars, ownCoordinates, parseProperties } from './java';
import { versionFromFileName } from './pulsar';
import { coreMetadataFields } from './python';
import type { TarEntry } from './tar';
import type { YamlFile } from './yaml';
import type { ZipArchive } from './zip';

/** Where a pom.properties or jar was found, for the `slipway:location` property. */
const LOCATION = 'slipway:location';

function sha256Hex(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** purl segments are percent-encoded (package-url spec); Maven ids rarely need it. */
function enc(s: string): string {
  return encodeURIComponent(s);
}

export function mavenPurl(group: string, artifact: string, version?: string): string {
  return `pkg:maven/${enc(group)}/${enc(artifact)}${version ? `@${enc(version)}` : ''}`;
}

/** PEP 503 normalised name, as purl's pypi type wants it. */
export function pypiPurl(name: string, version?: string): string {
  const normalized = name.toLowerCase().replace(/[-_.]+/g, '-');
  return `pkg:pypi/${enc(normalized)}${version ? `@${enc(version)}` : ''}`;
}

function addProperty(c: SbomComponent, name: string, value: string): void {
  (c.properties ??= []).push({ name, value });
}

/**
 * The artifact file itself, named as inspection named it. Its sha256 is not taken here: the run
 * reads a large artifact once, and the SBOM writer pins the component with that digest.
 */
function fileComponent(info: InspectedArtifact, type: SbomComponent['type']): SbomComponent {
  return {
    type,
    'bom-ref': `artifact:${basename(info.path)}`,
    name: info.name ?? basename(info.path),
    version: info.version,
    description: info.description,
  };
}

/** A file that bundles nothing Slipway can list (a Go binary, a .py module). */
export function fileComponents(info: InspectedArtifact): ArtifactComponents {
  return { main: fileComponent(info, 'application'), components: [] };
}

function mavenComponent(
  props: Record<string, string>,
  location: string,
  type: SbomComponent['type'] = 'library',
): SbomComponent | undefined {
  const { groupId, artifactId, version } = props;
  if (!groupId || !artifactId) return undefined;
  const purl = mavenPurl(groupId, artifactId, version);
  return {
    type,
    'bom-ref': purl,
    group: groupId,
    name: artifactId,
    version: version || undefined,
    purl,
    properties: [{ name: LOCATION, value: location }],
  };
}

function pomEntries(zip: ZipArchive): string[] {
  return [...zip.entries.keys()]
    .filter((name) => name.startsWith('META-INF/maven/') && name.endsWith('/pom.properties'))
    .sort();
}

/** Every pom.properties of one archive as components; `where` prefixes the location. */
async function pomComponents(zip: ZipArchive, where: string): Promise<SbomComponent[]> {
  const out: SbomComponent[] = [];
  for (const entry of pomEntries(zip)) {
    const c = mavenComponent(parseProperties(await zip.readText(entry)), `${where}${entry}`);
    if (c) out.push(c);
  }
  return out;
}

/** A NAR, uber JAR or function JAR: its own coordinates, what it shaded, what it bundles. */
export async function javaComponents(
  zip: ZipArchive,
  info: InspectedArtifact,
  logger?: Logger,
): Promise<ArtifactComponents> {
  const main = fileComponent(info, 'application');
  const own = await ownCoordinates(zip, basename(info.path));
  if (own?.groupId && own.artifactId) {
    const purl = mavenPurl(own.groupId, own.artifactId, own.version);
    Object.assign(main, {
      'bom-ref': purl,
      group: own.groupId,
      name: own.artifactId,
      version: own.version ?? main.version,
      purl,
    });
  }
  const components = (await pomComponents(zip, '')).filter((c) => c.purl !== main.purl);
  for (const jar of bundledJars(zip)) {
    components.push(...(await bundledJar(zip, jar, logger)));
  }
  return { main, components };
}

/** One jar under META-INF/bundled-dependencies/: its pom.properties, else its file name. */
async function bundledJar(zip: ZipArchive, jar: string, logger?: Logger): Promise<SbomComponent[]> {
  const fileName = jar.slice(BUNDLED_DEPENDENCIES.length);
  const byName: SbomComponent = {
    type: 'library',
    'bom-ref': `file:${jar}`,
    name: fileName.replace(/(-\d[\w.-]*)?\.jar$/i, ''),
    version: versionFromFileName(fileName),
    properties: [{ name: LOCATION, value: jar }],
  };
  let inner: ZipArchive | undefined;
  try {
    inner = await zip.nested(jar);
  } catch (err) {
    logger?.warn(`sbom: ${errorMessage(err)}; it is listed by file name`);
    return [byName];
  }
  if (!inner?.bytes) {
    logger?.warn(`sbom: ${zip.label}!/${jar} is too big to look into; it is listed by file name`);
    return [byName];
  }
  const hashes = [{ alg: 'SHA-256' as const, content: sha256Hex(inner.bytes) }];
  try {
    const found = await pomComponents(inner, `${jar}!/`);
    if (found.length === 0) return [{ ...byName, hashes }];
    const own = await ownCoordinates(inner, fileName);
    const ownPurl =
      own?.groupId && own.artifactId
        ? mavenPurl(own.groupId, own.artifactId, own.version)
        : undefined;
    for (const c of found) if (c.purl === ownPurl || found.length === 1) c.hashes = hashes;
    return found;
  } catch (err) {
    logger?.warn(`sbom: ${errorMessage(err)}; it is listed by file name`);
    return [{ ...byName, hashes }];
  }
}

function pypiComponent(
  fields: [string, string][],
  location: string,
  type: SbomComponent['type'],
): SbomComponent | undefined {
  const get = (key: string): string | undefined => fields.find(([k]) => k === key)?.[1];
  const name = get('Name');
  if (!name) return undefined;
  const version = get('Version');
  const purl = pypiPurl(name, version);
  const license = get('License-Expression') ?? get('License');
  return {
    type,
    'bom-ref': purl,
    name,
    version,
    description: get('Summary'),
    purl,
    licenses: license ? [{ license: { name: license } }] : undefined,
    properties: [{ name: LOCATION, value: location }],
  };
}

/** A wheel (its metadata and declared requirements) or a zip (the wheels' metadata inside). */
export async function pythonComponents(
  zip: ZipArchive,
  info: InspectedArtifact,
): Promise<ArtifactComponents> {
  const main = fileComponent(info, 'application');
  const isWheel = extname(info.path).toLowerCase() === '.whl';
  const metadata = [...zip.entries.keys()]
    .filter((n) => /(^|\/)[^/]+\.dist-info\/METADATA$/.test(n))
    .sort();
  const components: SbomComponent[] = [];
  for (const entry of metadata) {
    const fields = coreMetadataFields(await zip.readText(entry));
    const isOwn = isWheel && /^[^/]+\.dist-info\/METADATA$/.test(entry);
    const c = pypiComponent(fields, entry, isOwn ? 'application' : 'library');
    if (!c) continue;
    if (!isOwn) {
      components.push(c);
      continue;
    }
    Object.assign(main, { ...c, hashes: main.hashes });
    for (const [key, value] of fields) {
      if (key !== 'Requires-Dist') continue;
      const name = /^[A-Za-z0-9][A-Za-z0-9._-]*/.exec(value)?.[0];
      if (!name) continue;
      components.push({
        type: 'library',
        'bom-ref': pypiPurl(name),
        name,
        purl: pypiPurl(name),
        properties: [{ name: 'slipway:requirement', value }],
      });
    }
  }
  return { main, components };
}

/**
 * An Airbyte connector: metadata.yaml names it and its base image; a Java distribution (`tar`,
 * listed by inspection with its first folder stripped) adds its lib/ jars.
 */
export function airbyteComponents(
  meta: YamlFile,
  info: InspectedArtifact,
  distribution?: { tar: string; entries: readonly TarEntry[] },
): ArtifactComponents {
  const data = (key: string): string | undefined => meta.string(`data.${key}`);
  const repository = data('dockerRepository') ?? info.defaultImage ?? info.name ?? 'connector';
  const tag = data('dockerImageTag') ?? info.version;
  const purl = `pkg:docker/${repository.split('/').map(enc).join('/')}${tag ? `@${enc(tag)}` : ''}`;
  const license = data('license');
  const main: SbomComponent = {
    type: 'application',
    'bom-ref': purl,
    name: repository,
    version: tag,
    description: data('name'),
    purl,
    licenses: license ? [{ license: { name: license } }] : undefined,
  };
  for (const key of ['definitionId', 'connectorType', 'connectorSubtype', 'releaseStage']) {
    const value = data(key);
    if (value) addProperty(main, `airbyte:${key}`, value);
  }
  const components: SbomComponent[] = [];
  const baseImage = data('connectorBuildOptions.baseImage');
  if (baseImage) {
    components.push({
      type: 'container',
      'bom-ref': `base:${baseImage}`,
      name: baseImage,
      properties: [{ name: LOCATION, value: 'metadata.yaml data.connectorBuildOptions.baseImage' }],
    });
  }
  for (const entry of distribution?.entries ?? []) {
    if (entry.type !== 'file' || !/^lib\/[^/]+\.jar$/.test(entry.name)) continue;
    const fileName = entry.name.slice('lib/'.length);
    components.push({
      type: 'library',
      'bom-ref': `file:${entry.name}`,
      name: fileName.replace(/(-\d[\w.-]*)?\.jar$/i, ''),
      version: versionFromFileName(fileName),
      properties: [
        { name: LOCATION, value: `${basename(distribution?.tar ?? '')}!/${entry.name}` },
      ],
    });
  }
  return { main, components };
}
