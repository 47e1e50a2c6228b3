import { enableCompileCache } from './core/cache';

// Before anything else is loaded: the compile cache covers only the modules compiled after it.
enableCompileCache();

let settled = false;
void import('./fronts/action/main').then(({ run, setFailed }) => {
  // A run whose promise never settles (nothing left to wait for) must not end as a success.
  process.on('beforeExit', () => {
    if (!settled)
      setFailed('slipway: the run stopped before it finished; this is a bug, please report it');
    settled = true;
  });
  return run().then(() => {
    settled = true;
  });
});
