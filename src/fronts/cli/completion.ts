import type { Command, Option } from 'commander';

/**
 * `slipway completion bash|zsh`: commands, each command's own flags, and the allowed values of a
 * flag with choices. Written from the program itself, so it cannot drift from the flags. zsh runs
 * the same function through bashcompinit, which ships with zsh.
 */
function flagsOf(command: Command): Option[] {
  return [...command.options];
}

/** A bash word list, safe inside double quotes. */
function wordList(words: string[]): string {
  return words.join(' ').replace(/["$`\\]/g, '');
}

export function completionScript(program: Command, shell: 'bash' | 'zsh'): string {
  // Hidden commands (job-result, for the GitLab fan-out) are not offered.
  const visible = new Set(program.createHelp().visibleCommands(program));
  const shown = program.commands.filter((c) => visible.has(c));
  const commands = shown.map((c) => c.name());
  const cases: string[] = [];
  const choiceCases: string[] = [];
  for (const command of shown) {
    const flags = flagsOf(command)
      .map((o) => o.long ?? '')
      .filter(Boolean);
    cases.push(`    ${command.name()}) opts="${wordList([...flags, '--help'])}" ;;`);
    for (const option of flagsOf(command)) {
      if (option.argChoices && option.long) {
        choiceCases.push(
          `      ${command.name()}:${option.long}) COMPREPLY=($(compgen -W "${wordList(option.argChoices)}" -- "$cur")); return ;;`,
        );
      }
    }
    if (command.name() === 'completion') {
      choiceCases.push(
        `      completion:completion) COMPREPLY=($(compgen -W "bash zsh" -- "$cur")); return ;;`,
      );
    }
  }
  const body = [
    '# slipway shell completion',
    '_slipway() {',
    '  local cur prev cmd opts',
    '  cur="${COMP_WORDS[COMP_CWORD]}"',
    '  prev="${COMP_WORDS[COMP_CWORD-1]}"',
    '  if [ "$COMP_CWORD" -eq 1 ]; then',
    `    COMPREPLY=($(compgen -W "${wordList([...commands, '--help', '--version'])}" -- "$cur"))`,
    '    return',
    '  fi',
    '  cmd="${COMP_WORDS[1]}"',
    '  case "$cmd:$prev" in',
    ...choiceCases,
    '  esac',
    '  case "$cmd" in',
    ...cases,
    '    *) opts="" ;;',
    '  esac',
    '  COMPREPLY=($(compgen -W "$opts" -- "$cur"))',
    '}',
    'complete -o default -F _slipway slipway',
    '',
  ];
  if (shell === 'zsh') {
    return ['#compdef slipway', 'autoload -U +X bashcompinit && bashcompinit', ...body].join('\n');
  }
  return body.join('\n');
}
