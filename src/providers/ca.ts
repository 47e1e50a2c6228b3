import fs from 'node:fs';
import path from 'node:path';
import { errorMessage, InputError } from '../core/errors';
import type { Inputs } from '../core/inputs';

/** The `registry-ca` PEM file (relative to `working-directory`), or undefined when unset. */
export function readRegistryCa(
  inputs: Pick<Inputs, 'registry-ca' | 'working-directory'>,
): string | undefined {
  const file = inputs['registry-ca'];
  if (!file) return undefined;
  const full = path.resolve(inputs['working-directory'], file);
  let pem: string;
  try {
    pem = fs.readFileSync(full, 'utf8');
  } catch (error) {
    throw new InputError(
      `Input "registry-ca": cannot read ${full} (${errorMessage(error)}); point it at a PEM file of the registry's CA.`,
    );
  }
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) {
    throw new InputError(
      `Input "registry-ca": ${full} holds no PEM certificate (-----BEGIN CERTIFICATE-----); export the CA certificate in PEM format.`,
    );
  }
  return pem;
}
