import { InvalidArgumentError } from '../errors/jobledger-error.js'
import { validatePart } from './ids.js'

/** Parts named like a batch's part: reserved for batches, settled only by batch operations. */
const BATCH_PART = /^batch-(\d+)$/

/** Validates a part for `push()`: a batch's part name is refused, so batches are never blocked. */
export function validatePushedPart(value: unknown): string {
  const part = validatePart(value)
  if (BATCH_PART.test(part)) {
    throw new InvalidArgumentError(
      `Part ${part} is reserved for batches; name pushed parts differently, or add items with job.addBatch(items).`,
      { details: { part } },
    )
  }
  return part
}

/**
 * Validates a part for `done()`/`fail()`: a batch's part is settled only with its batch, so
 * that batchesDone counts it and its items are dropped.
 */
export function validateSettledPart(value: unknown): string {
  const part = validatePart(value)
  const batch = BATCH_PART.exec(part)
  if (batch) {
    throw new InvalidArgumentError(
      `Part ${part} is batch ${batch[1]}'s part; settle a batch with a tracker (ledger.tracker({ job, batch: ${batch[1]} }).eachRecord(fn)) or ledger.batch(token, ${batch[1]}).complete().`,
      { details: { part } },
    )
  }
  return part
}
