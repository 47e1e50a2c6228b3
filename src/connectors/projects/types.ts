import type { ArtifactFormat, ConnectorType, InputName } from '../../core/inputs';

/**
 * One connector or function project of a repository with several: what `slipway discover` lists
 * and what `build --all` and the CI fan-out build. Paths are relative to the repository root,
 * with `/` separators, `.` for the root itself.
 */

/** How the project was found; decides how it is built. */
export type ProjectSource = 'maven' | 'gradle' | 'airbyte' | 'python' | 'go' | 'declared';

export interface MavenCoordinates {
  groupId: string;
  artifactId: string;
  /** Folder of the reactor's top pom.xml (the one run with `mvn -pl … -am`). */
  reactor: string;
  /** The module's folder relative to `reactor` (what `-pl` takes). */
  module: string;
}

export interface Project {
  /** Unique within the repository: artifactId, folder name, or the path when those clash. */
  name: string;
  workingDirectory: string;
  connectorType: ConnectorType | 'auto';
  /** What discovery expects the build to produce; `auto` lets the run inspect the file. */
  artifactFormat: ArtifactFormat | 'auto';
  /** Target repository (no tag). */
  image: string;
  source: ProjectSource;
  /**
   * Folders of the Maven modules and Gradle subprojects this project is built from, transitively
   * (a library module it uses, and the modules that library uses).
   */
  dependsOn: string[];
  /** Folders declared in slipway.yaml `shared:` as used by this project. */
  sharedFolders: string[];
  /**
   * Build files this project inherits from: its parent POMs inside the repository (nearest
   * first), or the settings and root build files of its Gradle build.
   */
  parentPoms: string[];
  /** Inputs found by discovery (class-name, artifact, build-args) and set in slipway.yaml. */
  inputs: Partial<Record<InputName, string>>;
  maven?: MavenCoordinates;
}

export type SelectionKind = 'own' | 'dependency' | 'parent-pom' | 'shared' | 'root-build' | 'all';

export interface SelectionReason {
  kind: SelectionKind;
  /** The first changed file that caused it (empty for `all`). */
  file: string;
  /** The module or shared folder the file belongs to, for `dependency` and `shared`. */
  via?: string;
}

export interface Selection {
  project: Project;
  reasons: SelectionReason[];
}
