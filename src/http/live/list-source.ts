import { InvalidArgumentError } from '../../errors/jobledger-error.js'
import type { Ledger } from '../../ledger.js'
import type { UnitKind } from '../../store/unit-ref.js'
import type { LiveSource } from './live-source.js'

const KINDS: readonly UnitKind[] = ['job', 'status', 'group', 'queue']

/**
 * `list:<kind>`: `{ newest }`, the id of the newest live unit of the kind (null when none),
 * so a list page can tell that newer units arrived since it was drawn. One registry read of
 * one unit per kind and tick.
 */
export function listLiveSource(ledger: Ledger): LiveSource {
  return {
    name: 'list',
    validate: (kind) => void unitKind(kind),
    read: (kinds) =>
      Promise.all(
        kinds.map(async (kind) => {
          const { items } = await ledger.list({ kind: unitKind(kind), limit: 1 })
          return { newest: items[0]?.id ?? null }
        }),
      ),
  }
}

function unitKind(text: string): UnitKind {
  const kind = KINDS.find((k) => k === text)
  if (!kind)
    throw new InvalidArgumentError(
      `A list key is list:<kind> with kind one of ${KINDS.join(', ')}.`,
    )
  return kind
}
