/** readLimited stops reading an answer past its limit instead of buffering it whole. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { readLimited } from '../../src/connectors/airbyte/registration';

it('an endless answer is abandoned just past the limit, the connection closed', async () => {
  let sent = 0;
  let closed!: () => void;
  const connectionClosed = new Promise<void>((resolve) => (closed = resolve));
  const chunk = Buffer.alloc(64 * 1024, 0x61);
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.on('close', closed);
    const pump = (): void => {
      while (!res.destroyed && sent < 512 * 1024 * 1024) {
        sent += chunk.length;
        if (!res.write(chunk)) {
          res.once('drain', pump);
          return;
        }
      }
    };
    pump();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const res = await fetch(`http://127.0.0.1:${port}/`);
    const limit = 1024 * 1024;
    await expect(readLimited(res, limit)).rejects.toThrow(
      `Airbyte answered with more than ${limit} bytes; refusing to read it.`,
    );
    await connectionClosed;
    // The server got to write the limit plus what the socket buffers held, not the 512 MiB.
    expect(sent).toBeLessThan(32 * 1024 * 1024);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

it('an answer within the limit is read whole', async () => {
  const res = new Response('{"data":[]}');
  expect(await readLimited(res, 100)).toBe('{"data":[]}');
  expect(await readLimited(new Response(null), 100)).toBe('');
});
