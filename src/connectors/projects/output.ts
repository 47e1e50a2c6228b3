import { posix } from 'node:path';
import type { InputName } from '../../core/inputs';
import { describeReason } from './changed';
import type { Project, Selection, SelectionKind } from './types';

/**
 * What discovery hands on: the inputs to build one project with (the action, the component or
 * `build --all`), the `discover --json` entries, and the Maven reactor invocations.
 */

/** The inputs one project is built with: its place and types, then discovered and slipway.yaml inputs. */
export function projectInputs(project: Project): Partial<Record<InputName, string>> {
  return {
    'working-directory': project.workingDirectory,
    'connector-type': project.connectorType,
    'artifact-format': project.artifactFormat,
    image: project.image,
    ...project.inputs,
  };
}

export interface ProjectJson {
  name: string;
  'working-directory': string;
  'connector-type': string;
  'artifact-format': string;
  image: string;
  source: string;
  'depends-on': string[];
  shared: string[];
  'parent-poms': string[];
  /** Every input to build it with, working-directory included (action input names). */
  inputs: Partial<Record<InputName, string>>;
  maven?: { 'group-id': string; 'artifact-id': string; reactor: string; module: string };
  /** Why it was selected, with --changed-since. */
  reasons?: Array<{ kind: SelectionKind; file: string; via?: string; text: string }>;
}

/** One entry of `slipway discover --json` (`{"projects": [...]}`). */
export function projectJson(project: Project, reasons?: Selection['reasons']): ProjectJson {
  return {
    name: project.name,
    'working-directory': project.workingDirectory,
    'connector-type': project.connectorType,
    'artifact-format': project.artifactFormat,
    image: project.image,
    source: project.source,
    'depends-on': project.dependsOn,
    shared: project.sharedFolders,
    'parent-poms': project.parentPoms,
    inputs: projectInputs(project),
    ...(project.maven
      ? {
          maven: {
            'group-id': project.maven.groupId,
            'artifact-id': project.maven.artifactId,
            reactor: project.maven.reactor,
            module: project.maven.module,
          },
        }
      : {}),
    ...(reasons
      ? {
          reasons: reasons.map((r) => ({
            kind: r.kind,
            file: r.file,
            ...(r.via !== undefined ? { via: r.via } : {}),
            text: describeReason(r),
          })),
        }
      : {}),
  };
}

export interface MavenReactorBuild {
  /** Folder of the reactor's pom.xml, relative to the repository root: the Maven working directory. */
  reactor: string;
  /** Module folders relative to the reactor, sorted: the `-pl` list. */
  modules: string[];
  /** Arguments after `mvn -B package`: `-pl a,b -am` (none when the reactor itself is the project). */
  args: string[];
}

/**
 * One Maven invocation per reactor for the Maven projects among `projects`: `mvn -B package -pl
 * <modules> -am` in the reactor folder builds them and the modules they need, once. Projects with
 * the same module (a NAR with a source and a sink) share it.
 */
export function mavenReactorBuilds(projects: Project[]): MavenReactorBuild[] {
  const byReactor = new Map<string, Set<string>>();
  for (const p of projects) {
    if (!p.maven) continue;
    const set = byReactor.get(p.maven.reactor) ?? new Set<string>();
    set.add(p.maven.module);
    byReactor.set(p.maven.reactor, set);
  }
  return [...byReactor.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([reactor, set]) => {
      const modules = [...set].sort();
      const whole = modules.length === 1 && modules[0] === '.';
      return {
        reactor,
        modules,
        args: whole
          ? []
          : ['-pl', modules.map((m) => (m === '.' ? '.' : posix.normalize(m))).join(','), '-am'],
      };
    });
}

export interface DiscoveryJson {
  projects: ProjectJson[];
  /** The Maven invocations that build every selected Maven project (`build --all`). */
  'maven-builds': MavenReactorBuild[];
}

/**
 * `slipway discover --json`: the selected projects (with their reasons when a change selected
 * them) and the Maven reactor builds they need.
 */
export function discoveryJson(selections: Selection[]): DiscoveryJson {
  return {
    projects: selections.map((s) =>
      projectJson(s.project, s.reasons.every((r) => r.kind === 'all') ? undefined : s.reasons),
    ),
    'maven-builds': mavenReactorBuilds(selections.map((s) => s.project)),
  };
}
