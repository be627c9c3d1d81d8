import type { BatchStore } from './batch-store.js'
import type { CallbackIndexStore } from './callback-index-store.js'
import type { EventsStore } from './events-store.js'
import type { JobStore } from './job-store.js'
import type { QueueStore } from './queue-store.js'
import type { RegistryStore } from './registry-store.js'
import type { StageStore } from './stage-store.js'
import type { StatusStore } from './status-store.js'

/** What a store can do beyond the common contract; the conformance suite reads these. */
export interface StoreCapabilities {
  /** Several processes can share it. */
  shared: boolean
}

/** The port every store implements: one sub-store per face, all operations atomic. */
export interface Store {
  readonly name: string
  readonly capabilities: StoreCapabilities
  readonly jobs: JobStore
  readonly batches: BatchStore
  readonly registry: RegistryStore
  readonly stages: StageStore
  readonly statuses: StatusStore
  readonly queues: QueueStore
  readonly events: EventsStore
  /** Units with durable callbacks, for recovery (never a keyspace scan). */
  readonly callbackIndex: CallbackIndexStore
  /** Wall clock of the store in ms (memory stores may use a test clock). */
  now(): number
  /** Deletes every unit of every kind in this store's namespace; returns how many keys/units went. */
  purge(): Promise<number>
  close(): Promise<void>
}
