import type { ConnectorType, ArtifactFormat } from '../core/inputs';
import type { Platform } from '../image/types';

/**
 * The heart of the pipeline: what the image must contain, independent of how it is built.
 * It is rendered both as a Dockerfile (connectors/dockerfile.ts) and as a native image
 * (image/mutate.ts + image/layer.ts); the two must agree.
 */
export interface PlanFile {
  /** Absolute path inside the image, e.g. /pulsar/connectors/my-sink.nar */
  path: string;
  /** Absolute path of the bytes on the host. */
  source: string;
  mode: number;
  uid: number;
  gid: number;
}

/**
 * A directory the layer creates or whose owner/mode it sets, whether the base has it or not.
 * Parents not listed are made 0:0 0755 only where the base lacks them; the base's stay as they are.
 */
export interface PlanDirectory {
  path: string;
  mode: number;
  uid: number;
  gid: number;
  /**
   * Made with this owner and mode only where the base lacks it, like an unlisted parent (the
   * base's stays as it is): what `COPY --chown` does to the directories it has to create.
   */
  ifMissing?: boolean;
}

export interface ImagePlan {
  /** Base image reference as the user or the connector kind named it. */
  base: string;
  files: PlanFile[];
  directories: PlanDirectory[];
  /** Environment added to the base's, in order. */
  env: Record<string, string>;
  labels: Record<string, string>;
  user?: string;
  workdir?: string;
  entrypoint?: string[];
  cmd?: string[];
  /** EXPOSE of a user Dockerfile, as written there: "8080", "8080/tcp", "53/udp". */
  exposedPorts?: string[];
  /** Shell commands that need a docker-compatible builder; empty for native builds. */
  run: string[];
  /**
   * Platforms the artifact can run on; undefined means architecture-independent (every platform
   * of the base). A Go binary names exactly one.
   */
  platforms?: Platform[];
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
