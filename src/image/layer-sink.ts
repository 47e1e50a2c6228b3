/**
 * Where the compressed layer bytes go: hashed (the blob digest) and written to the temp file.
 *
 * Two implementations with identical results. For big layers the work runs in a worker thread:
 * the main thread already spends ~65 ms per 100 MB hashing the tar and ~35 ms on CRC-32 and stored
 * framing, and a second sha256 plus the file write on the same thread made the 100 MB pass take
 * 300–470 ms here; on a second core the two halves overlap. Small layers stay on the main thread,
 * where starting a worker (~20 ms) would cost more than it saves.
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { Worker } from 'node:worker_threads';

export interface BlobSink {
  /** Hands over buffers in order; the caller must not touch them afterwards. */
  write(buffers: Buffer[]): Promise<void>;
  /** All bytes written and the file closed: digest ("sha256:…") and size. */
  finish(): Promise<{ digest: string; size: number }>;
  /** Stops after a failure; the file may be incomplete (the caller deletes it). */
  abort(): Promise<void>;
}

/** Hashes on the calling thread, with one file write in flight while the next chunk is made. */
export async function inlineSink(file: string): Promise<BlobSink> {
  const out = await fs.open(file, 'w');
  const hash = createHash('sha256');
  let size = 0;
  let writing: Promise<unknown> = Promise.resolve();
  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    await out.close();
  };
  return {
    async write(buffers) {
      if (buffers.length === 0) return;
      for (const b of buffers) {
        hash.update(b);
        size += b.length;
      }
      await writing;
      writing = out.writev(buffers);
    },
    async finish() {
      await writing;
      await close();
      return { digest: `sha256:${hash.digest('hex')}`, size };
    },
    async abort() {
      await writing.catch(() => undefined);
      await close();
    },
  };
}

// Plain JavaScript, evaluated by the worker: no module resolution, so it survives bundling.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const hash = createHash('sha256');
const fd = fs.openSync(workerData.file, 'w');
let size = 0;
parentPort.on('message', (message) => {
  try {
    if (message === 'finish') {
      fs.closeSync(fd);
      parentPort.postMessage({ done: true, digest: 'sha256:' + hash.digest('hex'), size });
      return;
    }
    for (const part of message) {
      const b = Buffer.from(part.buffer, part.byteOffset, part.byteLength);
      hash.update(b);
      for (let at = 0; at < b.length; ) at += fs.writeSync(fd, b, at, b.length - at);
      size += b.length;
    }
    parentPort.postMessage({ ack: message.reduce((n, p) => n + p.byteLength, 0) });
  } catch (err) {
    parentPort.postMessage({ error: String(err && err.message || err) });
  }
});
`;

/** Bytes handed to the worker and not yet hashed and written, before write() waits. */
const MAX_IN_FLIGHT = 16 * 1024 * 1024;

type WorkerReply =
  { ack: number } | { done: true; digest: string; size: number } | { error: string };

/** Hashes and writes on a worker thread; big buffers are transferred, not copied. */
export function workerSink(file: string): Promise<BlobSink> {
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file } });
  let inFlight = 0;
  let failure: Error | undefined;
  let stopping = false;
  let waiter: (() => void) | undefined;
  let resolveDone: (r: { digest: string; size: number }) => void = () => undefined;
  let rejectDone: (err: Error) => void = () => undefined;
  const done = new Promise<{ digest: string; size: number }>((resolve, reject) => {
    resolveDone = resolve;
    rejectDone = reject;
  });
  done.catch(() => undefined); // observed through finish() or write()
  const wake = (): void => {
    const w = waiter;
    waiter = undefined;
    w?.();
  };
  const fail = (err: Error): void => {
    failure ??= err;
    rejectDone(failure);
    wake();
  };
  worker.on('message', (reply: WorkerReply) => {
    if ('ack' in reply) {
      inFlight -= reply.ack;
      wake();
    } else if ('done' in reply) {
      resolveDone({ digest: reply.digest, size: reply.size });
    } else {
      fail(new Error(`writing the layer blob ${file} failed: ${reply.error}`));
    }
  });
  worker.on('error', fail);
  worker.on('exit', (code) => {
    if (!stopping) fail(new Error(`the layer writer thread stopped early (exit code ${code})`));
  });
  const waitFor = async (ok: () => boolean): Promise<void> => {
    while (!ok() && !failure) await new Promise<void>((resolve) => (waiter = resolve));
    if (failure) throw failure;
  };
  return Promise.resolve({
    async write(buffers) {
      if (buffers.length === 0) return;
      if (failure) throw failure;
      const transfer: ArrayBuffer[] = [];
      for (const b of buffers) {
        inFlight += b.length;
        // Only buffers that own their whole ArrayBuffer move; pooled or shared ones are copied.
        if (
          b.byteOffset === 0 &&
          b.byteLength === b.buffer.byteLength &&
          b.byteLength >= 64 * 1024
        ) {
          transfer.push(b.buffer as ArrayBuffer);
        }
      }
      worker.postMessage(buffers, transfer);
      await waitFor(() => inFlight <= MAX_IN_FLIGHT);
    },
    async finish() {
      await waitFor(() => inFlight === 0);
      worker.postMessage('finish');
      const result = await done;
      stopping = true;
      await worker.terminate();
      return result;
    },
    async abort() {
      stopping = true;
      await worker.terminate();
    },
  });
}
