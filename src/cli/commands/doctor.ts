import { Option } from 'commander'
import type { Diagnosis } from '../../index.js'
import type { CliCommand } from '../command.js'
import { EXIT } from '../exit-codes.js'
import type { Output } from '../output.js'

interface DoctorOptions {
  kind?: 'job' | 'group' | 'queue'
  json?: boolean
}

function print(out: Output, diagnosis: Diagnosis): void {
  const { id, kind, state, compact } = diagnosis
  const kept = compact ? ', compact summary only' : ''
  if (diagnosis.healthy) {
    out.line(`${kind} ${id} (${state}${kept}): nothing wrong found.`)
    return
  }
  const n = diagnosis.findings.length
  out.line(`${kind} ${id} (${state}${kept}): ${n} ${n === 1 ? 'finding' : 'findings'}.`)
  for (const found of diagnosis.findings) {
    out.line(`- ${found.message}`)
    if (found.next !== null) out.line(`  next: ${found.next}`)
  }
}

/** `jobledger doctor <id>`: why a unit is not over yet; exit 1 when something was found. */
export const doctorCommand: CliCommand = {
  name: 'doctor',
  register(program, run) {
    program
      .command('doctor')
      .description(
        'explain why a job, group or queue is not over yet, with the next command to run; exit 1 when something was found (needs --redis)',
      )
      .argument('<id>', 'the unit id (a job token, group id or queue name)')
      .addOption(
        new Option('--kind <kind>', 'the kind of unit the id names').choices([
          'job',
          'group',
          'queue',
        ]),
      )
      .option('--json', 'print the diagnosis as JSON')
      .action(
        run(async ({ ledger, out }, id: string, options: DoctorOptions) => {
          const kind = options.kind === undefined ? {} : { kind: options.kind }
          const diagnosis = await ledger().diagnose(id, kind)
          if (options.json) out.json(diagnosis)
          else print(out, diagnosis)
          return diagnosis.healthy ? EXIT.ok : EXIT.failure
        }),
      )
  },
}
