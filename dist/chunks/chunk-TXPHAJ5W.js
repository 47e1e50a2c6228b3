#!/usr/bin/env node
import { createRequire as __slipwayCreateRequire } from 'node:module';
import { fileURLToPath as __slipwayFileURLToPath } from 'node:url';
const require = __slipwayCreateRequire(import.meta.url);
const __filename = __slipwayFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf('/'));
function describeVerified(result){const lines=[`verified ${result.reference} (${result.digest})`];for(const a of result.attestations)lines.push(`  ${a.predicateType} signed by ${a.signer}`);const p=result.provenance;if(p){if(p.source)lines.push(`  source:   ${p.source}${p.commit?` @ ${p.commit}`:""}`);else if(p.commit)lines.push(`  commit:   ${p.commit}`);if(p.workflow)lines.push(`  workflow: ${p.workflow}`);if(p.invocation)lines.push(`  run:      ${p.invocation}`);if(p.base)lines.push(`  base:     ${p.base.uri??""}@${p.base.digest??"?"}`)}return lines}export{describeVerified};
