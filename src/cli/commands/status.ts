import type { CliCommand } from '../command.js'
import { kindOption, viewersForKind } from '../kind-option.js'
import { requireUnit } from '../views/index.js'

interface StatusOptions {
  kind?: string
  json?: boolean
}

/** `jobledger status <id>`: one unit's state, progress and details. */
export const statusCommand: CliCommand = {
  name: 'status',
  register(program, run) {
    program
      .command('status')
      .description("show a unit's state, progress and details (needs --redis)")
      .argument('<id>', 'the unit id (a job token, …)')
      .addOption(kindOption())
      .option('--json', "print exactly the unit's snapshot JSON (for a job: its summary)")
      .action(
        run(async ({ ledger, out, target }, id: string, options: StatusOptions) => {
          const viewers = viewersForKind(options.kind)
          const { viewer, view } = await requireUnit(ledger(), id, viewers, target.description)
          if (options.json) {
            out.json(view.json)
            return undefined
          }
          out.details(view.details)
          for (const section of await viewer.sections(ledger(), id)) out.section(section)
          return undefined
        }),
      )
  },
}
