import type { Logger } from '../core/log';
import type { BuiltImageOrIndex } from '../image/image';
import { writeLayout } from '../image/layout';
import { NOTHING_SENT } from '.';
import type { BeforeTags, Published, Publisher } from '.';

/**
 * Writes the image into an OCI image layout on disk: blobs and manifests first, then what must
 * come before a tag (signatures, written into the layout as untagged referrers), then one
 * index.json entry per tag. Nothing goes to a registry, so `pushed` stays false.
 */
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

  async publish(image: BuiltImageOrIndex, beforeTags?: BeforeTags): Promise<Published> {
    const digest = image.descriptor.digest;
    await writeLayout(this.dir, image);
    await beforeTags?.({ kind: 'oci', dir: this.dir, image });
    for (const tag of this.tags) {
      await writeLayout(this.dir, image, tag);
      this.logger.info(`wrote oci:${this.dir}:${tag} (${digest})`);
    }
    const pinned = `oci:${this.dir}@${digest}`;
    return {
      references: this.tags.map((tag) => `oci:${this.dir}:${tag}`),
      pinned,
      stored: [pinned],
      pushed: false,
      stats: NOTHING_SENT,
    };
  }
}
