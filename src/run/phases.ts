import type { Logger } from '../core/log';

/**
 * Times each phase of a run in the order it ran, for the job summary and benchmarks; with a
 * logger, each phase is a collapsible part of the CI log.
 */
export class Phases {
  readonly ms: Record<string, number> = {};

  constructor(private readonly logger?: Logger) {}

  async run<T>(name: string, step: () => Promise<T> | T): Promise<T> {
    const start = performance.now();
    const end = this.logger?.section?.(name);
    try {
      return await step();
    } finally {
      end?.();
      this.ms[name] = Math.round(performance.now() - start);
    }
  }

  summary(): string {
    return Object.entries(this.ms)
      .map(([name, ms]) => `${name} ${ms} ms`)
      .join(', ');
  }
}
