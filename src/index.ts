import * as core from '@actions/core';
import { run } from './fronts/action/main';

let settled = false;
// A run whose promise never settles (nothing left to wait for) must not end as a success.
process.on('beforeExit', () => {
  if (!settled)
    core.setFailed('slipway: the run stopped before it finished; this is a bug, please report it');
  settled = true;
});
void run().then(() => {
  settled = true;
});
