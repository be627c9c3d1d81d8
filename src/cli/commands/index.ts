import type { CliCommand } from '../command.js'
import { lsCommand } from './ls.js'
import { purgeCommand } from './purge.js'
import { statusCommand } from './status.js'
import { stopCommand } from './stop.js'
import { watchCommand } from './watch.js'

/** Every `jobledger` command, in the order `--help` lists them. A new command is one line here. */
export const COMMANDS: readonly CliCommand[] = [
  lsCommand,
  statusCommand,
  watchCommand,
  stopCommand,
  purgeCommand,
]
