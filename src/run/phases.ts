/** Times each phase of a run in the order it ran, for the job summary and benchmarks. */
export class Phases {
  readonly ms: Record<string, number> = {};

  async run<T>(name: string, step: () => Promise<T> | T): Promise<T> {
    const start = performance.now();
    try {
      return await step();
    } finally {
      this.ms[name] = Math.round(performance.now() - start);
    }
  }

  summary(): string {
    return Object.entries(this.ms)
      .map(([name, ms]) => `${name} ${ms} ms`)
      .join(', ');
  }
}
