// kubectl istiocni completion bash|zsh|fish: a shell completion script for the commands and their
// flags, generated from the command modules themselves so it cannot drift from them.
import type { Argv } from 'yargs'
import yargs from 'yargs'
import type { Streams } from '../render/streams.js'
import * as check from './check.js'
import * as explain from './explain.js'
import * as fix from './fix.js'
import * as restart from './restart.js'
import * as version from './version.js'
import { EXIT } from '../model/exit.js'

export const command = 'completion <shell>'
export const describe = 'Print a shell completion script (bash, zsh or fish)'

const SHELLS = ['bash', 'zsh', 'fish'] as const
type Shell = (typeof SHELLS)[number]

export function builder(y: Argv) {
  return y
    .positional('shell', { choices: SHELLS, describe: 'The shell to complete in' })
    .example([
      ['source <($0 completion bash)', 'Complete kubectl-istiocni in this bash session'],
      ['$0 completion fish > ~/.config/fish/completions/kubectl-istiocni.fish', 'Install for fish'],
    ])
}

interface Words { name: string; flags: string[] }

/** Each command's name and flags (long and short), read from its yargs builder. */
function words(): Words[] {
  const modules: { command: string; builder?: (y: Argv) => unknown }[] = [check, explain, fix, restart, version, { command, builder }]
  return modules.map((m) => {
    const y = yargs([])
    m.builder?.(y)
    const o = (y as unknown as { getOptions(): { key: Record<string, unknown>; alias: Record<string, string[]>; hiddenOptions: string[] } }).getOptions()
    const positional = new Set([...m.command.matchAll(/[<[](\w+)(?:\.\.)?[>\]]/g)].map((x) => x[1]))
    const aliases = new Set(Object.values(o.alias).flat())
    const names = Object.keys(o.key).filter((k) => !positional.has(k) && !aliases.has(k) && !o.hiddenOptions.includes(k) && k !== 'version')
    const flags = [...new Set(names.flatMap((k) => [`--${k}`, ...(o.alias[k] ?? []).map((a) => (a.length === 1 ? `-${a}` : `--${a}`))]))]
    return { name: m.command.split(' ')[0]!, flags }
  })
}

const BIN = 'kubectl-istiocni'

function bash(ws: Words[]): string {
  const cases = ws.map((w) => `    ${w.name}) words="${w.flags.join(' ')}" ;;`).join('\n')
  return `# bash completion for ${BIN} (kubectl istiocni): source <(${BIN} completion bash)
_kubectl_istiocni() {
  local cur=\${COMP_WORDS[COMP_CWORD]} words
  if [[ $COMP_CWORD -eq 1 ]]; then
    words="${ws.map((w) => w.name).join(' ')} help"
  else
    case \${COMP_WORDS[1]} in
${cases}
    esac
  fi
  COMPREPLY=($(compgen -W "$words" -- "$cur"))
}
complete -o default -F _kubectl_istiocni ${BIN}
`
}

function fish(ws: Words[]): string {
  const lines = [`# fish completion for ${BIN} (kubectl istiocni)`, `complete -c ${BIN} -n __fish_use_subcommand -f -a '${ws.map((w) => w.name).join(' ')} help'`]
  for (const w of ws) {
    for (const f of w.flags) lines.push(`complete -c ${BIN} -n '__fish_seen_subcommand_from ${w.name}' ${f.startsWith('--') ? `-l ${f.slice(2)}` : `-s ${f.slice(1)}`}`)
  }
  return `${lines.join('\n')}\n`
}

const SCRIPTS: Record<Shell, (ws: Words[]) => string> = {
  bash,
  // zsh reads bash completions through bashcompinit.
  zsh: (ws) => `# zsh completion for ${BIN}: source <(${BIN} completion zsh)\nautoload -U +X bashcompinit && bashcompinit\n${bash(ws).split('\n').slice(1).join('\n')}`,
  fish,
}

export async function run(args: { shell: Shell }, streams: Streams): Promise<number> {
  streams.out.write(SCRIPTS[args.shell](words()))
  return EXIT.ok
}
