import { validateId } from '../domain/ids.js'
import { optionsOf } from '../domain/options.js'
import { StatusSnapshot } from '../domain/status-snapshot.js'
import { InvalidArgumentError } from '../errors/jobledger-error.js'
import type { LedgerCore } from './ledger-core.js'
import { PendingStatuses } from './pending-statuses.js'
import { Status, type StatusOptions, statusCreationOf, statusSubjectOf } from './status.js'
import { StatusHandles } from './status-handles.js'
import { validateThrottle } from './status-input.js'
import { systemScheduler } from './status-writer.js'
import { runTracked } from './track.js'
import { registryNamesOf } from './unit-names.js'
import { type WatchOptions, watchStatus } from './watch.js'

/** The status face of one ledger: its shared handles, throttled writes and watches. */
export class LedgerStatuses {
  readonly #core: LedgerCore
  readonly #pending = new PendingStatuses()
  readonly #handles = new StatusHandles()
  readonly #watchStops = new Set<() => void>()

  constructor(core: LedgerCore) {
    this.#core = core
  }

  handle(id: string, options: StatusOptions = {}): Status {
    options = optionsOf(options, 'status options')
    const creation = statusCreationOf(options, this.#core.defaults.status)
    const unit = { id: validateId(id, 'status id'), creation, subject: statusSubjectOf(options) }
    const throttleMs = validateThrottle(options?.throttleMs)
    const names = registryNamesOf(options)
    return this.#handles.get(unit, throttleMs, () => {
      return new Status(this.#core, unit, throttleMs, systemScheduler, this.#pending, names)
    })
  }

  async read(id: string): Promise<StatusSnapshot | null> {
    const record = await this.#core.store.statuses.readStatus(validateId(id, 'status id'))
    return record ? new StatusSnapshot(id, record) : null
  }

  async track<T>(
    id: string,
    fn: (status: Status) => T | Promise<T>,
    options: StatusOptions = {},
  ): Promise<T> {
    if (typeof fn !== 'function') throw new InvalidArgumentError('track needs a function to run.')
    const status = this.handle(id, optionsOf(options, 'track options'))
    return runTracked(this.#core.store, status, fn)
  }

  watch(id: string, options: WatchOptions = {}): AsyncIterable<StatusSnapshot> {
    const checked = optionsOf(options, 'watch options')
    const valid = validateId(id, 'status id')
    return watchStatus(this.#core.store, valid, this.#watchStops, checked)
  }

  /** Ends every watch and writes what throttled handles still hold; the first failure, if any. */
  async close(): Promise<unknown> {
    for (const stop of [...this.#watchStops]) stop()
    const flushed = await this.#pending.flushAll().then(
      () => null,
      (error: unknown) => error,
    )
    this.#pending.close()
    return flushed
  }
}
