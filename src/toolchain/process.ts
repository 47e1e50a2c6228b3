import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { RunError } from '../core/errors';
import type { Logger } from '../core/log';

/** Runs a tool without a shell, streams its output into the log line by line, keeps the tail. */

export const TAIL_LINES = 20;

/** A build tool failed: the run fails (exit 1); `toolExitCode` is what the tool returned. */
export class BuildError extends RunError {
  constructor(
    message: string,
    readonly toolExitCode: number | null,
    readonly tail: string[],
  ) {
    super(message);
  }
}

export interface ToolRun {
  command: string;
  args: string[];
  cwd: string;
  logger: Logger;
  env?: NodeJS.ProcessEnv;
  /** How errors name the tool, e.g. "mvn -B package". */
  title: string;
  /** What to suggest when the command is not installed. */
  missingHint: string;
}

export function runTool(run: ToolRun): Promise<void> {
  return new Promise((resolve, reject) => {
    const tail: string[] = [];
    const child = spawn(run.command, run.args, {
      cwd: run.cwd,
      env: run.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      shell: false,
    });
    const onLine = (line: string): void => {
      run.logger.info(line);
      tail.push(line);
      if (tail.length > TAIL_LINES) tail.shift();
    };
    const streams = [child.stdout, child.stderr].map((stream) => {
      const rl = createInterface({ input: stream, crlfDelay: Infinity });
      rl.on('line', onLine);
      return new Promise<void>((done) => rl.on('close', done));
    });
    child.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') {
        reject(
          new BuildError(`${run.command} was not found on PATH; ${run.missingHint}.`, null, []),
        );
      } else {
        reject(
          new BuildError(`${run.title} could not start in ${run.cwd}: ${err.message}.`, null, []),
        );
      }
    });
    child.on('close', (code, signal) => {
      void Promise.all(streams).then(() => {
        if (code === 0) return resolve();
        const how =
          code === null ? `was killed by ${signal ?? 'a signal'}` : `failed with exit code ${code}`;
        const last = tail.length ? `; last lines:\n${tail.join('\n')}` : '';
        reject(new BuildError(`${run.title} ${how} in ${run.cwd}${last}`, code, [...tail]));
      });
    });
  });
}
