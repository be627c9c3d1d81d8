import { InvalidArgumentError } from '../../errors/jobledger-error.js'

/** The data of a BullMQ job that `fanOut` added: the ledger job, its part, and the item. */
export interface FanOutJobData<Item> {
  token: string
  part: string
  item: Item
}

/** The data of a BullMQ job that `fanOutBatches` added: the ledger job and the batch index. */
export interface BatchJobData {
  token: string
  batch: number
}

function fields(data: unknown, what: string): Record<string, unknown> {
  if (typeof data === 'object' && data !== null) return data as Record<string, unknown>
  throw new InvalidArgumentError(`This BullMQ job's data is not ${what}.`)
}

export function readFanOutData<Item>(data: unknown): FanOutJobData<Item> {
  const { token, part, item } = fields(data, 'what fanOut adds ({ token, part, item })')
  if (typeof token !== 'string' || typeof part !== 'string')
    throw new InvalidArgumentError(
      "This BullMQ job's data has no { token, part }: was it added by fanOut?",
    )
  return { token, part, item: item as Item }
}

export function readBatchData(data: unknown): BatchJobData {
  const { token, batch } = fields(data, 'what fanOutBatches adds ({ token, batch })')
  if (typeof token !== 'string' || typeof batch !== 'number')
    throw new InvalidArgumentError(
      "This BullMQ job's data has no { token, batch }: was it added by fanOutBatches?",
    )
  return { token, batch }
}
