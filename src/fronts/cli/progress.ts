import type { Logger, ProgressEvent } from '../../core/log';
import { LineLogger, formatBytes } from '../../core/log';

const BAR_WIDTH = 24;

/**
 * On a terminal, transfers are drawn as one redrawn bar per blob; every other message is a plain
 * line written above the bars. Off a terminal (CI) the plain LineLogger is used instead.
 */
export class TtyLogger extends LineLogger implements Logger {
  private readonly bars = new Map<string, ProgressEvent>();
  private drawn = 0;

  constructor(
    private readonly stream: NodeJS.WriteStream,
    verbose: boolean,
  ) {
    super((line) => this.printAbove(line), verbose);
  }

  override progress(event: ProgressEvent): void {
    if (event.action === 'upload' || event.action === 'copy') {
      if (event.bytes < event.total) {
        this.bars.set(event.id, event);
        this.redraw();
        return;
      }
    }
    this.bars.delete(event.id);
    this.printAbove(`${event.id}: ${event.action} ${formatBytes(event.total)}`);
  }

  private printAbove(line: string): void {
    this.clear();
    this.stream.write(`${line}\n`);
    this.redraw();
  }

  private clear(): void {
    for (let i = 0; i < this.drawn; i++) this.stream.write('\x1b[1A\x1b[2K');
    this.drawn = 0;
  }

  private redraw(): void {
    this.clear();
    for (const bar of this.bars.values()) {
      const done = bar.total > 0 ? bar.bytes / bar.total : 1;
      const filled = Math.round(done * BAR_WIDTH);
      this.stream.write(
        `${bar.id}: ${bar.action} [${'='.repeat(filled)}${' '.repeat(BAR_WIDTH - filled)}] ` +
          `${formatBytes(bar.bytes)}/${formatBytes(bar.total)}\n`,
      );
      this.drawn++;
    }
  }
}

/** A transfer shorter than this prints no progress line, only its completion. */
const QUIET_START_MS = 3_000;
/** At most one line per transfer this often, or at every further tenth of it. */
const LINE_INTERVAL_MS = 10_000;
const LINE_STEP = 0.1;

interface TransferState {
  start: number;
  lastLine: number;
  lastFraction: number;
}

/**
 * Progress for logs without a terminal (CI): a transfer that lasts longer than a few seconds gets a
 * line every 10 s or every 10% with bytes, rate and ETA, so a slow registry can be told from a
 * hang; completed transfers are printed as before. `now` is injectable for tests.
 */
export class TransferLines {
  private readonly transfers = new Map<string, TransferState>();

  constructor(
    private readonly write: (line: string) => void,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Returns true when the event was handled (a running transfer); false leaves it to the caller. */
  update(event: ProgressEvent): boolean {
    if (event.action !== 'upload' && event.action !== 'copy') return false;
    const key = `${event.action} ${event.id}`;
    const now = this.now();
    if (event.bytes >= event.total) {
      this.transfers.delete(key);
      return false;
    }
    let state = this.transfers.get(key);
    if (!state || event.bytes === 0) {
      // A retried transfer starts again from zero.
      state = { start: now, lastLine: now, lastFraction: 0 };
      this.transfers.set(key, state);
      return true;
    }
    const elapsed = now - state.start;
    const fraction = event.total > 0 ? event.bytes / event.total : 1;
    if (elapsed < QUIET_START_MS) return true;
    if (now - state.lastLine < LINE_INTERVAL_MS && fraction - state.lastFraction < LINE_STEP) {
      return true;
    }
    state.lastLine = now;
    state.lastFraction = fraction;
    const rate = event.bytes / (elapsed / 1000);
    const eta = rate > 0 ? (event.total - event.bytes) / rate : Infinity;
    this.write(
      `${event.id}: ${event.action} ${formatBytes(event.bytes)}/${formatBytes(event.total)} ` +
        `(${Math.floor(fraction * 100 + 1e-9)}%), ${formatBytes(Math.round(rate))}/s, ETA ${formatDuration(eta)}`,
    );
    return true;
  }
}

/** "45 s", "3 min 20 s", "unknown". */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return 'unknown';
  const s = Math.ceil(seconds);
  if (s < 60) return `${s} s`;
  return `${Math.floor(s / 60)} min ${s % 60} s`;
}

/** GitLab's collapsible log sections: `section_start:<time>:<id>[collapsed=true]`. */
export function gitLabSection(
  write: (text: string) => void,
  title: string,
  now: () => number = Date.now,
): () => void {
  const id = `slipway_${title.replace(/[^A-Za-z0-9_.-]+/g, '_')}`;
  const stamp = (): number => Math.floor(now() / 1000);
  write(`\x1b[0Ksection_start:${stamp()}:${id}[collapsed=true]\r\x1b[0K${title}\n`);
  return () => write(`\x1b[0Ksection_end:${stamp()}:${id}\r\x1b[0K\n`);
}

/**
 * The CLI's logger without a terminal: plain lines, progress lines for long transfers (none when
 * quiet), and the run's phases as collapsible sections in a GitLab job log.
 */
export class CiLogger extends LineLogger implements Logger {
  private readonly lines: TransferLines | undefined;
  private openSections = 0;

  constructor(
    private readonly out: (text: string) => void,
    opts: { verbose: boolean; progress: boolean; sections: boolean },
  ) {
    super((line) => out(`${line}\n`), opts.verbose);
    this.lines = opts.progress ? new TransferLines((line) => out(`${line}\n`)) : undefined;
    this.sections = opts.sections;
  }

  private readonly sections: boolean;

  override progress(event: ProgressEvent): void {
    if (this.lines?.update(event)) return;
    if ((event.action === 'upload' || event.action === 'copy') && event.bytes !== event.total) {
      return;
    }
    super.progress(event);
  }

  override section(title: string): () => void {
    // Sections of one run nest; a phase inside a phase stays in its parent's section.
    if (!this.sections || this.openSections > 0) return () => undefined;
    this.openSections++;
    const end = gitLabSection(this.out, title);
    return () => {
      this.openSections--;
      end();
    };
  }
}
