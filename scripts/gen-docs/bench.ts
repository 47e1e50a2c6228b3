/**
 * The README's bench section, rendered from the committed bench/results.json that
 * `npm run bench -- --save` writes (scripts/bench.ts). Pure: gen-docs writes it, and
 * test/unit/docs.test.ts checks the README against it.
 */
export interface BenchTable {
  /** Stable name of the section: a partial run (`--sections`) replaces only its own sections. */
  id: string;
  title: string;
  columns: string[];
  rows: string[][];
  /** How many runs each figure is the median of. */
  runs: number;
  /** What the figures mean, in a sentence or two (written by the bench, not by hand). */
  note?: string;
  /** The run that measured this section: a partial run keeps older sections as they were. */
  measured: BenchRun;
}

export interface BenchRun {
  /** When the run ended, UTC, YYYY-MM-DD. */
  date: string;
  /** The 1-minute load average when the run started and when it ended (other work on the machine). */
  load: [number, number];
  command: string;
}

export interface BenchResults {
  /** e.g. "2 cores, Node v20.20.2". */
  machine: string;
  sections: BenchTable[];
}

function table(t: BenchTable): string {
  const line = (cells: string[]): string => `| ${cells.join(' | ')} |`;
  return [line(t.columns), line(t.columns.map(() => '---')), ...t.rows.map(line)].join('\n');
}

/** Markdown for the README (before Prettier, which gen-docs applies like to every table). */
export function renderBench(results: BenchResults): string {
  const parts = [
    `Measured on ${results.machine}, a machine shared with other work: each section names its run and the load average at its start and end; the ratios come from runs side by side.`,
  ];
  for (const t of results.sections) {
    const m = t.measured;
    parts.push(
      `**${t.title}** (medians of ${t.runs} runs; ${m.date}, load ${m.load[0].toFixed(1)} → ${m.load[1].toFixed(1)}, \`${m.command}\`)`,
      table(t),
    );
    if (t.note) parts.push(t.note);
  }
  return `${parts.join('\n\n')}\n`;
}
