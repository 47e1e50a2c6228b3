import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The scratch folder of one run and its layout: the rendered Dockerfile and the files later jobs
 * read (the Function Mesh resource) stay as outputs; the build context (hard links to the plan's
 * files, when there is one) and the staging folder go when the run ends.
 */
export class Workspace {
  private constructor(readonly root: string) {}

  /**
   * A new folder under the CI runner's temp folder (cleaned by the runner; the GitLab component
   * points it at its `.slipway/` artifacts), else under `.slipway/` in the current directory, where
   * the user finds the run's outputs and nothing piles up in the system's temp folder. Only a
   * current directory that cannot be written to falls back to the system's.
   */
  static create(env: NodeJS.ProcessEnv, cwd: string = process.cwd()): Workspace {
    let parent = env.RUNNER_TEMP || join(cwd, '.slipway');
    try {
      mkdirSync(parent, { recursive: true });
    } catch {
      parent = tmpdir();
    }
    return new Workspace(mkdtempSync(join(parent, 'slipway-')));
  }

  get dockerfile(): string {
    return join(this.root, 'Dockerfile');
  }

  /**
   * The build context the docker builder reads, laid out only for it or when kept: the native
   * builder reads the plan's files where they are.
   */
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
