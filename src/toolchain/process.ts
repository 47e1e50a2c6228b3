import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { RunError } from '../core/errors';
import type { Logger } from '../core/log';

/**
 * The one way Slipway runs another program (Maven, Gradle, docker/podman, git): without a shell,
 * output streamed into the log line by line, the tail kept for the error message.
 *
 * Not @actions/exec: the CLI and the GitLab job run outside the Actions runner too, and its
 * listeners would still need the same line splitting, tail and timeout around them.
 */

export const TAIL_LINES = 20;

export interface ProcessRun {
  command: string;
  args: string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  logger: Logger;
  /** Where output lines go: info (build logs), debug, or only into the capture. */
  log: 'info' | 'debug';
  /** Written to stdin, which is closed after it; none: stdin is not connected. */
  input?: string;
  /** Killed (SIGKILL) after this long. */
  timeoutMs?: number;
}

export interface ProcessResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string[];
  /** The last TAIL_LINES lines of stdout and stderr together. */
  tail: string[];
}

/** Runs a program to its end; rejects only when it cannot start (ENOENT: not installed). */
export function runProcess(run: ProcessRun): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(run.command, run.args, {
      cwd: run.cwd,
      env: run.env ?? process.env,
      stdio: [run.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      shell: false,
    });
    const stdout: string[] = [];
    const tail: string[] = [];
    const keep = (line: string): void => {
      if (run.log === 'info') run.logger.info(line);
      else run.logger.debug(line);
      tail.push(line);
      if (tail.length > TAIL_LINES) tail.shift();
    };
    const closed = [
      new Promise<void>((done) =>
        createInterface({ input: child.stdout as NodeJS.ReadableStream, crlfDelay: Infinity })
          .on('line', (line) => {
            stdout.push(line);
            keep(line);
          })
          .on('close', done),
      ),
      new Promise<void>((done) =>
        createInterface({ input: child.stderr as NodeJS.ReadableStream, crlfDelay: Infinity })
          .on('line', keep)
          .on('close', done),
      ),
    ];
    const timer =
      run.timeoutMs === undefined
        ? undefined
        : setTimeout(() => child.kill('SIGKILL'), run.timeoutMs);
    child.on('error', (err) => {
      if (timer) clearTimeout(timer);
      reject(err);
    });
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      void Promise.all(closed).then(() => resolve({ code, signal, stdout, tail }));
    });
    if (run.input !== undefined) child.stdin?.end(run.input);
  });
}

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

/** Runs a build tool with its output in the log; a failure is a BuildError with the last lines. */
export async function runTool(run: ToolRun): Promise<void> {
  let result: ProcessResult;
  try {
    result = await runProcess({ ...run, log: 'info' });
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'ENOENT') {
      throw new BuildError(`${run.command} was not found on PATH; ${run.missingHint}.`, null, []);
    }
    throw new BuildError(`${run.title} could not start in ${run.cwd}: ${e.message}.`, null, []);
  }
  const { code, signal, tail } = result;
  if (code === 0) return;
  const how =
    code === null ? `was killed by ${signal ?? 'a signal'}` : `failed with exit code ${code}`;
  const last = tail.length ? `; last lines:\n${tail.join('\n')}` : '';
  throw new BuildError(`${run.title} ${how} in ${run.cwd}${last}`, code, [...tail]);
}
