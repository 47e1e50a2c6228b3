import type { Logger } from '../core/log';
import type { BuiltArtifact } from '../image/image';
import { writeLayout } from '../image/layout';
import { NOTHING_SENT } from '.';
import type { Published, Publisher } from '.';

/** Writes the image into an OCI image layout on disk, once per tag; nothing goes to a registry. */
export class LayoutPublisher implements Publisher {
  readonly output;

  constructor(
    private readonly dir: string,
    private readonly tags: string[],
    private readonly logger: Logger,
  ) {
    this.output = { kind: 'oci', dir } as const;
  }

  layerStream(): undefined {
    return undefined;
  }

  async publish(artifact: BuiltArtifact): Promise<Published> {
    const digest = artifact.descriptor.digest;
    for (const tag of this.tags) {
      await writeLayout(this.dir, artifact, tag);
      this.logger.info(`wrote oci:${this.dir}:${tag} (${digest})`);
    }
    return {
      references: this.tags.map((tag) => `oci:${this.dir}:${tag}`),
      pinned: `oci:${this.dir}@${digest}`,
      pushed: false,
      stats: NOTHING_SENT,
    };
  }
}
