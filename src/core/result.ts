/** The outputs of a run, keyed by the action.yml output names. */
export interface Outputs {
  image: string;
  digest: string;
  'image-ref': string;
  tags: string[];
  platforms: string[];
  'base-digest': string;
  dockerfile: string;
  pushed: boolean;
  manifest?: string;
  'definition-id'?: string;
  'sbom-digest'?: string;
  /** Path of the image's CycloneDX SBOM file. */
  sbom?: string;
  /** Every signed bundle's referrer, repo@digest (or oci:DIR@digest). */
  attestations?: string[];
  /** Every repo@digest (or oci:DIR@digest) that holds the image. */
  references?: string[];
  'tag-decisions'?: string[];
}

/** What a run did, for summaries and benchmarks; not part of the output contract. */
/** What a run sent and found present: the image engine's PushStats (image/remote/write.ts). */
export type TransferCounts = Record<
  'bytesUploaded' | 'bytesSkipped' | 'blobsUploaded' | 'blobsMounted' | 'blobsExisting',
  number
>;

export interface RunStats extends TransferCounts {
  /** Milliseconds per pipeline phase, in the order they ran. */
  phases: Record<string, number>;
}

export interface Result {
  outputs: Outputs;
  stats: RunStats;
  /** Rendered Dockerfile text (also written to outputs.dockerfile). */
  dockerfileText: string;
  /** The base image as the plan named it (name:tag), for summaries; its digest is outputs['base-digest']. */
  base?: string;
}

/** The outputs of `mode: discover` (run/fanout.ts gitHubMatrixOutputs), in place of a build's. */
export const DISCOVER_OUTPUTS = [
  'matrix',
  'matrix-2',
  'matrix-3',
  'matrix-4',
  'matrices',
  'count',
  'projects',
] as const;
export type DiscoverOutput = (typeof DISCOVER_OUTPUTS)[number];

export const OUTPUT_DESCRIPTIONS: Record<keyof Outputs | 'metadata' | DiscoverOutput, string> = {
  image: 'First pushed reference, repo:tag.',
  digest: 'Digest of the pushed manifest or index.',
  'image-ref': 'The image pinned by digest, repo@sha256:….',
  tags: 'Pushed tags, comma-separated.',
  platforms: 'Platforms in the image, comma-separated.',
  'base-digest': 'Digest the base image was pinned to.',
  dockerfile: 'Path of the rendered Dockerfile.',
  metadata: 'JSON with every output.',
  pushed: 'true when anything was pushed; false when the registry already had the image.',
  manifest: 'Path of the Function Mesh resource, when written.',
  'definition-id': 'Airbyte custom connector definition id, when registered.',
  'sbom-digest': 'Digest of the pushed SBOM artifact.',
  sbom: 'Path of the CycloneDX SBOM file of the image (base image, artifact and what it bundles).',
  attestations: 'Signed Sigstore bundles attached to the image, repo@digest, comma-separated.',
  references: 'Every repository that holds the image, repo@digest, comma-separated.',
  matrix:
    'mode: discover — the selected projects as a job matrix for strategy.matrix: ${{ fromJSON(...) }}; empty when none was selected.',
  'matrix-2':
    'mode: discover — the second matrix, past 256 projects (the limit of one GitHub matrix).',
  'matrix-3': 'mode: discover — the third matrix.',
  'matrix-4': 'mode: discover — the fourth matrix.',
  matrices: 'mode: discover — how many matrices hold projects.',
  count: 'mode: discover — how many projects were selected.',
  projects:
    'mode: discover — JSON {"projects": [...]} with every selected project, its inputs and why it was selected.',
  'tag-decisions':
    'What happened to each tag, repo:tag=created|updated|unchanged|skipped, comma-separated (a refused release tag fails the run).',
};
