/**
 * The few members of BullMQ's Queue and Job that the adapter uses, as structural types, so the
 * adapter needs no import of BullMQ and works with any version that has them.
 */
export interface BullQueueLike<Data> {
  add(name: string, data: Data, options?: BullJobOptions): Promise<unknown>
}

export interface BullJobOptions {
  attempts?: number
  delay?: number
  [option: string]: unknown
}

export interface BullJobLike<Data> {
  name: string
  data: Data
  /** Attempts that already failed before this one (BullMQ counts from 0). */
  attemptsMade: number
  opts: { attempts?: number }
}
