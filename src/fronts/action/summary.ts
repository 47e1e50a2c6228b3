import type { Inputs } from '../../core/inputs';
import { formatBytes } from '../../core/log';
import type { Result } from '../../core/result';

/**
 * The GitHub job summary of a run, as Markdown. Pure, so the action only writes what this returns
 * and tests read it as text.
 */

/** `SLIPWAY_SUMMARY=false` turns the job summary off. */
export function summaryEnabled(env: Readonly<Record<string, string | undefined>>): boolean {
  return env.SLIPWAY_SUMMARY !== 'false';
}

/** Line breaks end a table row (and a heading): each becomes one space. */
function oneLine(value: string): string {
  return value.replace(/[\r\n\u2028\u2029]+/g, ' ');
}

/**
 * A value as inline code in a table cell; a pipe would end the cell, a backtick the code span, a
 * line break the row. Links and HTML are not rendered inside code spans.
 */
function code(value: string): string {
  const escaped = oneLine(value).replace(/\|/g, '\\|');
  const longest = Math.max(0, ...(escaped.match(/`+/g) ?? []).map((run) => run.length));
  if (longest === 0) return `\`${escaped}\``;
  const marks = '`'.repeat(longest + 1);
  return `${marks} ${escaped} ${marks}`;
}

function escapeHtml(value: string): string {
  return oneLine(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/**
 * Plain text in a heading or cell: on one line, with the characters that start links, images,
 * HTML, emphasis or code escaped, and bare URLs broken up so that GitHub does not link them.
 */
function text(value: string): string {
  return oneLine(value)
    .replace(/[\\`*_[\]<>!|]/g, '\\$&')
    .replace(/:\/\//g, '&#58;//')
    .replace(/\bwww\./gi, (www) => `${www.slice(0, 3)}&#46;`);
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${Math.round(seconds - minutes * 60)} s`;
}

/** The base as the run named it, else the Dockerfile's first FROM, else the input. */
function baseName(result: Result, inputs: Inputs): string {
  if (result.base) return result.base;
  const from = /^\s*FROM\s+(?:--\S+\s+)*(\S+)/im.exec(result.dockerfileText);
  if (from?.[1]) return from[1];
  return inputs['base-image'];
}

function headline(result: Result, inputs: Inputs): string {
  const { outputs } = result;
  const output = inputs.output;
  if (output === 'none') return `Slipway: dry run of ${outputs.image || outputs.digest}`;
  if (output.startsWith('oci:')) return `Slipway: wrote ${output.slice(4)} (OCI layout)`;
  if (outputs.pushed) return `Slipway: pushed ${outputs.image}`;
  return `Slipway: ${outputs.image} was already up to date, nothing pushed`;
}

/** A Markdown code fence longer than any backtick run inside the text. */
function fence(body: string, info: string): string {
  const longest = Math.max(0, ...(body.match(/`+/g) ?? []).map((run) => run.length));
  const marks = '`'.repeat(Math.max(3, longest + 1));
  return `${marks}${info}\n${body.replace(/\n+$/, '')}\n${marks}`;
}

export function renderSummary(result: Result, inputs: Inputs): string {
  const { outputs, stats } = result;
  const rows: [string, string][] = [];
  const add = (label: string, value: string | undefined): void => {
    if (value !== undefined && value !== '') rows.push([label, value]);
  };
  add('Image', outputs.image && code(outputs.image));
  add('Digest', outputs.digest && code(outputs.digest));
  add('Pinned reference', outputs['image-ref'] && code(outputs['image-ref']));
  add('Platforms', outputs.platforms.map(code).join(', '));
  add('Tags', outputs.tags.map(code).join(', '));
  add(
    'Tag decisions',
    outputs['tag-decisions']
      ?.map((entry) => {
        const at = entry.lastIndexOf('=');
        return `${code(entry.slice(0, at))} ${text(entry.slice(at + 1))}`;
      })
      .join('<br>'),
  );
  const base = baseName(result, inputs);
  add('Base', base && code(base));
  add('Base digest', outputs['base-digest'] && code(outputs['base-digest']));
  add(
    'Uploaded',
    `${formatBytes(stats.bytesUploaded)} in ${stats.blobsUploaded} blob${stats.blobsUploaded === 1 ? '' : 's'}`,
  );
  add(
    'Skipped',
    `${formatBytes(stats.bytesSkipped)} (${stats.blobsExisting} already in the registry, ${stats.blobsMounted} mounted)`,
  );
  add('Pushed', outputs.pushed ? 'yes' : 'no');
  add('Function Mesh resource', outputs.manifest && code(outputs.manifest));
  add('Airbyte definition', outputs['definition-id'] && code(outputs['definition-id']));
  add('SBOM', outputs['sbom-digest'] && code(outputs['sbom-digest']));

  const lines = [`### ${text(headline(result, inputs))}`, '', '| | |', '| --- | --- |'];
  for (const [label, value] of rows) lines.push(`| ${label} | ${value} |`);

  const phases = Object.entries(stats.phases);
  if (phases.length > 0) {
    const total = phases.reduce((sum, [, ms]) => sum + ms, 0);
    lines.push('', '| Phase | Time |', '| --- | ---: |');
    for (const [phase, ms] of phases) lines.push(`| ${text(phase)} | ${formatDuration(ms)} |`);
    lines.push(`| **total** | **${formatDuration(total)}** |`);
  }

  if (result.dockerfileText.trim() !== '') {
    // Markdown is not rendered inside <summary>, so the path is HTML.
    const where = outputs.dockerfile ? ` <code>${escapeHtml(outputs.dockerfile)}</code>` : '';
    lines.push(
      '',
      '<details>',
      `<summary>Dockerfile${where}</summary>`,
      '',
      fence(result.dockerfileText, 'dockerfile'),
      '',
      '</details>',
    );
  }
  return `${lines.join('\n')}\n`;
}
