export async function main(_argv: string[]): Promise<number> {
  process.stderr.write('slipway: the CLI is not wired yet\n');
  return Promise.resolve(1);
}
