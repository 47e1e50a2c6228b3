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
