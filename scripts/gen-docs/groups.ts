import type { InputGroup, InputName, InputSpec } from '../../src/core/inputs';
import { INPUTS, INPUT_GROUP_TITLES } from '../../src/core/inputs';

/** Titles of the input groups, in the order action.yml, the template and the README list them. */
export const GROUP_TITLES = INPUT_GROUP_TITLES;

export interface NamedInput {
  name: InputName;
  spec: InputSpec;
}

/** Every input in table order, with the group it opens (the first input of each group). */
export function inputsInOrder(): (NamedInput & { opensGroup?: InputGroup })[] {
  let previous: InputGroup | undefined;
  return (Object.keys(INPUTS) as InputName[]).map((name) => {
    const spec: InputSpec = INPUTS[name];
    const opensGroup = spec.group === previous ? undefined : spec.group;
    previous = spec.group;
    return { name, spec, opensGroup };
  });
}

/** The description plus what a reader must know that the description leaves out. */
export function fullDescription(spec: InputSpec): string {
  let text = spec.description;
  if (spec.choices) text += ` One of: ${spec.choices.join(', ')}.`;
  return text;
}
