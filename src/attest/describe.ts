import type { VerifiedImage } from './verify';

// Apart from verify.ts so that the CLI can print a result without loading @sigstore/verify first.
/** A few lines for the terminal or the job summary. */
export function describeVerified(result: VerifiedImage): string[] {
  const lines = [`verified ${result.reference} (${result.digest})`];
  for (const a of result.attestations) lines.push(`  ${a.predicateType} signed by ${a.signer}`);
  const p = result.provenance;
  if (p) {
    if (p.source) lines.push(`  source:   ${p.source}${p.commit ? ` @ ${p.commit}` : ''}`);
    else if (p.commit) lines.push(`  commit:   ${p.commit}`);
    if (p.workflow) lines.push(`  workflow: ${p.workflow}`);
    if (p.invocation) lines.push(`  run:      ${p.invocation}`);
    if (p.base) lines.push(`  base:     ${p.base.uri ?? ''}@${p.base.digest ?? '?'}`);
  }
  return lines;
}
