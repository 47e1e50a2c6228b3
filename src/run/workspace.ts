import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The scratch folder of one run and its layout: the rendered Dockerfile and the files later jobs
 * read (the Function Mesh resource) stay as outputs; the build context (hard links to the plan's
 * files) and the staging folder go when the run ends.
 */
export class Workspace {
  private constructor(readonly root: string) {}

  /** A new folder under the CI runner's temp folder (cleaned by the runner), else the OS's. */
  static create(env: NodeJS.ProcessEnv): Workspace {
    return new Workspace(mkdtempSync(join(env.RUNNER_TEMP || tmpdir(), 'slipway-')));
  }

  get dockerfile(): string {
    return join(this.root, 'Dockerfile');
  }

  /** The build context the native and docker builders read. */
  get context(): string {
    return join(this.root, 'context');
  }

  /** Where plans unpack what they need (an Airbyte Java distribution). */
  get staging(): string {
    const dir = join(this.root, 'staging');
    mkdirSync(dir, { recursive: true });
    return dir;
  }

  /** An output file of the run, kept after it. */
  output(name: string): string {
    return join(this.root, name);
  }

  /**
   * Removes what only the run needed; the outputs stay. `keepContext` (SLIPWAY_KEEP_CONTEXT=true)
   * leaves the context beside the Dockerfile so that it can be built by hand.
   */
  dispose(keepContext: boolean): void {
    rmSync(join(this.root, 'staging'), { recursive: true, force: true });
    if (!keepContext) rmSync(this.context, { recursive: true, force: true });
  }
}
