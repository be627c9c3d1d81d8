import { InvalidArgumentError, isJobledgerError } from '../../errors/jobledger-error.js'
import type { Ledger } from '../../ledger.js'
import { readBatches } from '../routes/batches.js'
import type { LiveSource } from './live-source.js'

/** Batches a page of the batches list shows, and its live key reads. */
export const BATCHES_PAGE_SIZE = 50

/**
 * `batches:["<token>",<first index>]`: one page of a job's batches as the batches page shows
 * it, `{ batches, batchesDone, items: [{ index, part, state }] }`; null once the job is gone.
 */
export function batchesLiveSource(ledger: Ledger): LiveSource {
  return {
    name: 'batches',
    validate: (id) => void parseBatchesKey(id),
    read: (ids) =>
      Promise.all(
        ids.map(async (id) => {
          const [token, start] = parseBatchesKey(id)
          try {
            return await readBatches(ledger, token, start, BATCHES_PAGE_SIZE)
          } catch (error) {
            if (isJobledgerError(error) && error.code === 'NOT_FOUND') return null
            throw error
          }
        }),
      ),
  }
}

export function batchesKey(token: string, start: number): string {
  return `batches:${JSON.stringify([token, start])}`
}

function parseBatchesKey(id: string): [string, number] {
  let parsed: unknown
  try {
    parsed = JSON.parse(id)
  } catch {
    parsed = null
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 2 ||
    typeof parsed[0] !== 'string' ||
    !Number.isSafeInteger(parsed[1]) ||
    (parsed[1] as number) < 0
  ) {
    throw new InvalidArgumentError('A batches key is batches:["<job token>",<first batch index>].')
  }
  return [parsed[0], parsed[1] as number]
}
