import { InvalidArgumentError } from '../../errors/jobledger-error.js'
import type { OverviewCard } from '../face.js'
import type { LiveSource } from './live-source.js'

/** `overview:<kind>`: the overview card of one kind; costly, so read every fifth tick. */
export function overviewLiveSource(
  cards: ReadonlyMap<string, () => Promise<OverviewCard>>,
): LiveSource {
  return {
    name: 'overview',
    everyTicks: 5,
    validate: (kind) => {
      if (!cards.has(kind)) {
        throw new InvalidArgumentError(
          `No overview for ${JSON.stringify(kind)}; kinds: ${[...cards.keys()].join(', ')}.`,
        )
      }
    },
    read: (kinds) => Promise.all(kinds.map((kind) => cards.get(kind)?.() ?? null)),
  }
}
