/** Where a user error was found, so fronts can annotate the file (GitHub) or print it (CLI). */
export interface ErrorLocation {
  file: string;
  line?: number;
}

/**
 * An error meant for the user: one sentence saying what is wrong, where, and how to fix it.
 * Fronts print `message` alone (no stack) and exit with `exitCode`.
 */
export class SlipwayError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2,
    readonly location?: ErrorLocation,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Bad input (an input value, a file, an archive entry): exit code 2, nothing is pushed. */
export class InputError extends SlipwayError {
  constructor(message: string, location?: ErrorLocation) {
    super(message, 2, location);
  }
}

/** The run failed (build, registry, network): exit code 1. */
export class RunError extends SlipwayError {
  constructor(message: string, location?: ErrorLocation) {
    super(message, 1, location);
  }
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
