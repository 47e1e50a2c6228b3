import { lstat, mkdtemp } from 'node:fs/promises';
import { basename, join, posix, relative } from 'node:path';
import { InputError } from '../../core/errors';
import type { ImagePlan, PlanDirectory, PlanFile, PlanSymlink } from '../plan';
import type { InspectedArtifact } from '../types';
import { baseImage, directoryPaths, targetDirectory } from '../common';
import type { PlanInputs, PlanOptions } from '../common';
import { PYTHON_MAIN_FILE, exists } from '../inspect/airbyte';
import { pythonDependencies } from '../python';
import { readProjectPackage } from '../../toolchain/python';
import { extractTar } from '../inspect/tar';
import { walkFolder } from '../folder';

/**
 * Airbyte connectors, laid out as Airbyte's own builds lay them out (airbyte-ci and
 * docker-images/Dockerfile.*-connector): declarative manifests in
 * /airbyte/integration_code/source_declarative_manifest/, Java distributions unpacked into
 * /airbyte with ENTRYPOINT /airbyte/base.sh, Python code in /airbyte/integration_code.
 * Everything is owned by the `airbyte` user (1000:1000) that every Airbyte base image creates.
 */

export const DEFAULT_BASES = {
  manifest: 'docker.io/airbyte/source-declarative-manifest:latest',
  java: 'docker.io/airbyte/java-connector-base:2.0.1',
  python: 'docker.io/airbyte/python-connector-base:4.0.0',
} as const;

export const AIRBYTE_OWNER = { uid: 1000, gid: 1000 } as const;
export const INTEGRATION_CODE = '/airbyte/integration_code';
export const AIRBYTE_HOME = '/airbyte';
const DIR_MODE = 0o755;
/** airbyte-ci's hook module (pre_connector_install / post_connector_install). */
const BUILD_CUSTOMIZATION = 'build_customization.py';

/**
 * Folders a Python project keeps out of the image (caches, virtualenvs, build outputs); secrets
 * files are left out by walkFolder whatever the kind.
 */
const PYTHON_EXCLUDES = new Set([
  '.git',
  '.slipway', // the GitLab component's outputs and workspace (gitlab/templates/slipway.yml)
  '.venv',
  'venv',
  '__pycache__',
  '.pytest_cache',
  '.mypy_cache',
  '.ruff_cache',
  'node_modules',
  'secrets',
  'build',
  'dist',
  '.idea',
  '.vscode',
]);

function airbyteLabels(info: InspectedArtifact): Record<string, string> {
  return {
    'io.airbyte.name': info.defaultImage ?? '',
    'io.airbyte.version': info.defaultTag ?? '',
  };
}

/** Airbyte runs `$AIRBYTE_ENTRYPOINT`; it must be the ENTRYPOINT, joined by spaces. */
function entrypointEnv(entrypoint: string[]): Record<string, string> {
  return { AIRBYTE_ENTRYPOINT: entrypoint.join(' ') };
}

const KIND_NAMES = { manifest: 'declarative manifest', java: 'Java', python: 'Python' } as const;

/** metadata.yaml's connectorBuildOptions.baseImage, else the default of the connector's kind. */
function airbyteBase(
  inputs: PlanInputs,
  info: InspectedArtifact,
  kind: keyof typeof DEFAULT_BASES,
): { base: string; baseSource: string } {
  return info.baseImage
    ? baseImage(inputs, info.baseImage, 'connectorBuildOptions.baseImage in metadata.yaml')
    : baseImage(
        inputs,
        DEFAULT_BASES[kind],
        `the default base of ${info.connectorType ?? 'Airbyte'} ${KIND_NAMES[kind]} connectors`,
      );
}

function dirs(paths: string[]): PlanDirectory[] {
  return [...new Set(paths)].sort().map((path) => ({ path, mode: DIR_MODE, ...AIRBYTE_OWNER }));
}

export async function planAirbyte(
  inputs: PlanInputs,
  info: InspectedArtifact,
  opts: PlanOptions,
): Promise<ImagePlan> {
  const project = info.airbyte;
  if (!project) throw new InputError(`${info.label} is not an Airbyte connector folder.`);
  switch (info.format) {
    case 'airbyte-manifest':
      return planManifest(inputs, info);
    case 'airbyte-java':
      return planJava(inputs, info, opts);
    case 'airbyte-python':
      return planPython(inputs, info, opts);
    default:
      throw new InputError(
        `${info.label} is a ${info.format} artifact; an Airbyte connector is a folder with metadata.yaml.`,
      );
  }
}

function planManifest(inputs: PlanInputs, info: InspectedArtifact): ImagePlan {
  const project = info.airbyte!;
  const code = targetDirectory(inputs, INTEGRATION_CODE);
  const packageDir = posix.join(code, 'source_declarative_manifest');
  const files: PlanFile[] = [
    {
      path: posix.join(packageDir, 'manifest.yaml'),
      source: project.manifestFile!,
      mode: 0o644,
      ...AIRBYTE_OWNER,
    },
  ];
  if (project.componentsFile) {
    files.push({
      path: posix.join(packageDir, 'components.py'),
      source: project.componentsFile,
      mode: 0o644,
      ...AIRBYTE_OWNER,
    });
  }
  const entrypoint = ['python', posix.join(code, 'main.py')];
  return {
    ...airbyteBase(inputs, info, 'manifest'),
    files,
    directories: dirs(directoryPaths(packageDir, AIRBYTE_HOME)),
    env: entrypointEnv(entrypoint),
    labels: airbyteLabels(info),
    workdir: code,
    entrypoint,
    run: [],
  };
}

/**
 * The native builder has no RUN to `tar xf --strip-components=1` inside the image, so the
 * distribution is unpacked into the staging folder here and each file becomes a plan file.
 */
async function planJava(
  inputs: PlanInputs,
  info: InspectedArtifact,
  opts: PlanOptions,
): Promise<ImagePlan> {
  const project = info.airbyte!;
  const home = targetDirectory(inputs, AIRBYTE_HOME);
  const staging = await mkdtemp(join(opts.stagingDir, 'airbyte-dist-'));
  const tar = project.distributionTar!;
  const entries = await extractTar(tar, relative(info.path, tar), staging, 1);
  const files: PlanFile[] = [];
  const directories: string[] = directoryPaths(home, home);
  for (const entry of entries) {
    const path = posix.join(home, entry.name);
    if (entry.type === 'directory') {
      directories.push(path);
      continue;
    }
    for (const d of directoryPaths(posix.dirname(path), home)) directories.push(d);
    files.push({
      path,
      source: join(staging, entry.name),
      mode: entry.mode & 0o111 ? 0o755 : 0o644,
      ...AIRBYTE_OWNER,
    });
  }
  const entrypoint = [posix.join(home, 'base.sh')];
  // airbyte/java-connector-base ships these scripts and Airbyte's Dockerfile.java-connector
  // (airbytehq/airbyte docker-images/, at 027fa46) runs `chmod +x` and `chown airbyte:airbyte` on
  // both: base.sh is the entrypoint and runs javabase.sh. A base that has them without the bit
  // gets them made executable in the connector's layer.
  const baseExecutables = ['base.sh', 'javabase.sh'].map((name) => ({
    path: posix.join(AIRBYTE_HOME, name),
    mode: 0o755,
    ...AIRBYTE_OWNER,
  }));
  return {
    ...airbyteBase(inputs, info, 'java'),
    files: files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
    directories: dirs(directories),
    // base.sh runs /airbyte/bin/$APPLICATION.
    env: { APPLICATION: project.application!, ...entrypointEnv(entrypoint) },
    labels: airbyteLabels(info),
    workdir: home,
    entrypoint,
    baseExecutables,
    run: [],
  };
}

/** What a Python plan collects: files, directories and links owned by the airbyte user. */
interface PythonTree {
  files: PlanFile[];
  directories: string[];
  symlinks: PlanSymlink[];
}

/** A folder copied to `target` with the folder rules (secrets, .dockerignore, links that stay inside). */
async function copyFolder(
  folder: string,
  target: string,
  label: string,
  tree: PythonTree,
  opts: PlanOptions,
): Promise<void> {
  const entries = await walkFolder(folder, {
    excludeNames: PYTHON_EXCLUDES,
    excludeSuffixes: ['.pyc'],
    logger: opts.logger,
    label,
  });
  for (const entry of entries) {
    const path = posix.join(target, entry.rel);
    if (entry.kind === 'dir') tree.directories.push(path);
    else if (entry.kind === 'link')
      tree.symlinks.push({ path, target: entry.target!, ...AIRBYTE_OWNER });
    else
      tree.files.push({
        path,
        source: entry.source,
        mode: entry.mode & 0o100 ? 0o755 : 0o644,
        ...AIRBYTE_OWNER,
      });
  }
}

/**
 * A Python connector as airbyte-ci builds it (airbyte-ci/connectors/pipelines, build_image
 * steps python_connectors.py): main.py and the connector's package under
 * /airbyte/integration_code, the locked dependencies installed into the base's Python (here
 * natively, per platform: ImagePlan.python). The package goes in as code beside main.py, which
 * imports it from its own folder; its console scripts are not installed (Airbyte runs main.py).
 *
 * airbyte-ci's `build_customization.py` hooks run inside a container, and `builder: docker` asks
 * for one: both keep the container build (the whole folder, `RUN pip install`).
 */
async function planPython(
  inputs: PlanInputs,
  info: InspectedArtifact,
  opts: PlanOptions,
): Promise<ImagePlan> {
  const project = info.airbyte!;
  const hooks = join(project.folder, BUILD_CUSTOMIZATION);
  if (await exists(hooks)) {
    opts.logger?.info(
      `${info.label === '.' ? '' : `${info.label}/`}${BUILD_CUSTOMIZATION} holds airbyte-ci's pre/post-install hooks, which only a container build can run: building with the docker builder (docker-command)`,
    );
    return planPythonWithPip(inputs, info, opts);
  }
  if (inputs.builder === 'docker') return planPythonWithPip(inputs, info, opts);

  const code = targetDirectory(inputs, INTEGRATION_CODE);
  const files: PlanFile[] = [];
  const symlinks: PlanSymlink[] = [];
  const directories: string[] = directoryPaths(code, AIRBYTE_HOME);
  const addFile = async (rel: string): Promise<void> => {
    const st = await lstat(join(project.folder, rel));
    files.push({
      path: posix.join(code, rel),
      source: join(project.folder, rel),
      mode: st.mode & 0o100 ? 0o755 : 0o644,
      ...AIRBYTE_OWNER,
    });
  };
  await addFile(PYTHON_MAIN_FILE);
  const hasPyproject = await exists(join(project.folder, 'pyproject.toml'));
  const packages = hasPyproject ? readProjectPackage(project.folder).packages : [];
  if (!hasPyproject) {
    // No pyproject.toml (a requirements.txt project): the package named after the folder, as
    // airbyte-ci takes it (the connector's technical name in snake case).
    const guess = basename(project.folder).replace(/-/g, '_');
    if (await exists(join(project.folder, guess))) packages.push(guess);
  }
  for (const pkg of packages) {
    const source = join(project.folder, ...pkg.split('/'));
    const st = await lstat(source).catch(() => undefined);
    if (!st) {
      throw new InputError(
        `${info.label}/pyproject.toml names the package ${pkg}, which is not in the folder; fix packages in pyproject.toml or add the package.`,
      );
    }
    // src/<pkg> lands beside main.py as <pkg>, where main.py's imports find it.
    const target = posix.join(code, posix.basename(pkg));
    if (st.isFile()) {
      files.push({ path: target, source, mode: 0o644, ...AIRBYTE_OWNER });
      continue;
    }
    directories.push(target);
    await copyFolder(
      source,
      target,
      `${info.label}/${pkg}`,
      { files, directories, symlinks },
      opts,
    );
  }
  const python = await pythonDependencies(project.folder, {
    workingDirectory: opts.workingDirectory ?? process.cwd(),
    env: opts.env ?? process.env,
    requireLock: inputs['require-lock'],
    outputDir: opts.outputDir,
    logger: opts.logger,
  });
  const entrypoint = ['python', posix.join(code, PYTHON_MAIN_FILE)];
  return {
    ...airbyteBase(inputs, info, 'python'),
    files: files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
    directories: dirs(directories),
    env: entrypointEnv(entrypoint),
    labels: airbyteLabels(info),
    workdir: code,
    entrypoint,
    run: [],
    python,
    ...(symlinks.length > 0 ? { symlinks } : {}),
  };
}

/** The container build: the folder as it is, its dependencies installed by pip inside the image. */
async function planPythonWithPip(
  inputs: PlanInputs,
  info: InspectedArtifact,
  opts: PlanOptions,
): Promise<ImagePlan> {
  const project = info.airbyte!;
  const code = targetDirectory(inputs, INTEGRATION_CODE);
  const files: PlanFile[] = [];
  const symlinks: PlanSymlink[] = [];
  const directories: string[] = directoryPaths(code, AIRBYTE_HOME);
  await copyFolder(project.folder, code, info.label, { files, directories, symlinks }, opts);

  const run: string[] = [];
  if (
    (await exists(join(project.folder, 'pyproject.toml'))) ||
    (await exists(join(project.folder, 'setup.py')))
  ) {
    run.push('pip install --no-cache-dir .');
  } else if (await exists(join(project.folder, 'requirements.txt'))) {
    run.push('pip install --no-cache-dir -r requirements.txt');
  }
  const entrypoint = ['python', posix.join(code, PYTHON_MAIN_FILE)];
  return {
    ...airbyteBase(inputs, info, 'python'),
    files,
    directories: dirs(directories),
    ...(symlinks.length > 0 ? { symlinks } : {}),
    env: entrypointEnv(entrypoint),
    labels: airbyteLabels(info),
    workdir: code,
    entrypoint,
    run,
  };
}
