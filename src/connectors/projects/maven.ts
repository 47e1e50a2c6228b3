import { posix } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { InputError, errorMessage } from '../../core/errors';
import { isRecord } from '../../core/json';
import { YamlFile } from '../inspect/yaml';
import { fileText, joinRelative } from './walk';

/**
 * The Maven reactor as far as discovery needs it: modules, coordinates, packaging, the NAR and
 * shade plugins, pulsar-io.yaml, the parent chain and dependencies between modules. Not a Maven
 * model builder: properties are resolved only from the POM and its parents in the repository,
 * profiles only contribute their modules, and plugins come from build.plugins (not pluginManagement).
 */

export const PULSAR_IO_YAML = 'src/main/resources/META-INF/services/pulsar-io.yaml';
const NAR_PLUGIN = 'nifi-nar-maven-plugin';
const SHADE_PLUGIN = 'maven-shade-plugin';
const FUNCTIONS_API = 'org.apache.pulsar:pulsar-functions-api';

interface Coordinates {
  groupId: string;
  artifactId: string;
}

export interface PulsarIoDescriptor {
  name?: string;
  sourceClass?: string;
  sinkClass?: string;
}

/** One pom.xml as read, before the parent chain is known. */
interface RawPom {
  dir: string;
  file: string;
  groupId?: string;
  artifactId: string;
  version?: string;
  packaging: string;
  modules: string[];
  parent?: Coordinates & { version?: string; relativePath: string };
  properties: Record<string, string>;
  dependencies: Coordinates[];
  plugins: string[];
}

/** One Maven module with its parents resolved. */
export interface MavenModule {
  /** Folder relative to the repository root. */
  dir: string;
  /** pom.xml relative to the repository root. */
  file: string;
  groupId: string;
  artifactId: string;
  packaging: string;
  /** Child module folders (relative to the root). */
  modules: string[];
  /** pom.xml files of the parents inside the repository, nearest first. */
  parentPoms: string[];
  /** Folders of the modules in the repository that this one depends on (direct). */
  dependsOn: string[];
  /** Top folder of the reactor that lists this module (itself when nothing lists it). */
  reactor: string;
  nar: boolean;
  shaded: boolean;
  usesFunctionsApi: boolean;
  pulsarIo?: PulsarIoDescriptor;
}

function asArray(value: unknown): unknown[] {
  if (value === undefined || value === null || value === '') return [];
  return Array.isArray(value) ? value : [value];
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

function child(node: unknown, key: string): unknown {
  return isRecord(node) ? node[key] : undefined;
}

function listOf(node: unknown, outer: string, inner: string): unknown[] {
  return asArray(child(child(node, outer), inner));
}

function parsePom(xml: string, dir: string, file: string): RawPom {
  // Values stay strings (a version 1.10 must not become 1.1); attributes are never needed.
  const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, trimValues: true });
  let doc: unknown;
  try {
    doc = parser.parse(xml, true);
  } catch (err) {
    throw new InputError(
      `${file}: not valid XML (${errorMessage(err).split('\n')[0]}); fix the POM or exclude its folder in slipway.yaml.`,
      { file },
    );
  }
  const project = child(doc, 'project');
  const artifactId = text(child(project, 'artifactId'));
  if (!isRecord(project) || !artifactId) {
    throw new InputError(
      `${file}: no <project> with an <artifactId>; fix the POM or exclude its folder in slipway.yaml.`,
      { file },
    );
  }
  const parentNode = child(project, 'parent');
  const parentArtifact = text(child(parentNode, 'artifactId'));
  const relativePathNode = child(parentNode, 'relativePath');
  const properties: Record<string, string> = {};
  const props = child(project, 'properties');
  if (isRecord(props)) {
    for (const [key, value] of Object.entries(props)) {
      const v = text(value);
      if (v !== undefined) properties[key] = v;
    }
  }
  const modules = [
    ...listOf(project, 'modules', 'module'),
    ...asArray(child(child(project, 'profiles'), 'profile')).flatMap((p) =>
      listOf(p, 'modules', 'module'),
    ),
  ]
    .map(text)
    .filter((m): m is string => m !== undefined)
    // A module may name its pom file instead of its folder.
    .map((m) => joinRelative(dir, m.replace(/\/?[^/]*\.xml$/, '') || '.'));
  const dependencies = listOf(project, 'dependencies', 'dependency').flatMap((d) => {
    const groupId = text(child(d, 'groupId'));
    const depArtifact = text(child(d, 'artifactId'));
    return groupId && depArtifact ? [{ groupId, artifactId: depArtifact }] : [];
  });
  const plugins = listOf(child(project, 'build'), 'plugins', 'plugin')
    .map((p) => text(child(p, 'artifactId')))
    .filter((p): p is string => p !== undefined);
  return {
    dir,
    file,
    groupId: text(child(project, 'groupId')),
    artifactId,
    version: text(child(project, 'version')),
    packaging: text(child(project, 'packaging')) ?? 'jar',
    modules: [...new Set(modules)],
    parent:
      parentArtifact !== undefined
        ? {
            groupId: text(child(parentNode, 'groupId')) ?? '',
            artifactId: parentArtifact,
            version: text(child(parentNode, 'version')),
            // Maven's default; an empty <relativePath/> means "not in this repository".
            relativePath:
              relativePathNode === undefined ? '../pom.xml' : (text(relativePathNode) ?? ''),
          }
        : undefined,
    properties,
    dependencies,
    plugins,
  };
}

async function readPulsarIo(root: string, dir: string): Promise<PulsarIoDescriptor | undefined> {
  const file = joinRelative(dir, PULSAR_IO_YAML);
  const content = await fileText(root, file);
  if (content === undefined) return undefined;
  const yaml = await YamlFile.parse(content, file);
  return {
    name: yaml.string('name'),
    sourceClass: yaml.string('sourceClass'),
    sinkClass: yaml.string('sinkClass'),
  };
}

/** `${project.groupId}` and `${some.property}` from the POM and its parents; others stay as written. */
function resolver(chain: RawPom[]): (value: string) => string {
  const props: Record<string, string> = {};
  for (const pom of [...chain].reverse()) Object.assign(props, pom.properties);
  const self = chain[0];
  const groupId = self.groupId ?? self.parent?.groupId ?? '';
  const version = self.version ?? self.parent?.version ?? '';
  Object.assign(props, {
    'project.groupId': groupId,
    'pom.groupId': groupId,
    groupId,
    'project.artifactId': self.artifactId,
    'project.version': version,
    'pom.version': version,
    version,
    'project.parent.groupId': self.parent?.groupId ?? '',
    'project.parent.version': self.parent?.version ?? '',
  });
  return (value) => value.replace(/\$\{([^}]+)\}/g, (whole, key: string) => props[key] ?? whole);
}

/**
 * Reads every pom.xml found by the walk (paths relative to `root`) into modules with parents,
 * reactors and inter-module dependencies resolved.
 */
export async function readMavenModules(root: string, pomFiles: string[]): Promise<MavenModule[]> {
  const raws = new Map<string, RawPom>();
  for (const file of pomFiles) {
    const xml = await fileText(root, file);
    if (xml === undefined) continue;
    const dir = posix.dirname(file);
    raws.set(dir, parsePom(xml, dir, file));
  }

  const byCoordinates = new Map<string, RawPom>();
  const parentOf = (pom: RawPom): RawPom | undefined => {
    const p = pom.parent;
    if (!p) return undefined;
    if (p.relativePath) {
      const path = joinRelative(pom.dir, p.relativePath);
      const candidate = raws.get(path.endsWith('.xml') ? posix.dirname(path) : path);
      if (candidate && candidate.artifactId === p.artifactId) return candidate;
    }
    return byCoordinates.get(`${p.groupId}:${p.artifactId}`);
  };
  // Coordinates first (a parent's groupId may itself come from its parent).
  for (const pom of raws.values()) {
    const groupId = pom.groupId ?? pom.parent?.groupId;
    if (groupId) byCoordinates.set(`${groupId}:${pom.artifactId}`, pom);
  }
  const chainOf = (pom: RawPom): RawPom[] => {
    const chain = [pom];
    for (let next = parentOf(pom); next && !chain.includes(next); next = parentOf(next)) {
      chain.push(next);
    }
    return chain;
  };

  const listedBy = new Map<string, string>();
  for (const pom of raws.values()) for (const m of pom.modules) listedBy.set(m, pom.dir);
  const reactorOf = (dir: string): string => {
    const seen = new Set<string>();
    let top = dir;
    for (let up = listedBy.get(top); up !== undefined && !seen.has(up); up = listedBy.get(top)) {
      seen.add(top);
      top = up;
    }
    return top;
  };

  const modules: MavenModule[] = [];
  const dirOf = new Map<string, string>();
  const pending: Array<{ module: MavenModule; deps: string[] }> = [];
  for (const pom of raws.values()) {
    const chain = chainOf(pom);
    const resolve = resolver(chain);
    const groupId = resolve(pom.groupId ?? pom.parent?.groupId ?? '');
    const artifactId = resolve(pom.artifactId);
    // Dependencies and build plugins are inherited from parents (pluginManagement is not).
    const deps = chain.flatMap((p) =>
      p.dependencies.map((d) => `${resolve(d.groupId)}:${resolve(d.artifactId)}`),
    );
    const plugins = new Set(chain.flatMap((p) => p.plugins));
    const packaging = resolve(pom.packaging);
    const module: MavenModule = {
      dir: pom.dir,
      file: pom.file,
      groupId,
      artifactId,
      packaging,
      modules: pom.modules.filter((m) => raws.has(m)),
      parentPoms: chain.slice(1).map((p) => p.file),
      dependsOn: [],
      reactor: reactorOf(pom.dir),
      nar: packaging === 'nar' || plugins.has(NAR_PLUGIN),
      shaded: plugins.has(SHADE_PLUGIN),
      usesFunctionsApi: deps.includes(FUNCTIONS_API),
      pulsarIo: packaging === 'pom' ? undefined : await readPulsarIo(root, pom.dir),
    };
    dirOf.set(`${groupId}:${artifactId}`, pom.dir);
    modules.push(module);
    pending.push({ module, deps });
  }
  for (const { module, deps } of pending) {
    const dirs = deps.map((d) => dirOf.get(d)).filter((d): d is string => d !== undefined);
    module.dependsOn = [...new Set(dirs)].filter((d) => d !== module.dir).sort();
  }
  return modules.sort((a, b) => a.dir.localeCompare(b.dir));
}
