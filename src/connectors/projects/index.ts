/** Many projects in one repository: discovery, slipway.yaml and change selection. */
export { discoverProjects } from './discover';
export type { DiscoverOptions } from './discover';
export { CONFIG_FILE, CONFIG_FILES, readRepositoryConfig } from './config';
export type { RepositoryConfig } from './config';
export {
  ROOT_BUILD_FILES,
  changedFiles,
  describeReason,
  selectAll,
  selectChanged,
  selectForFiles,
} from './changed';
export { discoveryJson, mavenReactorBuilds, projectInputs, projectJson } from './output';
export type { DiscoveryJson, MavenReactorBuild, ProjectJson } from './output';
export type {
  MavenCoordinates,
  Project,
  ProjectSource,
  Selection,
  SelectionKind,
  SelectionReason,
} from './types';
