import type { CliCommand } from '../command.js'
import { cancelCommand } from './cancel.js'
import { cleanCommand } from './clean.js'
import { cleanupCommand } from './cleanup.js'
import { dashboardCommand } from './dashboard.js'
import { deleteCommand } from './delete.js'
import { demoCommand } from './demo.js'
import { demoWorkerCommand } from './demo-worker.js'
import { doctorCommand } from './doctor.js'
import { lsCommand } from './ls.js'
import { purgeCommand } from './purge.js'
import { retryCommand } from './retry.js'
import { retryFailedCommand } from './retry-failed.js'
import { statusCommand } from './status.js'
import { stopCommand } from './stop.js'
import { watchCommand } from './watch.js'

/** Every `jobledger` command, in the order `--help` lists them. A new command is one line here. */
export const COMMANDS: readonly CliCommand[] = [
  demoCommand,
  lsCommand,
  statusCommand,
  doctorCommand,
  watchCommand,
  stopCommand,
  cancelCommand,
  deleteCommand,
  retryCommand,
  retryFailedCommand,
  cleanCommand,
  purgeCommand,
  cleanupCommand,
  dashboardCommand,
  demoWorkerCommand,
]
