import type { LayerDirectory, LayerFile, LayerSymlink } from '../image/layer';
import type { ConnectorType, ArtifactFormat } from '../core/inputs';
import type { Platform } from '../image/types';
import type { PythonLock } from '../toolchain/python';

/**
 * The heart of the pipeline: what the image must contain, independent of how it is built.
 * It is rendered both as a Dockerfile (connectors/dockerfile.ts) and as a native image
 * (image/mutate.ts + image/layer.ts); the two must agree.
 */
/** A file and a directory of the plan are the image engine's layer entries. */
export type {
  LayerDirectory as PlanDirectory,
  LayerFile as PlanFile,
  LayerSymlink as PlanSymlink,
} from '../image/layer';

/** A file of the base to be made executable: its path, and the mode and owner it gets then. */
export type BaseExecutable = Omit<LayerFile, 'source'>;

export interface ImagePlan {
  /** Base image reference as the user or the connector kind named it. */
  base: string;
  /**
   * Where `base` came from, for every error about the base: 'input "base-image"',
   * "connectorBuildOptions.baseImage in metadata.yaml", "FROM at Dockerfile:3", the kind's
   * default. Undefined means the base-image input.
   */
  baseSource?: string;
  files: LayerFile[];
  directories: LayerDirectory[];
  /** Links inside a copied folder, kept as links (their targets stay inside the copied tree). */
  symlinks?: LayerSymlink[];
  /** Environment added to the base's, in order. */
  env: Record<string, string>;
  labels: Record<string, string>;
  user?: string;
  workdir?: string;
  entrypoint?: string[];
  cmd?: string[];
  /** EXPOSE of a user Dockerfile, as written there: "8080", "8080/tcp", "53/udp". */
  exposedPorts?: string[];
  /**
   * Files of the base that must be executable (Airbyte's /airbyte/base.sh, which its Dockerfile
   * has to `chmod +x`): where the base holds one without any execute bit, the layer carries the
   * base's bytes again with this mode and owner. Rendered as `COPY --from=<base>`.
   */
  baseExecutables?: BaseExecutable[];
  /** Shell commands that need a docker-compatible builder; empty for native builds. */
  run: string[];
  /**
   * Platforms the artifact can run on; undefined means architecture-independent (every platform
   * of the base). A Go binary names exactly one.
   */
  platforms?: Platform[];
  /**
   * Python dependencies installed natively from a lock: for each platform of the base, the
   * wheels that fit the base's Python go into a layer of their own, below the plan's files
   * (assemble/python-deps.ts). The Dockerfile copies them from `deps/<os>/<arch>/`.
   */
  python?: PythonDependencies;
}

export interface PythonDependencies {
  lock: PythonLock;
  /** The lock as the user names it (a path relative to the working directory), for messages. */
  label: string;
}

/** What the connector kinds learned about the artifact; feeds tags, labels and after-push steps. */
export interface ArtifactInfo {
  connectorType?: ConnectorType;
  format: ArtifactFormat;
  /** Absolute host path of the artifact (file or folder). */
  path: string;
  name?: string;
  version?: string;
  className?: string;
  /** Suggested repository (Airbyte dockerRepository) and tag (dockerImageTag). */
  defaultImage?: string;
  defaultTag?: string;
  /** Files a validation error may point at (pulsar-io.yaml inside the NAR, metadata.yaml). */
  descriptorFile?: string;
}
