/**
 * A CycloneDX 1.5 SBOM of what the artifact bundles: Maven coordinates from every
 * META-INF/maven/**\/pom.properties of the NAR or uber JAR and of each bundled jar, a wheel's core
 * metadata, an Airbyte connector's metadata.yaml. The document depends only on the artifact and
 * the build epoch (no random serial number, no wall clock), so an unchanged build gives the same
 * bytes and the same referrer digest, and a re-run finds it already pushed.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { epochToIso } from '../core/clock';
import { errorMessage } from '../core/errors';
import { loadYaml } from '../core/lazy';
import type { Logger } from '../core/log';
import {
  BUNDLED_DEPENDENCIES,
  bundledJars,
  ownCoordinates,
  parseProperties,
} from '../connectors/inspect/java';
import { versionFromFileName } from '../connectors/inspect/pulsar';
import { listTar } from '../connectors/inspect/tar';
import {
  MAX_NESTED_ARCHIVE_BYTES,
  openZip,
  openZipBuffer,
  withZip,
} from '../connectors/inspect/zip';
import type { ZipArchive } from '../connectors/inspect/zip';
import type { InspectedArtifact } from '../connectors/types';

export const CYCLONEDX_MEDIA_TYPE = 'application/vnd.cyclonedx+json';

export interface CdxProperty {
  name: string;
  value: string;
}

export interface CdxComponent {
  type: 'application' | 'library' | 'container' | 'file';
  'bom-ref': string;
  group?: string;
  name: string;
  version?: string;
  description?: string;
  purl?: string;
  hashes?: { alg: 'SHA-256'; content: string }[];
  licenses?: { license: { name: string } }[];
  properties?: CdxProperty[];
}

export interface CycloneDxBom {
  bomFormat: 'CycloneDX';
  specVersion: '1.5';
  serialNumber: string;
  version: 1;
  metadata: {
    timestamp: string;
    tools: { components: { type: 'application'; name: string }[] };
    component: CdxComponent;
  };
  components: CdxComponent[];
  dependencies: { ref: string; dependsOn: string[] }[];
}

/** Where a pom.properties or jar was found, for the `slipway:location` property. */
const LOCATION = 'slipway:location';

interface Found {
  main: CdxComponent;
  components: CdxComponent[];
}

/** The SBOM of an inspected artifact; undefined when there is nothing to describe (a plain file). */
export async function buildSbom(
  info: InspectedArtifact,
  epoch: number,
  logger?: Logger,
): Promise<CycloneDxBom | undefined> {
  let found: Found | undefined;
  switch (info.format) {
    case 'nar':
    case 'uber-jar':
    case 'jar':
      found = await withZip(openZip(info.path, info.label), (zip) =>
        javaArchive(zip, info, logger),
      );
      break;
    case 'python':
      found = await pythonArtifact(info);
      break;
    case 'go':
      found = { main: await fileComponent(info, 'application'), components: [] };
      break;
    case 'airbyte-manifest':
    case 'airbyte-java':
    case 'airbyte-python':
      found = await airbyteConnector(info);
      break;
    default:
      return undefined;
  }
  if (info.connectorType) {
    addProperty(found.main, 'slipway:connector-type', info.connectorType);
  }
  if (info.className) addProperty(found.main, 'slipway:class-name', info.className);
  return assemble(found, epoch);
}

/** Stable JSON bytes of the document (two-space indent, members in insertion order). */
export function sbomBytes(bom: CycloneDxBom): Buffer {
  return Buffer.from(`${JSON.stringify(bom, null, 2)}\n`, 'utf8');
}

function assemble(found: Found, epoch: number): CycloneDxBom {
  const byRef = new Map<string, CdxComponent>();
  for (const c of found.components) {
    if (c['bom-ref'] === found.main['bom-ref']) continue;
    const seen = byRef.get(c['bom-ref']);
    if (!seen) byRef.set(c['bom-ref'], c);
    else mergeInto(seen, c);
  }
  const components = [...byRef.values()].sort((a, b) => compare(a['bom-ref'], b['bom-ref']));
  const body = {
    main: found.main,
    components,
  };
  const serial = uuidFromHash(createHash('sha256').update(JSON.stringify(body)).digest());
  return {
    bomFormat: 'CycloneDX',
    specVersion: '1.5',
    serialNumber: `urn:uuid:${serial}`,
    version: 1,
    metadata: {
      timestamp: epochToIso(epoch),
      tools: { components: [{ type: 'application', name: 'slipway' }] },
      component: found.main,
    },
    components,
    dependencies: [{ ref: found.main['bom-ref'], dependsOn: components.map((c) => c['bom-ref']) }],
  };
}

/** A name-based (version 5 style) UUID from a digest: the same content, the same serial number. */
function uuidFromHash(hash: Buffer): string {
  const b = Buffer.from(hash.subarray(0, 16));
  b[6] = (b[6] & 0x0f) | 0x50;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = b.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function mergeInto(into: CdxComponent, from: CdxComponent): void {
  for (const p of from.properties ?? []) {
    if (!into.properties?.some((q) => q.name === p.name && q.value === p.value)) {
      addProperty(into, p.name, p.value);
    }
  }
  into.properties?.sort((x, y) => compare(x.name, y.name) || compare(x.value, y.value));
  into.hashes ??= from.hashes;
}

function addProperty(c: CdxComponent, name: string, value: string): void {
  (c.properties ??= []).push({ name, value });
}

function sha256Hex(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

async function fileSha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
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

function mavenComponent(
  props: Record<string, string>,
  location: string,
  type: CdxComponent['type'] = 'library',
): CdxComponent | undefined {
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
async function pomComponents(zip: ZipArchive, where: string): Promise<CdxComponent[]> {
  const out: CdxComponent[] = [];
  for (const entry of pomEntries(zip)) {
    const c = mavenComponent(parseProperties(await zip.readText(entry)), `${where}${entry}`);
    if (c) out.push(c);
  }
  return out;
}

async function fileComponent(
  info: InspectedArtifact,
  type: CdxComponent['type'],
): Promise<CdxComponent> {
  const name = info.name ?? basename(info.path);
  return {
    type,
    'bom-ref': `artifact:${basename(info.path)}`,
    name,
    version: info.version,
    description: info.description,
    hashes: [{ alg: 'SHA-256', content: await fileSha256(info.path) }],
  };
}

/** A NAR, uber JAR or function JAR: its own coordinates, what it shaded, what it bundles. */
async function javaArchive(
  zip: ZipArchive,
  info: InspectedArtifact,
  logger?: Logger,
): Promise<Found> {
  const file = basename(info.path);
  const main = await fileComponent(info, 'application');
  const own = await ownCoordinates(zip, file);
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
async function bundledJar(zip: ZipArchive, jar: string, logger?: Logger): Promise<CdxComponent[]> {
  const fileName = jar.slice(BUNDLED_DEPENDENCIES.length);
  const byName: CdxComponent = {
    type: 'library',
    'bom-ref': `file:${jar}`,
    name: fileName.replace(/(-\d[\w.-]*)?\.jar$/i, ''),
    version: versionFromFileName(fileName),
    properties: [{ name: LOCATION, value: jar }],
  };
  const entry = zip.entries.get(jar);
  if (!entry || entry.uncompressedSize > MAX_NESTED_ARCHIVE_BYTES) {
    logger?.warn(`sbom: ${zip.label}!/${jar} is too big to look into; it is listed by file name`);
    return [byName];
  }
  let bytes: Buffer;
  try {
    bytes = await zip.read(jar, MAX_NESTED_ARCHIVE_BYTES);
  } catch (err) {
    logger?.warn(`sbom: ${errorMessage(err)}; it is listed by file name`);
    return [byName];
  }
  const hashes = [{ alg: 'SHA-256' as const, content: sha256Hex(bytes) }];
  try {
    return await withZip(openZipBuffer(bytes, `${zip.label}!/${jar}`), async (inner) => {
      const found = await pomComponents(inner, `${jar}!/`);
      if (found.length === 0) return [{ ...byName, hashes }];
      const own = await ownCoordinates(inner, fileName);
      const ownPurl =
        own?.groupId && own.artifactId
          ? mavenPurl(own.groupId, own.artifactId, own.version)
          : undefined;
      for (const c of found) if (c.purl === ownPurl || found.length === 1) c.hashes = hashes;
      return found;
    });
  } catch (err) {
    logger?.warn(`sbom: ${errorMessage(err)}; it is listed by file name`);
    return [{ ...byName, hashes }];
  }
}

/** RFC 822 headers of core metadata, every occurrence (Requires-Dist repeats). */
function coreMetadataFields(text: string): [string, string][] {
  const out: [string, string][] = [];
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (line === '') break;
    const colon = line.indexOf(':');
    if (colon <= 0 || line.startsWith(' ') || line.startsWith('\t')) continue;
    out.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
  }
  return out;
}

function pypiComponent(
  fields: [string, string][],
  location: string,
  type: CdxComponent['type'],
): CdxComponent | undefined {
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

/** A wheel (its metadata and declared requirements), a zip (wheels' metadata inside), a .py. */
async function pythonArtifact(info: InspectedArtifact): Promise<Found> {
  const main = await fileComponent(info, 'application');
  const ext = extname(info.path).toLowerCase();
  if (ext !== '.whl' && ext !== '.zip') return { main, components: [] };
  return withZip(openZip(info.path, info.label), async (zip) => {
    const metadata = [...zip.entries.keys()]
      .filter((n) => /(^|\/)[^/]+\.dist-info\/METADATA$/.test(n))
      .sort();
    const components: CdxComponent[] = [];
    for (const entry of metadata) {
      const fields = coreMetadataFields(await zip.readText(entry));
      const isOwn = ext === '.whl' && /^[^/]+\.dist-info\/METADATA$/.test(entry);
      const c = pypiComponent(fields, entry, isOwn ? 'application' : 'library');
      if (!c) continue;
      if (isOwn) {
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
      } else {
        components.push(c);
      }
    }
    return { main, components };
  });
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

/** An Airbyte connector: metadata.yaml names it; a Java distribution lists its jars. */
async function airbyteConnector(info: InspectedArtifact): Promise<Found> {
  const metadataFile = info.airbyte?.metadataFile ?? info.descriptorFile;
  const doc = metadataFile
    ? ((await loadYaml()).parse(await readFile(metadataFile, 'utf8')) as unknown)
    : {};
  const raw = typeof doc === 'object' && doc !== null && 'data' in doc ? doc.data : undefined;
  const data: Record<string, unknown> =
    typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const repository = text(data.dockerRepository) ?? info.defaultImage ?? info.name ?? 'connector';
  const tag = text(data.dockerImageTag) ?? info.version;
  const purl = `pkg:docker/${repository.split('/').map(enc).join('/')}${tag ? `@${enc(tag)}` : ''}`;
  const main: CdxComponent = {
    type: 'application',
    'bom-ref': purl,
    name: repository,
    version: tag,
    description: text(data.name),
    purl,
    licenses: text(data.license)
      ? [{ license: { name: text(data.license) as string } }]
      : undefined,
  };
  for (const key of ['definitionId', 'connectorType', 'connectorSubtype', 'releaseStage']) {
    const value = text(data[key]);
    if (value) addProperty(main, `airbyte:${key}`, value);
  }
  const components: CdxComponent[] = [];
  const options = data.connectorBuildOptions as Record<string, unknown> | undefined;
  const baseImage = typeof options === 'object' && options ? text(options.baseImage) : undefined;
  if (baseImage) {
    components.push({
      type: 'container',
      'bom-ref': `base:${baseImage}`,
      name: baseImage,
      properties: [{ name: LOCATION, value: 'metadata.yaml data.connectorBuildOptions.baseImage' }],
    });
  }
  const tar = info.airbyte?.distributionTar;
  if (tar) {
    for (const entry of await listTar(tar, info.label, 1)) {
      if (entry.type !== 'file' || !/^lib\/[^/]+\.jar$/.test(entry.name)) continue;
      const fileName = entry.name.slice('lib/'.length);
      components.push({
        type: 'library',
        'bom-ref': `file:${entry.name}`,
        name: fileName.replace(/(-\d[\w.-]*)?\.jar$/i, ''),
        version: versionFromFileName(fileName),
        properties: [{ name: LOCATION, value: `${basename(tar)}!/${entry.name}` }],
      });
    }
  }
  return { main, components };
}
