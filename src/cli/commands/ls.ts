import { Option } from 'commander'
import type { ListOptions, UnitListing } from '../../index.js'
import type { CliCommand } from '../command.js'
import { formatAge } from '../format.js'
import { parsePositiveInteger } from '../parse.js'
import { viewerFor } from '../views/index.js'
import type { ListRow } from '../views/unit-view.js'

interface LsOptions {
  kind: string
  limit: number
  json?: boolean
}

function genericRow(item: UnitListing): ListRow {
  return { id: item.id, state: '-', progress: '-', createdAt: item.createdAt }
}

/** `jobledger ls`: live units of one kind, newest first. */
export const lsCommand: CliCommand = {
  name: 'ls',
  register(program, run) {
    program
      .command('ls')
      .description('list live units of one kind, newest first (needs --redis)')
      .addOption(new Option('--kind <kind>', 'kind of unit to list').default('job'))
      .addOption(
        new Option('--limit <n>', 'at most this many units (1 to 1000)')
          .default(50)
          .argParser(parsePositiveInteger),
      )
      .option('--json', 'print the listing as JSON (an array of units with their summaries)')
      .action(
        run(async ({ ledger, out, target }, options: LsOptions) => {
          const { items, cursor } = await ledger().list({
            kind: options.kind as ListOptions['kind'],
            limit: options.limit,
          })
          if (options.json) {
            out.json(items)
            return undefined
          }
          if (items.length === 0) {
            out.line(`No live ${options.kind} units in ${target.description}.`)
            return undefined
          }
          const now = Date.now()
          const rows = items.map((item) => viewerFor(item.kind)?.listRow(item) ?? genericRow(item))
          out.table(
            ['id', 'state', 'progress', 'age'],
            rows.map((row) => [row.id, row.state, row.progress, formatAge(row.createdAt, now)]),
          )
          if (cursor !== null) out.line(`… more ${options.kind} units: raise --limit to see them.`)
          return undefined
        }),
      )
  },
}
