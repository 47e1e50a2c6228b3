import { ARTIFACT_FORMATS, CONNECTOR_TYPES } from '../core/inputs';
import type { ArtifactFormat, ConnectorType } from '../core/inputs';
import type { ArtifactInfo } from './plan';
import type { Platform } from '../image/types';

/**
 * What inspection learned, beyond the shared ArtifactInfo: the facts the image plans of each
 * connector kind need. It is an ArtifactInfo, so the pipeline can pass it on as one.
 */
export interface InspectedArtifact extends ArtifactInfo {
  /** How messages name the artifact: its path relative to the working directory. */
  label: string;
  description?: string;
  /** A Go binary runs on exactly this platform (from its ELF header). */
  platform?: Platform;
  /** Base image the artifact asks for (Airbyte metadata.yaml connectorBuildOptions.baseImage). */
  baseImage?: string;
  /** NAR facts: manifest attributes (Nar-Id, Nar-Version, ...) and the bundled jars. */
  nar?: { manifest: Record<string, string>; bundledJars: string[] };
  airbyte?: AirbyteProject;
  /**
   * What the artifact is and bundles, collected while inspection had it open, so that the SBOM
   * is written from these facts without reading the artifact again. Absent for a plain file.
   */
  bom?: ArtifactComponents;
}

/** One entry of the artifact's bill of materials, in CycloneDX's terms (attest/ serialises it). */
export interface SbomComponent {
  type: 'application' | 'library' | 'container' | 'file';
  'bom-ref': string;
  group?: string;
  name: string;
  version?: string;
  description?: string;
  purl?: string;
  hashes?: { alg: 'SHA-256'; content: string }[];
  licenses?: { license: { name: string } }[];
  properties?: { name: string; value: string }[];
}

/** The artifact itself (`main`) and what it bundles. */
export interface ArtifactComponents {
  main: SbomComponent;
  components: SbomComponent[];
}

export interface AirbyteProject {
  /** The connector folder (holds metadata.yaml). */
  folder: string;
  metadataFile?: string;
  /** data.documentationUrl of metadata.yaml, for the custom connector definition. */
  documentationUrl?: string;
  /** Declarative connectors. */
  manifestFile?: string;
  componentsFile?: string;
  /** Java connectors: the Gradle distribution tar and the start script's name in its bin/. */
  distributionTar?: string;
  application?: string;
}

/** The `connector-type` input narrowed to its choices (readInputs has validated it already). */
export function connectorTypeInput(value: string): ConnectorType | 'auto' {
  return (CONNECTOR_TYPES as readonly string[]).includes(value) ? (value as ConnectorType) : 'auto';
}

/** The `artifact-format` input narrowed to its choices. */
export function artifactFormatInput(value: string): ArtifactFormat | 'auto' {
  return (ARTIFACT_FORMATS as readonly string[]).includes(value)
    ? (value as ArtifactFormat)
    : 'auto';
}
