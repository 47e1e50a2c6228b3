import { secrets } from './secrets';

/** Progress of one blob transfer; fronts render it as a bar on a TTY or as plain lines. */
export interface ProgressEvent {
  /** short id, e.g. the first 12 hex of the digest */
  id: string;
  /** what happens to the blob */
  action: 'upload' | 'copy' | 'mount' | 'exists' | 'done';
  bytes: number;
  total: number;
}

/**
 * The core logs only through this interface and never imports @actions/core.
 * Implementations must pass every message through `secrets.redact`.
 */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  debug(message: string): void;
  progress(event: ProgressEvent): void;
  /**
   * Opens a collapsible part of the log for one phase (GitHub `::group::`, a GitLab section) and
   * returns what closes it; loggers without such parts return a no-op.
   */
  section?(title: string): () => void;
}

/** A logger that writes plain lines to a stream; used by the CLI in non-TTY mode and by tests. */
export class LineLogger implements Logger {
  constructor(
    private readonly write: (line: string) => void,
    private readonly verbose = false,
  ) {}

  info(message: string): void {
    this.write(secrets.redact(message));
  }

  warn(message: string): void {
    this.write(secrets.redact(`warning: ${message}`));
  }

  debug(message: string): void {
    if (this.verbose) this.write(secrets.redact(`debug: ${message}`));
  }

  progress(event: ProgressEvent): void {
    if (event.action === 'upload' || event.action === 'copy') {
      if (event.bytes !== event.total) return; // plain mode prints completed transfers only
    }
    this.write(`${event.id}: ${event.action} ${formatBytes(event.total)}`);
  }

  section(_title: string): () => void {
    return () => undefined;
  }
}

/** Collects lines in memory: tests use it to assert on what was logged. */
export class MemoryLogger extends LineLogger {
  readonly lines: string[];

  constructor(verbose = true) {
    const lines: string[] = [];
    super((line) => lines.push(line), verbose);
    this.lines = lines;
  }
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let value = n;
  let unit = -1;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}
