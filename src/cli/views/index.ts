import { type Ledger, NotFoundError } from '../../index.js'
import { groupViewer } from './group-view.js'
import { jobViewer } from './job-view.js'
import { queueViewer } from './queue-view.js'
import { statusViewer } from './status-view.js'
import type { UnitView, UnitViewer } from './unit-view.js'

/** Every kind the CLI can show, in the order `status <id>` looks an id up. One line per face. */
export const VIEWERS: readonly UnitViewer[] = [jobViewer, statusViewer, groupViewer, queueViewer]

export function viewerFor(kind: string): UnitViewer | undefined {
  return VIEWERS.find((viewer) => viewer.kind === kind)
}

export function viewableKinds(): string[] {
  return VIEWERS.map((viewer) => viewer.kind)
}

export interface FoundUnit {
  viewer: UnitViewer
  view: UnitView
}

/** The unit with this id among `viewers`; null when none has it. */
export async function findUnit(
  ledger: Ledger,
  id: string,
  viewers: readonly UnitViewer[],
): Promise<FoundUnit | null> {
  for (const viewer of viewers) {
    const view = await viewer.read(ledger, id)
    if (view) return { viewer, view }
  }
  return null
}

/** Like findUnit, but a missing unit is a NOT_FOUND error whose message says what to try. */
export async function requireUnit(
  ledger: Ledger,
  id: string,
  viewers: readonly UnitViewer[],
  where: string,
): Promise<FoundUnit> {
  const found = await findUnit(ledger, id, viewers)
  if (found) return found
  const what =
    viewers.length === 1
      ? `${viewers[0]?.kind} ${JSON.stringify(id)}`
      : `unit ${JSON.stringify(id)} (${orList(viewers.map((viewer) => viewer.kind))})`
  throw new NotFoundError(
    `No ${what} in ${where} (it may have expired); list live units with 'jobledger ls --kind KIND'.`,
    { details: { id } },
  )
}

function orList(words: readonly string[]): string {
  return words.length < 2 ? words.join('') : `${words.slice(0, -1).join(', ')} or ${words.at(-1)}`
}
