import { Option } from 'commander'
import { parseTimeText } from '../../facades/time-text.js'
import type { ListingState, ListOptions, UnitListing } from '../../index.js'
import type { CliCommand } from '../command.js'
import { formatAge } from '../format.js'
import { parsePositiveInteger } from '../parse.js'
import { viewerFor } from '../views/index.js'
import type { ListRow } from '../views/unit-view.js'

interface LsOptions {
  kind: string
  limit: number
  name?: string
  state?: string
  since?: string
  until?: string
  order?: string
  cursor?: string
  json?: boolean
}

function genericRow(item: UnitListing): ListRow {
  return {
    id: item.id,
    name: item.name ?? '',
    state: '-',
    progress: '-',
    createdAt: item.createdAt,
  }
}

function isFiltered(options: LsOptions): boolean {
  return [options.name, options.state, options.since, options.until].some((o) => o !== undefined)
}

/** The listing options `ls` asks for. */
function listOptionsOf(options: LsOptions): ListOptions {
  const list: ListOptions = {
    kind: options.kind as ListOptions['kind'],
    limit: options.limit,
    cursor: options.cursor ?? null,
  }
  if (options.name !== undefined) list.name = options.name
  if (options.state !== undefined) list.state = options.state as ListingState
  if (options.order !== undefined) list.order = options.order as 'newest'
  if (options.since !== undefined) list.createdFrom = parseTimeText(options.since, '--since')
  if (options.until !== undefined) list.createdTo = parseTimeText(options.until, '--until', true)
  return list
}

/** `jobledger ls`: live units of one kind from the registry's indexes, newest first. */
export const lsCommand: CliCommand = {
  name: 'ls',
  register(program, run) {
    program
      .command('ls')
      .description(
        'list live units of one kind, newest first, by name, state and age (needs --redis)',
      )
      .addOption(new Option('--kind <kind>', 'kind of unit to list').default('job'))
      .addOption(
        new Option('--limit <n>', 'at most this many units (1 to 1000)')
          .default(50)
          .argParser(parsePositiveInteger),
      )
      .option('--name <prefix>', 'only units whose name starts with this (any case)')
      .option('--state <state>', 'only units in this state (e.g. failed, running, working)')
      .option('--since <time>', 'only units created at or after this (ISO date or time, or ms)')
      .option('--until <time>', 'only units created at or before this (a bare date: its end)')
      .addOption(
        new Option('--order <order>', 'newest or oldest first').choices(['newest', 'oldest']),
      )
      .option('--cursor <cursor>', 'go on from the cursor a previous page printed')
      .option('--json', 'print the listing as JSON (an array of units with their summaries)')
      .action(
        run(async ({ ledger, out, target }, options: LsOptions) => {
          const { items, cursor } = await ledger().list(listOptionsOf(options))
          if (options.json) {
            out.json(items)
            return undefined
          }
          if (items.length === 0 && cursor === null) {
            const which = isFiltered(options) ? 'units match' : 'units'
            out.line(`No live ${options.kind} ${which} in ${target.description}.`)
            return undefined
          }
          const now = Date.now()
          const rows = items.map((item) => viewerFor(item.kind)?.listRow(item) ?? genericRow(item))
          const named = rows.some((row) => row.name !== '')
          const cells = (row: ListRow) => [row.state, row.progress, formatAge(row.createdAt, now)]
          out.table(
            named ? ['id', 'name', 'state', 'progress', 'age'] : ['id', 'state', 'progress', 'age'],
            rows.map((row) =>
              named ? [row.id, row.name, ...cells(row)] : [row.id, ...cells(row)],
            ),
          )
          if (cursor !== null) out.line(`… more ${options.kind} units: --cursor ${cursor}`)
          return undefined
        }),
      )
  },
}
