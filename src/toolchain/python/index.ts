/** Python dependencies installed natively (no container runtime): see resolve.ts. */
export { targetPythonFromBase, DEFAULT_GLIBC, DEFAULT_MUSL } from './base-python';
export { basePythonPaths } from './base-paths';
export type { BaseFacts } from './base-python';
export {
  findLock,
  readPythonLock,
  readProjectPackage,
  defaultIndexes,
  parseRequirement,
  PYPI_SIMPLE,
} from './lock';
export type {
  LockedFile,
  LockedPackage,
  ProjectPackage,
  PythonLock,
  ReadLockOptions,
} from './lock';
export { evaluateMarker, normalizeName } from './markers';
export type { MarkerEnvironment } from './markers';
export { PackageIndex } from './package-index';
export type { IndexFile } from './package-index';
export { installWheel } from './install-wheel';
export { lockWithPip, requirementsArePinned } from './pip-lock';
export { resolvePythonDependencies } from './resolve';
export type {
  InstalledPackage,
  PlatformDependencies,
  PythonTarget,
  ResolveOptions,
} from './resolve';
export { machineOf, markerEnvironment, parseWheelName, platformTags, supportedTags } from './tags';
export type { TargetPython, WheelName } from './tags';
