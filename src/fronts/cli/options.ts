import { Option } from 'commander';
import type { Command } from 'commander';
import { INPUTS } from '../../core/inputs';
import type { InputName, InputSpec } from '../../core/inputs';
import { dotenvName } from '../report';

/** `connector-type` → `connectorType`, the key commander stores the flag under. */
function optionKey(name: string): string {
  return name.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());
}

/** Adds one flag per input, named as the input, with its default shown in --help. */
export function addInputOptions(command: Command, names: readonly InputName[]): Command {
  for (const name of names) {
    const input: InputSpec = INPUTS[name];
    const flag = input.type === 'boolean' ? `--${name} [true|false]` : `--${name} <value>`;
    const option = new Option(flag, input.description);
    if (input.type === 'boolean') option.preset('true');
    if (input.choices) option.choices(input.choices);
    if (input.default !== '' && !input.secret) option.default(input.default);
    // Only secrets are read from the environment (`password` → SLIPWAY_PASSWORD; masked CI
    // variables keep them out of argv); other inputs are flags, so the SLIPWAY_IMAGE… values a
    // dotenv report hands to later jobs are never taken as inputs by accident.
    if (input.secret) option.env(dotenvName(name));
    command.addOption(option);
  }
  return command;
}

/** Reads an input's raw string back from parsed options; undefined when unset. */
export function optionReader(
  opts: Record<string, unknown>,
): (name: InputName) => string | undefined {
  return (name) => {
    const value = opts[optionKey(name)];
    return typeof value === 'string' ? value : undefined;
  };
}
