import type { Document, LineCounter } from 'yaml';
import { InputError } from '../../core/errors';
import { loadYaml } from '../../core/lazy';

type YamlModule = Awaited<ReturnType<typeof loadYaml>>;

/** A parsed YAML descriptor that remembers where its keys are, so errors can name the line. */
export class YamlFile {
  private constructor(
    private readonly yaml: YamlModule,
    readonly label: string,
    private readonly doc: Document,
    private readonly lines: LineCounter,
    /** Where annotations point (the file on disk, the archive for an entry inside one). */
    private readonly annotate: string,
  ) {}

  static async parse(text: string, label: string, annotate = label): Promise<YamlFile> {
    const yaml = await loadYaml();
    const lines = new yaml.LineCounter();
    const doc = yaml.parseDocument(text, { lineCounter: lines });
    const first = doc.errors[0];
    if (first) {
      const line = first.linePos?.[0].line;
      throw new InputError(
        `${label}${line ? `:${line}` : ''}: invalid YAML (${first.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}); fix the syntax.`,
        { file: annotate, line },
      );
    }
    if (doc.contents !== null && !yaml.isMap(doc.contents)) {
      throw new InputError(`${label}: expected a YAML mapping at the top level.`, {
        file: annotate,
        line: 1,
      });
    }
    return new YamlFile(yaml, label, doc, lines, annotate);
  }

  /** A non-empty string at `path` (numbers are accepted as text: `dockerImageTag: 1.0`). */
  string(path: string): string | undefined {
    const node = this.doc.getIn(path.split('.'), true);
    if (!this.yaml.isScalar(node)) return undefined;
    const value = node.value;
    if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim();
    if (typeof value === 'number') return node.source ?? String(value);
    return undefined;
  }

  has(path: string): boolean {
    return this.doc.hasIn(path.split('.'));
  }

  /** Line of the key at `path`, or of its closest existing parent. */
  line(path: string): number | undefined {
    const keys = path.split('.');
    for (let n = keys.length; n > 0; n--) {
      const parent = n === 1 ? this.doc.contents : this.doc.getIn(keys.slice(0, n - 1), true);
      if (!this.yaml.isMap(parent)) continue;
      const pair = parent.items.find(
        (p) => this.yaml.isScalar(p.key) && p.key.value === keys[n - 1],
      );
      const offset = pair && this.yaml.isScalar(pair.key) ? pair.key.range?.[0] : undefined;
      if (offset !== undefined) return this.lines.linePos(offset).line;
    }
    return undefined;
  }

  /** An InputError that points at `path` in this file: "label: message". */
  error(path: string | undefined, message: string): InputError {
    const line = path ? this.line(path) : undefined;
    return new InputError(`${this.label}: ${message}`, { file: this.annotate, line });
  }
}
