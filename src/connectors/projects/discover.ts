import { posix } from 'node:path';
import { basename, resolve } from 'node:path';
import { InputError } from '../../core/errors';
import type { ArtifactFormat, ConnectorType, InputName } from '../../core/inputs';
import { loadGlob } from '../../core/lazy';
import { YamlFile } from '../inspect/yaml';
import { CONFIG_FILE, readRepositoryConfig } from './config';
import type { ProjectInputs, RepositoryConfig } from './config';
import { isSettingsFile, readGradleSubprojects } from './gradle';
import { PULSAR_IO_YAML, readMavenModules } from './maven';
import type { MavenModule, PulsarIoDescriptor } from './maven';
import type { Project, ProjectSource } from './types';
import { fileText, isUnder, joinRelative, walkRepository } from './walk';
import type { WalkedFolder } from './walk';

/**
 * Lists the connector and function projects of a repository (`slipway discover`). Finds, in this
 * order of precedence for one folder: slipway.yaml entries, Airbyte connector folders
 * (metadata.yaml), Maven modules, Gradle subprojects, Python and Go Pulsar Functions.
 */

export interface DiscoverOptions {
  /** Overrides slipway.yaml `image-prefix` (a CLI flag, the CI's own registry). */
  imagePrefix?: string;
}

/** A project before names and images are settled. */
interface Candidate {
  baseName: string;
  /** Suffix kept when the name falls back to the path (a NAR with both a source and a sink). */
  suffix: string;
  workingDirectory: string;
  connectorType: ConnectorType | 'auto';
  artifactFormat: ArtifactFormat | 'auto';
  source: ProjectSource;
  /** Direct dependencies (module folders); made transitive at the end. */
  dependsOn: string[];
  parentPoms: string[];
  inputs: ProjectInputs;
  /** Airbyte: metadata.yaml dockerRepository. */
  dockerRepository?: string;
  maven?: Project['maven'];
}

const PRECEDENCE: ProjectSource[] = ['declared', 'airbyte', 'maven', 'gradle', 'python', 'go'];

const PYTHON_FUNCTION_CLASS = /^class\s+(\w+)\s*\(\s*(?:pulsar\.)?Function\s*\)/m;
const PULSAR_IMPORT = /^\s*(?:from\s+pulsar\s+import\b|import\s+pulsar\b)/m;
const GO_FUNCTION_MODULE = 'github.com/apache/pulsar/pulsar-function-go';

function pulsarTypes(pulsarIo: PulsarIoDescriptor | undefined): Array<{
  type: ConnectorType;
  className?: string;
  suffix: string;
}> {
  const types: Array<{ type: ConnectorType; className?: string; suffix: string }> = [];
  const both = Boolean(pulsarIo?.sourceClass && pulsarIo.sinkClass);
  if (pulsarIo?.sourceClass) {
    types.push({
      type: 'pulsar-source',
      className: pulsarIo.sourceClass,
      suffix: both ? '-source' : '',
    });
  }
  if (pulsarIo?.sinkClass) {
    types.push({ type: 'pulsar-sink', className: pulsarIo.sinkClass, suffix: both ? '-sink' : '' });
  }
  return types;
}

function mavenCandidates(module: MavenModule): Candidate[] {
  if (module.packaging === 'pom') return [];
  const format: ArtifactFormat | 'auto' = module.nar ? 'nar' : module.shaded ? 'uber-jar' : 'jar';
  const relativeToReactor = posix.relative(module.reactor, module.dir) || '.';
  const base = {
    baseName: module.artifactId,
    workingDirectory: module.dir,
    source: 'maven' as const,
    dependsOn: module.dependsOn,
    parentPoms: module.parentPoms,
    maven: {
      groupId: module.groupId,
      artifactId: module.artifactId,
      reactor: module.reactor,
      module: relativeToReactor,
    },
  };
  const inputs: ProjectInputs = {};
  // Built alone, a module cannot see the reactor's other modules: the action's per-project run
  // builds it from the reactor with the modules it needs (`build --all` runs the reactor itself).
  if (module.dependsOn.length > 0 && module.reactor !== module.dir) {
    const reactorPom = posix.join(posix.relative(module.dir, module.reactor) || '.', 'pom.xml');
    inputs['build-args'] = ['-f', reactorPom, '-pl', `:${module.artifactId}`, '-am'].join(',');
  }
  const types = pulsarTypes(module.pulsarIo);
  if (types.length > 0) {
    return types.map((t) => ({
      ...base,
      suffix: t.suffix,
      connectorType: t.type,
      artifactFormat: format === 'jar' ? 'auto' : format,
      // An uber JAR has no pulsar-io.yaml to read the class from at run time.
      inputs:
        format === 'uber-jar' && t.className
          ? { ...inputs, 'class-name': t.className }
          : { ...inputs },
    }));
  }
  if (module.usesFunctionsApi) {
    return [
      { ...base, suffix: '', connectorType: 'pulsar-function', artifactFormat: format, inputs },
    ];
  }
  // A NAR without pulsar-io.yaml: let the run inspect what the build produced.
  if (module.nar)
    return [{ ...base, suffix: '', connectorType: 'auto', artifactFormat: 'nar', inputs }];
  return [];
}

async function airbyteCandidate(
  root: string,
  folder: WalkedFolder,
): Promise<Candidate | undefined> {
  const file = joinRelative(folder.dir, 'metadata.yaml');
  const content = await fileText(root, file);
  if (content === undefined) return undefined;
  const metadata = await YamlFile.parse(content, file);
  const dockerRepository = metadata.string('data.dockerRepository');
  // Other tools use metadata.yaml too: only Airbyte's names an image.
  if (!dockerRepository) return undefined;
  const kind = metadata.string('data.connectorType');
  const has = (name: string): boolean => folder.files.has(name);
  return {
    baseName: folder.dir === '.' ? basename(resolve(root)) : posix.basename(folder.dir),
    suffix: '',
    workingDirectory: folder.dir,
    connectorType:
      kind === 'source'
        ? 'airbyte-source'
        : kind === 'destination'
          ? 'airbyte-destination'
          : 'auto',
    artifactFormat: has('manifest.yaml')
      ? 'airbyte-manifest'
      : has('build.gradle') || has('build.gradle.kts')
        ? 'airbyte-java'
        : has('pyproject.toml') || has('main.py')
          ? 'airbyte-python'
          : 'auto',
    source: 'airbyte',
    dependsOn: [],
    parentPoms: [],
    inputs: {},
    dockerRepository,
  };
}

async function pythonCandidate(root: string, folder: WalkedFolder): Promise<Candidate | undefined> {
  const functions: Array<{ file: string; className: string }> = [];
  for (const name of [...folder.files].filter((f) => f.endsWith('.py')).sort()) {
    const content = (await fileText(root, joinRelative(folder.dir, name))) ?? '';
    const match = PYTHON_FUNCTION_CLASS.exec(content);
    if (match && PULSAR_IMPORT.test(content)) functions.push({ file: name, className: match[1] });
  }
  if (functions.length === 0) return undefined;
  const inputs: ProjectInputs = {};
  // One function file and no packaging: the file itself is the artifact. A package (pyproject,
  // setup.py) builds a wheel or zip, which the user names in slipway.yaml.
  const packaged = folder.files.has('pyproject.toml') || folder.files.has('setup.py');
  if (functions.length === 1 && !packaged) {
    inputs.artifact = functions[0].file;
    inputs['class-name'] = `${functions[0].file.replace(/\.py$/, '')}.${functions[0].className}`;
  }
  return {
    baseName: posix.basename(folder.dir),
    suffix: '',
    workingDirectory: folder.dir,
    connectorType: 'pulsar-function',
    artifactFormat: 'python',
    source: 'python',
    dependsOn: [],
    parentPoms: [],
    inputs,
  };
}

async function goCandidate(root: string, folder: WalkedFolder): Promise<Candidate | undefined> {
  const goMod = (await fileText(root, joinRelative(folder.dir, 'go.mod'))) ?? '';
  if (!goMod.includes(GO_FUNCTION_MODULE)) return undefined;
  return {
    baseName: posix.basename(folder.dir),
    suffix: '',
    workingDirectory: folder.dir,
    connectorType: 'pulsar-function',
    artifactFormat: 'go',
    source: 'go',
    dependsOn: [],
    parentPoms: [],
    inputs: {},
  };
}

/** Every folder's project(s), one source per folder (PRECEDENCE decides). */
async function findCandidates(
  root: string,
  folders: WalkedFolder[],
): Promise<{ candidates: Candidate[]; moduleDeps: Map<string, string[]> }> {
  const found: Candidate[] = [];
  const airbyteDirs: string[] = [];
  for (const folder of folders) {
    if (!folder.files.has('metadata.yaml')) continue;
    const candidate = await airbyteCandidate(root, folder);
    if (candidate) {
      found.push(candidate);
      airbyteDirs.push(folder.dir);
    }
  }
  const inAirbyte = (dir: string): boolean => airbyteDirs.some((a) => isUnder(a, dir));

  const moduleDeps = new Map<string, string[]>();
  const poms = folders
    .filter((f) => f.files.has('pom.xml'))
    .map((f) => joinRelative(f.dir, 'pom.xml'));
  for (const module of await readMavenModules(root, poms)) {
    moduleDeps.set(module.dir, module.dependsOn);
    if (!inAirbyte(module.dir)) found.push(...mavenCandidates(module));
  }

  const settings = folders.flatMap((f) =>
    [...f.files].filter(isSettingsFile).map((name) => joinRelative(f.dir, name)),
  );
  for (const sub of await readGradleSubprojects(root, settings)) {
    if (!moduleDeps.has(sub.dir)) moduleDeps.set(sub.dir, sub.dependsOn);
    if (inAirbyte(sub.dir)) continue;
    const pulsarIoText = await fileText(root, joinRelative(sub.dir, PULSAR_IO_YAML));
    let pulsarIo: PulsarIoDescriptor | undefined;
    if (pulsarIoText !== undefined) {
      const yaml = await YamlFile.parse(pulsarIoText, joinRelative(sub.dir, PULSAR_IO_YAML));
      pulsarIo = { sourceClass: yaml.string('sourceClass'), sinkClass: yaml.string('sinkClass') };
    }
    const shadow = /com\.(github\.johnrengelman|gradleup)\.shadow/.test(sub.buildScript);
    const format: ArtifactFormat | 'auto' = shadow ? 'uber-jar' : 'auto';
    const base = {
      baseName: posix.basename(sub.dir),
      workingDirectory: sub.dir,
      source: 'gradle' as const,
      dependsOn: sub.dependsOn,
      parentPoms: sub.buildFiles,
      artifactFormat: format,
    };
    const types = pulsarTypes(pulsarIo);
    for (const t of types) {
      found.push({
        ...base,
        suffix: t.suffix,
        connectorType: t.type,
        inputs: shadow && t.className ? { 'class-name': t.className } : {},
      });
    }
    if (types.length === 0 && sub.buildScript.includes('pulsar-functions-api')) {
      found.push({ ...base, suffix: '', connectorType: 'pulsar-function', inputs: {} });
    }
  }

  for (const folder of folders) {
    if (inAirbyte(folder.dir)) continue;
    if ([...folder.files].some((f) => f.endsWith('.py'))) {
      const candidate = await pythonCandidate(root, folder);
      if (candidate) found.push(candidate);
    }
    if (folder.files.has('go.mod')) {
      const candidate = await goCandidate(root, folder);
      if (candidate) found.push(candidate);
    }
  }

  // One source per folder: an Airbyte Java connector is also a Gradle subproject, a Maven module
  // may hold Python tests; the first in PRECEDENCE wins.
  const best = new Map<string, ProjectSource>();
  for (const c of found) {
    const current = best.get(c.workingDirectory);
    if (!current || PRECEDENCE.indexOf(c.source) < PRECEDENCE.indexOf(current)) {
      best.set(c.workingDirectory, c.source);
    }
  }
  return { candidates: found.filter((c) => best.get(c.workingDirectory) === c.source), moduleDeps };
}

/** Folders matched by the exclude globs (folders only, like project paths). */
async function excludedFolders(root: string, patterns: string[]): Promise<Set<string>> {
  if (patterns.length === 0) return new Set();
  const { glob } = await loadGlob();
  const matched = await glob(patterns, {
    cwd: root,
    onlyDirectories: true,
    expandDirectories: false,
    ignore: ['**/node_modules/**', '**/.git/**'],
  });
  return new Set(matched.map((m) => joinRelative('.', m)));
}

function applyConfig(
  candidates: Candidate[],
  config: RepositoryConfig,
  excluded: Set<string>,
): Candidate[] {
  const kept = candidates.filter((c) => !excluded.has(c.workingDirectory));
  for (const entry of config.projects) {
    const matching = kept.filter((c) => c.workingDirectory === entry.path);
    if (matching.length === 0) {
      // An entry for a folder discovery did not recognise (or excluded) declares a project.
      const found = candidates.filter((c) => c.workingDirectory === entry.path);
      const template = found[0];
      kept.push({
        baseName: entry.name ?? template?.baseName ?? posix.basename(entry.path),
        suffix: '',
        workingDirectory: entry.path,
        connectorType: template?.connectorType ?? 'auto',
        artifactFormat: template?.artifactFormat ?? 'auto',
        source: template?.source ?? 'declared',
        dependsOn: template?.dependsOn ?? [],
        parentPoms: template?.parentPoms ?? [],
        inputs: { ...template?.inputs, ...entry.inputs },
        dockerRepository: template?.dockerRepository,
        maven: template?.maven,
      });
      continue;
    }
    for (const c of matching) {
      if (entry.name) c.baseName = matching.length === 1 ? entry.name : `${entry.name}${c.suffix}`;
      c.inputs = { ...c.inputs, ...entry.inputs };
    }
  }
  for (const c of kept) c.inputs = { ...config.inputs, ...c.inputs };
  return kept;
}

/** Every folder reachable from `start` through the dependency map, without `start`. */
function closure(start: string[], deps: Map<string, string[]>): string[] {
  const seen = new Set<string>();
  const queue = [...start];
  while (queue.length > 0) {
    const next = queue.shift() as string;
    if (seen.has(next)) continue;
    seen.add(next);
    queue.push(...(deps.get(next) ?? []));
  }
  return [...seen].sort();
}

/** Discovery's own inputs become the project's fields; what is left stays in `inputs`. */
const FIELD_INPUTS: readonly InputName[] = ['connector-type', 'artifact-format', 'image'];

/**
 * Lists the projects of the repository at `root`, sorted by folder, with unique names and images.
 * Bad slipway.yaml entries and clashing images are InputErrors naming the entry and the fix.
 */
export async function discoverProjects(
  root: string,
  options: DiscoverOptions = {},
): Promise<Project[]> {
  const config = await readRepositoryConfig(root);
  const folders = await walkRepository(root);
  const { candidates, moduleDeps } = await findCandidates(root, folders);
  const kept = applyConfig(candidates, config, await excludedFolders(root, config.exclude));

  const nameCount = new Map<string, number>();
  for (const c of kept)
    nameCount.set(c.baseName + c.suffix, (nameCount.get(c.baseName + c.suffix) ?? 0) + 1);
  const prefix = options.imagePrefix?.replace(/\/+$/, '') || config.imagePrefix;

  const projects: Project[] = kept.map((c) => {
    const plain = c.baseName + c.suffix;
    // Two folders with the same name: the path tells them apart.
    const name =
      (nameCount.get(plain) ?? 0) > 1
        ? `${c.workingDirectory.replace(/\//g, '-')}${c.suffix}`
        : plain;
    const inputs = { ...c.inputs };
    const fromInputs = Object.fromEntries(FIELD_INPUTS.map((k) => [k, inputs[k]]));
    for (const k of FIELD_INPUTS) delete inputs[k];
    const defaultImage = c.dockerRepository
      ? prefix
        ? `${prefix}/${posix.basename(c.dockerRepository)}`
        : c.dockerRepository
      : prefix
        ? `${prefix}/${name}`
        : name;
    return {
      name,
      workingDirectory: c.workingDirectory,
      connectorType:
        (fromInputs['connector-type'] as ConnectorType | 'auto' | undefined) ?? c.connectorType,
      artifactFormat:
        (fromInputs['artifact-format'] as ArtifactFormat | 'auto' | undefined) ?? c.artifactFormat,
      image: fromInputs.image ?? defaultImage,
      source: c.source,
      dependsOn: closure(c.dependsOn, moduleDeps).filter((d) => d !== c.workingDirectory),
      sharedFolders: [],
      parentPoms: c.parentPoms,
      inputs,
      ...(c.maven ? { maven: c.maven } : {}),
    };
  });

  for (const entry of config.shared) {
    for (const [i, user] of entry.usedBy.entries()) {
      const users = projects.filter((p) => p.workingDirectory === user || p.name === user);
      if (users.length === 0) {
        throw config.error(
          `shared.${config.shared.indexOf(entry)}.used-by.${i}`,
          `${entry.label}.used-by names "${user}", which is no project; use a project path or name from slipway discover.`,
        );
      }
      for (const p of users)
        if (!p.sharedFolders.includes(entry.path)) p.sharedFolders.push(entry.path);
    }
  }

  const byImage = new Map<string, Project>();
  for (const p of projects) {
    const other = byImage.get(p.image);
    if (other) {
      throw new InputError(
        `Projects ${other.name} (${other.workingDirectory}) and ${p.name} (${p.workingDirectory}) would both push to image ${p.image}; set inputs.image for one of them under projects: in ${CONFIG_FILE}, or exclude one.`,
        { file: CONFIG_FILE },
      );
    }
    byImage.set(p.image, p);
  }
  return projects.sort(
    (a, b) => a.workingDirectory.localeCompare(b.workingDirectory) || a.name.localeCompare(b.name),
  );
}
