import { Option } from 'commander';
import type { Command } from 'commander';
import { INPUTS, INPUT_GROUP_TITLES, inputCommands } from '../../core/inputs';
import type { CliCommand, InputName, InputSpec } from '../../core/inputs';
import { OUTPUT_DESCRIPTIONS } from '../../core/result';
import { dotenvName } from '../report';

/** `connector-type` → `connectorType`, the key commander stores the flag under. */
function optionKey(name: string): string {
  return name.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());
}

/** The inputs `command` offers as flags, in table order. */
export function commandInputs(command: CliCommand): InputName[] {
  return (Object.keys(INPUTS) as InputName[]).filter((name) =>
    inputCommands(name).includes(command),
  );
}

/**
 * Adds one flag per input `command` offers, named as the input, under the help heading of its
 * group, with the command's own wording and the default shown in --help.
 */
export function addInputOptions(command: Command, commandName: CliCommand): Command {
  for (const name of commandInputs(commandName)) {
    const input: InputSpec = INPUTS[name];
    const flag = input.type === 'boolean' ? `--${name} [true|false]` : `--${name} <value>`;
    let description = input.commandDescriptions?.[commandName] ?? input.description;
    if (input.secret && !description.includes(dotenvName(name))) {
      description += ` Also read from ${dotenvName(name)}.`;
    }
    const option = new Option(flag, description);
    if (input.type === 'boolean') option.preset('true');
    if (input.choices) option.choices(input.choices);
    if (input.default !== '' && !input.secret) option.default(input.default);
    option.helpGroup(`${INPUT_GROUP_TITLES[input.group]}:`);
    command.addOption(option);
  }
  return command;
}

/**
 * Inputs a run takes from `SLIPWAY_<NAME>`. Not those whose variable a dotenv report of an earlier
 * job sets for an output (SLIPWAY_IMAGE, SLIPWAY_TAGS …): a later job would take them as inputs
 * by accident. Secrets always (`password` → SLIPWAY_PASSWORD keeps them out of argv).
 */
export function readsEnvironment(name: InputName): boolean {
  const input: InputSpec = INPUTS[name];
  return input.secret === true || !(name in OUTPUT_DESCRIPTIONS);
}

/** Where an input's effective value came from, for `slipway config`. */
export type InputSource = 'default' | 'flag' | 'environment' | 'file';

export interface ResolvedInputs {
  raw: Partial<Record<InputName, string>>;
  sources: Record<InputName, { source: InputSource; detail?: string }>;
}

/**
 * The raw value of every input for `commandName`: defaults < the slipway.yaml file < environment
 * < flags. Inputs the command does not offer keep their defaults (except `fixed` ones).
 */
export function resolveRawInputs(
  command: Command,
  commandName: CliCommand,
  file: { name?: string; inputs: Partial<Record<InputName, string>> },
  env: NodeJS.ProcessEnv,
  fixed: Partial<Record<InputName, string>> = {},
): ResolvedInputs {
  const offered = new Set(commandInputs(commandName));
  const opts = command.opts<Record<string, unknown>>();
  const raw: Partial<Record<InputName, string>> = {};
  const sources = {} as ResolvedInputs['sources'];
  for (const name of Object.keys(INPUTS) as InputName[]) {
    const key = optionKey(name);
    const variable = dotenvName(name);
    const flagValue = opts[key];
    if (fixed[name] !== undefined) {
      raw[name] = fixed[name];
      sources[name] = { source: 'flag', detail: `slipway ${commandName}` };
    } else if (!offered.has(name)) {
      sources[name] = { source: 'default' };
    } else if (command.getOptionValueSource(key) === 'cli' && typeof flagValue === 'string') {
      raw[name] = flagValue;
      sources[name] = { source: 'flag', detail: `--${name}` };
    } else if (readsEnvironment(name) && env[variable] !== undefined && env[variable] !== '') {
      raw[name] = env[variable];
      sources[name] = { source: 'environment', detail: variable };
    } else if (file.inputs[name] !== undefined) {
      raw[name] = file.inputs[name];
      sources[name] = { source: 'file', detail: file.name };
    } else {
      sources[name] = { source: 'default' };
    }
  }
  return { raw, sources };
}
