import { defaultInputs } from '../../src/core/inputs';
import type { Result } from '../../src/core/result';
import { formatDuration, renderSummary, summaryEnabled } from '../../src/fronts/action/summary';

const DIGEST = `sha256:${'1'.repeat(64)}`;
const BASE = `sha256:${'2'.repeat(64)}`;

function result(overrides: Partial<Result> = {}): Result {
  return {
    outputs: {
      image: '127.0.0.1:5000/acme/sink:1.2.3',
      digest: DIGEST,
      'image-ref': `127.0.0.1:5000/acme/sink@${DIGEST}`,
      tags: ['1.2.3', '1.2'],
      platforms: ['linux/amd64', 'linux/arm64'],
      'base-digest': BASE,
      dockerfile: 'out/Dockerfile',
      pushed: true,
    },
    stats: {
      bytesUploaded: 3 * 1024 * 1024,
      bytesSkipped: 200 * 1024 * 1024,
      blobsUploaded: 3,
      blobsMounted: 2,
      blobsExisting: 4,
      phases: { build: 61_500, plan: 12, push: 2_340 },
    },
    dockerfileText:
      'FROM streamnative/pulsar-functions-java-runner:4.0.4@sha256:abc\nCOPY --chown=10000:10001 sink.nar /pulsar/connectors/sink.nar\n',
    ...overrides,
  };
}

describe('renderSummary', () => {
  it('puts every fact in the table, the phases and the Dockerfile collapsed', () => {
    const md = renderSummary(result(), defaultInputs());
    expect(md).toContain('### Slipway: pushed 127.0.0.1:5000/acme/sink:1.2.3\n');
    expect(md).toContain('| Image | `127.0.0.1:5000/acme/sink:1.2.3` |');
    expect(md).toContain(`| Digest | \`${DIGEST}\` |`);
    expect(md).toContain(`| Pinned reference | \`127.0.0.1:5000/acme/sink@${DIGEST}\` |`);
    expect(md).toContain('| Platforms | `linux/amd64`, `linux/arm64` |');
    expect(md).toContain('| Tags | `1.2.3`, `1.2` |');
    expect(md).toContain('| Base | `streamnative/pulsar-functions-java-runner:4.0.4@sha256:abc` |');
    expect(md).toContain(`| Base digest | \`${BASE}\` |`);
    expect(md).toContain('| Uploaded | 3.0 MiB in 3 blobs |');
    expect(md).toContain('| Skipped | 200.0 MiB (4 already in the registry, 2 mounted) |');
    expect(md).toContain('| build | 1 min 2 s |');
    expect(md).toContain('| plan | 12 ms |');
    expect(md).toContain('| push | 2.3 s |');
    expect(md).toContain('| **total** | **1 min 4 s** |');
    expect(md).toContain(
      '<details>\n<summary>Dockerfile <code>out/Dockerfile</code></summary>\n\n```dockerfile\nFROM streamnative/',
    );
    expect(md).toContain('/pulsar/connectors/sink.nar\n```\n\n</details>\n');
    expect(md).not.toContain('Function Mesh');
  });

  it('prefers the base the run reports and says when nothing was pushed', () => {
    const md = renderSummary(
      result({
        base: 'registry.local/runner:1',
        outputs: { ...result().outputs, pushed: false, 'definition-id': 'def-1' },
      }),
      defaultInputs(),
    );
    expect(md).toContain('| Base | `registry.local/runner:1` |');
    expect(md).toContain('was already up to date, nothing pushed');
    expect(md).toContain('| Pushed | no |');
    expect(md).toContain('| Airbyte definition | `def-1` |');
  });

  it('names an OCI layout output and keeps a Dockerfile with backticks inside its fence', () => {
    const md = renderSummary(
      result({ dockerfileText: 'FROM x\n# ```` odd comment\n' }),
      defaultInputs({ output: 'oci:out/layout' }),
    );
    expect(md).toContain('### Slipway: wrote out/layout (OCI layout)');
    expect(md).toContain('`````dockerfile\nFROM x\n# ```` odd comment\n`````');
  });

  it('escapes pipes so a value cannot break the table', () => {
    const md = renderSummary(
      result({ outputs: { ...result().outputs, tags: ['a|b'] } }),
      defaultInputs(),
    );
    expect(md).toContain('| Tags | `a\\|b` |');
  });
});

describe('values that try to break out of the summary', () => {
  it('a line break or a link in a value stays inside its cell, as text', () => {
    const md = renderSummary(
      result({
        base: 'evil\n| Pushed | forged |\n[click](https://evil.example)',
        outputs: { ...result().outputs, tags: ['a\r\nb', 'x``y'] },
        stats: { ...result().stats, phases: { '[phase](https://evil.example)\n# heading': 5 } },
      }),
      defaultInputs({ output: 'oci:[out](https://evil.example)\n## forged' }),
    );
    const lines = md.split('\n');
    // Every table row is one line; nothing starts a new row or heading.
    expect(lines.filter((l) => l.includes('forged'))).toHaveLength(2);
    expect(lines.filter((l) => l.startsWith('| Pushed'))).toEqual(['| Pushed | yes |']);
    expect(md).toContain(
      '| Base | `evil \\| Pushed \\| forged \\| [click](https://evil.example)` |',
    );
    expect(md).toContain('| Tags | `a b`, ``` x``y ``` |');
    // Outside code spans: link brackets escaped, bare URLs broken, no heading or line break.
    expect(md).toContain(
      '### Slipway: wrote \\[out\\](https&#58;//evil.example) ## forged (OCI layout)\n',
    );
    expect(md).toContain('| \\[phase\\](https&#58;//evil.example) # heading | 5 ms |');
    expect(md).not.toMatch(/^#+ (forged|heading)/m);
  });

  it('the Dockerfile path in HTML escapes quotes and line breaks', () => {
    const md = renderSummary(
      result({ outputs: { ...result().outputs, dockerfile: 'a"<b>\nc' } }),
      defaultInputs(),
    );
    expect(md).toContain('<summary>Dockerfile <code>a&quot;&lt;b&gt; c</code></summary>');
  });
});

describe('summary helpers', () => {
  it('SLIPWAY_SUMMARY=false turns it off', () => {
    expect(summaryEnabled({})).toBe(true);
    expect(summaryEnabled({ SLIPWAY_SUMMARY: 'true' })).toBe(true);
    expect(summaryEnabled({ SLIPWAY_SUMMARY: 'false' })).toBe(false);
  });

  it.each([
    [0, '0 ms'],
    [999, '999 ms'],
    [1000, '1.0 s'],
    [59_940, '59.9 s'],
    [125_000, '2 min 5 s'],
  ])('formatDuration(%d) = %s', (ms, want) => {
    expect(formatDuration(ms)).toBe(want);
  });
});
