import type { CliCommand } from '../command.js'
import { confirmAction } from '../confirm.js'
import { EXIT } from '../exit-codes.js'

interface CancelOptions {
  reason?: string
  yes?: boolean
}

/**
 * `jobledger cancel <group>`: stops a group's running stage and skips the rest. Says what is
 * still open first, then asks (or needs --yes without a terminal).
 */
export const cancelCommand: CliCommand = {
  name: 'cancel',
  register(program, run) {
    program
      .command('cancel')
      .description(
        'cancel a group: stop its running stage, skip the rest; says what is open first, asks on a terminal, needs --yes otherwise (needs --redis)',
      )
      .argument('<group>', 'the group id')
      .option('--reason <text>', 'why, kept as the group stop reason')
      .option('-y, --yes', 'do not ask for confirmation (required when stdin is not a terminal)')
      .action(
        run(async ({ ledger, out }, id: string, options: CancelOptions) => {
          const group = await ledger().group(id)
          const record = await group.record()
          if (record.completedAt !== null || record.state === 'stopped') {
            out.line(`Group ${id} is already ${record.state}; nothing to cancel.`)
            return undefined
          }
          const { queued, running, pending_re_run: rerun } = record.counts
          const later =
            record.current === null ? record.stageCount : record.stageCount - record.current
          const what = `group ${id} ("${record.description}"): ${queued} queued, ${running} running and ${rerun} re-run jobs at stage ${record.current ?? 1}, ${later} later stage(s) skipped`
          out.line(`Cancelling ${what}.`)
          const question = `Cancel ${what}? Queued jobs are cancelled; running ones may still finish.`
          if (!(await confirmAction(out.streams, { yes: options.yes, what: 'cancel', question }))) {
            out.error('cancel abandoned; nothing changed.')
            return EXIT.failure
          }
          const result = await group.cancel(
            options.reason === undefined ? {} : { reason: options.reason },
          )
          ledger().audit({ action: 'cancel', unit: `group:${id}`, by: 'cli', ...result })
          out.line(
            result.stopped
              ? `Group ${id} cancelled: ${result.cancelledJobs} queued job(s) cancelled.`
              : `Group ${id} was not running; nothing changed.`,
          )
          return undefined
        }),
      )
  },
}
