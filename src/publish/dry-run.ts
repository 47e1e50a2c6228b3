import type { Logger } from '../core/log';
import type { BuiltImageOrIndex } from '../image/image';
import { NOTHING_SENT } from '.';
import type { Published, Publisher } from '.';

/** `output: none`: the image is made and its digest reported; nothing is written anywhere. */
export class DryRunPublisher implements Publisher {
  readonly output = { kind: 'none' } as const;

  constructor(private readonly logger: Logger) {}

  layerStream(): undefined {
    return undefined;
  }

  publish(image: BuiltImageOrIndex): Promise<Published> {
    this.logger.info(`dry run: ${image.descriptor.digest} (output: none)`);
    // Nothing is stored, so there is nothing to check or sign before a tag: no hooks run.
    return Promise.resolve({
      references: [],
      pinned: '',
      stored: [],
      pushed: false,
      stats: NOTHING_SENT,
    });
  }
}
