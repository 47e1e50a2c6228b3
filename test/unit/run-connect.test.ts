/**
 * The connection pool of `build --all`: runs that push to the same registry with the same login and
 * transport settings share one connection; any difference in those gets its own.
 */
import { readInputs } from '../../src/core/inputs';
import type { InputName } from '../../src/core/inputs';
import type { Logger } from '../../src/core/log';
import { ConnectionPool, connect } from '../../src/run/connect';
import type { ConnectContext } from '../../src/run/connect';

const logger: Logger = {
  info: () => undefined,
  warn: () => undefined,
  debug: () => undefined,
  progress: () => undefined,
};
const ctx: ConnectContext = { env: {}, logger, ciOidcToken: () => Promise.resolve(undefined) };

function inputs(raw: Partial<Record<InputName, string>>) {
  return readInputs((name) => raw[name]);
}

const target = (registry: string, repository: string) => ({ registry, repository });

it('shares one connection per registry and login, and keeps differing ones apart', async () => {
  const pool = new ConnectionPool(ctx);
  const pooled = { ...ctx, pool };
  const a = connect(
    inputs({ image: 'reg.test/a', username: 'u' }),
    pooled,
    target('reg.test', 'a'),
  );
  // Another project, another repository and other project inputs: the same connection.
  const b = connect(
    inputs({ image: 'reg.test/b', username: 'u', 'working-directory': 'b', tags: '2' }),
    pooled,
    target('reg.test', 'b'),
  );
  expect(b.transport).toBe(a.transport);
  // Another login, registry, transport setting or cloud identity: a connection of its own.
  const others = [
    connect(inputs({ username: 'v' }), pooled, target('reg.test', 'c')),
    connect(inputs({ username: 'u' }), pooled, target('other.test', 'a')),
    connect(inputs({ username: 'u', 'max-retries': '1' }), pooled, target('reg.test', 'a')),
    connect(
      inputs({ username: 'u', 'insecure-registry': 'true' }),
      pooled,
      target('reg.test', 'a'),
    ),
    connect(inputs({ username: 'u', 'aws-region': 'eu-west-1' }), pooled, target('reg.test', 'a')),
  ];
  const transports = new Set([a.transport, ...others.map((c) => c.transport)]);
  expect(transports.size).toBe(1 + others.length);
  expect(pool.size).toBe(1 + others.length);

  // A run's close leaves the shared connection to the pool; the pool closes it.
  const closed: string[] = [];
  const close = a.transport.close.bind(a.transport);
  a.transport.close = () => {
    closed.push('a');
    return close();
  };
  await a.close();
  await b.close();
  expect(closed).toEqual([]);
  await pool.close();
  expect(closed).toEqual(['a']);
  expect(pool.size).toBe(0);

  // Without a pool a run owns its connection.
  const own = connect(inputs({ username: 'u' }), ctx, target('reg.test', 'a'));
  expect(own.transport).not.toBe(a.transport);
  await own.close();
});
