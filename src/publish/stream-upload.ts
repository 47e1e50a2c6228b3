/**
 * A push of a new tag, or of a tag moving to other content, sends the new layer while it is
 * being built: the registry takes the bytes in a chunked PATCH as the tar is made and hashed,
 * and the upload is completed with `PUT ?digest=` once the digest is known. Building (CPU) and
 * uploading (network) then overlap instead of following each other. The other blobs go early
 * too: the base's layers (HEAD or mount) while the layer streams, the configs while the registry
 * completes the layer. The push (remote/write.ts) then skips every blob marked `pushedTo`, and
 * only the manifests remain.
 *
 * Only when the push will surely send the layer (`prepare`, registry.ts): an unchanged re-run or
 * a rebuilt release must send no blob bytes at all, and does not even open a session; then the
 * layer is only made, and the ordinary push checks what the registry already has.
 *
 * Streaming is an optimisation, never a new way to fail: any refusal or broken connection gives
 * up quietly, and the ordinary push sends the blob again from the layer's `open()` with its own
 * retries.
 */
import { PassThrough } from 'node:stream';
import type { Readable } from 'node:stream';
import { errorMessage } from '../core/errors';
import type { Logger } from '../core/log';
import { shortDigest } from '../image/digest';
import { isIndex } from '../image/image';
import type { Blob, BlobPlacement, BuiltImageOrIndex, Layer } from '../image/image';
import type { Reference } from '../image/reference';
import { pushScope } from '../image/transport/auth';
import { header } from '../image/transport/client';
import type { RegistryClient, RegistryResponse, Transport } from '../image/transport/client';
import { RegistryError } from '../image/transport/errors';
import type { Operation } from '../image/transport/errors';
import {
  blobPresent,
  cancelUpload,
  pushBlob,
  pushScopes,
  putBlob,
  startUpload,
  uploadLocation,
} from '../image/remote/write';
import type { BlobContext, LayerStream } from '../image/remote/write';

export interface LayerUploadOptions {
  transport: Transport;
  /** Repository pushed to. */
  target: Reference;
  /** Decides whether to stream, before a session is opened: a rejection means "do not". */
  prepare?: () => Promise<void>;
  logger?: Logger;
}

/** How long cancelling an unused upload session may take; nothing waits for its answer. */
const CANCEL_TIMEOUT_MS = 5_000;

/** Bytes the body may hold while the registry is slower than the build (or not ready yet). */
const BUFFER = 8 * 1024 * 1024;

type State = 'deciding' | 'sending' | 'abandoned';

/**
 * A BlobTee for buildLayer. Writes are accepted at once (buffered up to BUFFER) while the tags
 * are checked and the upload session is opened, so the build does not wait for the network.
 */
export class LayerUpload implements LayerStream {
  private state: State = 'deciding';
  private readonly body = new PassThrough({ highWaterMark: BUFFER });
  private readonly client: RegistryClient;
  private readonly scopes: string[];
  /** Resolves true when no tag exists, i.e. the push will happen (so blobs may go early). */
  private readonly pushing: Promise<boolean>;
  private patch: Promise<RegistryResponse> | undefined;
  private written = 0;
  private why = '';
  private stopped = false;
  /** Blobs pushed early, by digest; each promise never rejects. */
  private readonly early = new Map<string, Promise<BlobPlacement['outcome'] | undefined>>();

  constructor(private readonly opts: LayerUploadOptions) {
    this.client = opts.transport.client(opts.target.registry);
    this.scopes = [pushScope(opts.target.repository)];
    // The body is the request's, or nobody's: an error on it only means "stop sending".
    this.body.on('error', () => undefined);
    this.pushing = this.decide().catch((err: unknown) => {
      this.abandon(errorMessage(err));
      return false;
    });
  }

  async write(chunk: Buffer): Promise<void> {
    if (this.state === 'abandoned') return;
    this.written += chunk.length;
    if (this.body.write(chunk)) return;
    // Destroyed by the request that failed, before abandon() ran: its 'close' has been emitted
    // (or is about to be) and would never wake the wait below, leaving the build hanging with
    // nothing left to run, and the process exiting 0 without a word.
    if (this.body.destroyed) return;
    await new Promise<void>((resolve) => {
      const done = (): void => {
        this.body.off('drain', done);
        this.body.off('close', done);
        resolve();
      };
      this.body.on('drain', done);
      this.body.on('close', done);
    });
  }

  /**
   * Makes these blobs present in the target now, once it is known that the push will happen
   * (HEAD, mount, or copy as the push would). Failures are left to the push.
   */
  pushEarly(blobs: readonly Blob[]): void {
    const fresh = blobs.filter((b) => !this.early.has(b.descriptor.digest));
    if (fresh.length === 0) return;
    const ctx: BlobContext = {
      transport: this.opts.transport,
      target: this.opts.target,
      scopes: pushScopes(this.opts.target, fresh),
      logger: this.opts.logger,
    };
    for (const blob of fresh) {
      const outcome = this.pushing.then(async (pushing) => {
        if (!pushing || this.stopped) return undefined;
        try {
          return await pushBlob(ctx, blob);
        } catch (err) {
          this.opts.logger?.debug(
            `early push of ${shortDigest(blob.descriptor.digest)} failed: ${errorMessage(err)}`,
          );
          return undefined;
        }
      });
      this.early.set(blob.descriptor.digest, outcome);
    }
  }

  /**
   * Completes the upload as the built layer's blob, while the image's configs go up, then
   * marks every blob of the image that is now in the target (`pushedTo`), so that the push
   * skips it. What did not work out is left unmarked for the push to send. Never rejects.
   */
  async finish(layer: Layer, built: BuiltImageOrIndex): Promise<void> {
    const images = isIndex(built) ? built.images : [built];
    this.pushEarly(images.map((i) => i.config));
    const streamed = await this.complete(layer);
    const placed = new Map<string, BlobPlacement['outcome']>();
    for (const [digest, outcome] of this.early) {
      const done = await outcome;
      if (done) placed.set(digest, done);
    }
    if (streamed) placed.set(layer.descriptor.digest, 'uploaded');
    const { registry, repository } = this.opts.target;
    for (const image of images) {
      for (const blob of [image.config, ...image.layers]) {
        const outcome = placed.get(blob.descriptor.digest);
        if (outcome) blob.pushedTo = { registry, repository, outcome };
      }
    }
  }

  /** Stops sending (a failed build); the registry drops the unfinished session. */
  abort(): void {
    this.stopped = true;
    this.abandon('the build stopped');
  }

  private async decide(): Promise<boolean> {
    await this.opts.prepare?.();
    if (this.gaveUp()) return false;
    const session = this.openSession();
    session.catch(() => undefined);
    const location = await session;
    if (this.gaveUp()) {
      await this.cancel(session);
      return false;
    }
    this.state = 'sending';
    let opened = false;
    this.patch = this.client.request({
      method: 'PATCH',
      url: location,
      scopes: this.scopes,
      op: this.op('uploading'),
      // No Content-Length: the size is not known yet, so the body goes chunked.
      headers: { 'content-type': 'application/octet-stream' },
      body: (): Promise<Readable> => {
        // A streamed body cannot be sent twice (e.g. again after a 401): give up instead.
        if (opened) return Promise.reject(new RegistryError('the streamed layer was already sent'));
        opened = true;
        return Promise.resolve(this.body);
      },
      // Amazon ECR answers 201: the bytes are taken all the same, and PUT ?digest= checks them.
      expect: [202, 201, 204],
      retry: false,
    });
    this.patch.catch((err: unknown) => this.abandon(errorMessage(err)));
    return true;
  }

  /** The session's URL; opened without waiting for the push's retries around a whole upload. */
  private openSession(): Promise<string> {
    return startUpload(this.client, this.context(), (what) => this.op(what), { retry: true });
  }

  /** Best effort: a registry also drops an abandoned session by itself, in time. */
  private async cancel(session: Promise<string>): Promise<void> {
    const location = await session.catch(() => undefined);
    if (location !== undefined) {
      await cancelUpload(this.client, this.context(), location, CANCEL_TIMEOUT_MS);
    }
  }

  /** Ends the stream and commits it under the layer's digest; true when the registry has it. */
  private async complete(layer: Layer): Promise<boolean> {
    await this.pushing;
    const d = layer.descriptor;
    const { target } = this.opts;
    if (this.state !== 'sending' || !this.patch) {
      this.abandon(this.why || 'not started');
      return false;
    }
    if (this.written !== d.size) {
      this.abandon(`${this.written} bytes streamed for a ${d.size}-byte blob`);
      return false;
    }
    this.body.end();
    let sent = false;
    try {
      const res = await this.patch;
      await res.body.dump();
      sent = true;
      checkRange(header(res.headers, 'range'), d.size, this.opts.logger);
      const next = uploadLocation(res.url, header(res.headers, 'location') ?? res.url, target);
      await putBlob(this.client, this.context(), layer, next, (w) => this.op(w), 'upload', false);
    } catch (err) {
      // The registry took every byte but the answer to the commit was lost: it may hold the
      // blob already, and then sending it again would only cost time and bandwidth.
      const held =
        sent && (await blobPresent(this.client, this.context(), d, (w) => this.op(w))) === true;
      if (!held) {
        this.abandon(errorMessage(err));
        return false;
      }
      this.opts.logger?.debug(
        `the layer's commit was not confirmed, but ${target.name()} holds it`,
      );
    }
    this.opts.logger?.progress({
      id: shortDigest(d.digest),
      action: 'upload',
      bytes: d.size,
      total: d.size,
    });
    return true;
  }

  /** write.ts's view of this push: the layer's session uses the layer's push token. */
  private context(): BlobContext {
    const { transport, target, logger } = this.opts;
    return { transport, target, scopes: this.scopes, logger };
  }

  /** A method, not a field test: the state changes while decide() awaits. */
  private gaveUp(): boolean {
    return this.state === 'abandoned';
  }

  private abandon(why: string): void {
    if (this.state === 'abandoned') return;
    this.state = 'abandoned';
    this.why = why;
    this.body.destroy();
    this.opts.logger?.debug(`layer not streamed to ${this.opts.target.name()}: ${why}`);
  }

  private op(what: string): Operation {
    return { access: 'push', repository: this.opts.target.name(), what: `${what} the layer` };
  }
}

/**
 * A registry that reports the received range should have all of it: "0-<size-1>". Some do not
 * report it faithfully (Amazon ECR's Range lags behind), so a short range is only noted: the PUT
 * ?digest= that follows is the proof, and a registry missing bytes refuses it.
 */
function checkRange(range: string | undefined, size: number, logger?: Logger): void {
  if (range === undefined) return;
  const m = /^(?:bytes=)?0-(\d+)$/.exec(range.trim());
  if (size === 0 || !m) return;
  if (Number(m[1]) !== size - 1) {
    logger?.debug(`the registry reports bytes ${range} of ${size}; its PUT ?digest= will tell`);
  }
}
