import { enableCompileCache } from './core/cache';

// Before anything else is loaded: the compile cache covers only the modules compiled after it.
enableCompileCache();

let settled = false;
// A run whose promise never settles (nothing left to wait for) must not end as a success.
process.on('beforeExit', () => {
  if (settled) return;
  process.stderr.write(
    'slipway: error: the run stopped before it finished; this is a bug, please report it\n',
  );
  process.exit(1);
});
void import('./fronts/cli/main')
  .then(({ main }) => main(process.argv.slice(2)))
  .then((code) => {
    settled = true;
    process.exitCode = code;
  });
