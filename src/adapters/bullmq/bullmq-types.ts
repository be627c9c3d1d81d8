/**
 * The few members of BullMQ's Queue and Job that the adapter uses, as structural types, so the
 * adapter needs no import of BullMQ and works with any version that has them.
 */
export interface BullQueueLike<Data> {
  add(name: string, data: Data, options?: BullJobOptions): Promise<unknown>
}

/** A Queue's `addBulk`, for fan-outs: one round trip per chunk of jobs. */
export interface BullBulkQueueLike<Data> {
  addBulk(jobs: { name: string; data: Data; opts?: BullJobOptions }[]): Promise<unknown>
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

/** A Job as a processor receives it, with what status mirroring reads and wraps. */
export interface BullProcessedJobLike<Data> extends BullJobLike<Data> {
  id?: string
  queueName: string
  updateProgress(progress: number | object): Promise<void>
}

/** A BullMQ processor: `(job, token, signal) => result`, what `new Worker(name, processor)` takes. */
export type BullProcessor<Job, Result> = (
  job: Job,
  token?: string,
  signal?: AbortSignal,
) => Promise<Result>
