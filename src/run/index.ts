import type { Inputs } from '../core/inputs';
import type { Result } from '../core/result';
import { runBuild } from './build';
import type { ConnectContext } from './connect';
import { runRebase } from './rebase';

export type { ConnectContext } from './connect';

/** Runs the mode the inputs ask for: build (default) or rebase. */
export function runMode(inputs: Inputs, ctx: ConnectContext): Promise<Result> {
  return inputs.mode === 'rebase' ? runRebase(inputs, ctx) : runBuild(inputs, ctx);
}
