import { afterEach } from 'vitest'
import { createDashboard, type Dashboard, type DashboardOptions } from '../../src/dashboard.js'
import { createLedger, type Ledger, type LedgerOptions } from '../../src/index.js'

const opened: { ledger: Ledger; app: Dashboard }[] = []

afterEach(async () => {
  for (const { ledger, app } of opened.splice(0)) {
    app.close()
    await ledger.close()
  }
})

/** A memory ledger and a dashboard over it, both closed after the test. */
export function dashboardOnMemory(
  options: DashboardOptions = {},
  ledgerOptions: LedgerOptions = {},
): {
  ledger: Ledger
  app: Dashboard
} {
  const ledger = createLedger(ledgerOptions)
  const app = createDashboard(ledger, options)
  opened.push({ ledger, app })
  return { ledger, app }
}

/** A job with `parts` parts, closed, `done` of them settled as succeeded. */
export async function seedJob(
  ledger: Ledger,
  token: string,
  parts: number,
  done = 0,
): Promise<void> {
  const job = ledger.job(token)
  await job.pushEach(
    Array.from({ length: parts }, (_, i) => i),
    () => undefined,
  )
  for (let part = 0; part < done; part++) await job.done(part)
}

export interface SseEvent {
  event: string
  id: string | null
  data: string
}

/** Reads Server-Sent Events from a response body, one parsed event at a time. */
export class SseReader {
  readonly #reader: ReadableStreamDefaultReader<Uint8Array>
  readonly #decoder = new TextDecoder()
  #buffer = ''
  readonly #latest = new Map<string, Record<string, unknown> | null>()

  constructor(response: Response) {
    this.#reader = response.body!.getReader()
  }

  /** The next event (comments and retry lines skipped). */
  async next(): Promise<SseEvent> {
    for (;;) {
      const end = this.#buffer.indexOf('\n\n')
      if (end >= 0) {
        const block = this.#buffer.slice(0, end)
        this.#buffer = this.#buffer.slice(end + 2)
        const event = parse(block)
        if (event) return event
        continue
      }
      const { value, done } = await this.#reader.read()
      if (done) throw new Error('The event stream ended.')
      this.#buffer += this.#decoder.decode(value, { stream: true })
    }
  }

  /**
   * The value of `key` once an update satisfies `accept`: the latest update already read for
   * that key (an update is sent only on change, and may have come while waiting for another
   * key), else the next ones.
   */
  async until(
    key: string,
    accept: (value: Record<string, unknown> | null) => boolean,
  ): Promise<Record<string, unknown> | null> {
    if (this.#latest.has(key) && accept(this.#latest.get(key) ?? null)) {
      return this.#latest.get(key) ?? null
    }
    for (;;) {
      const event = await this.next()
      if (event.event !== 'update') continue
      const update = JSON.parse(event.data) as {
        key: string
        value: Record<string, unknown> | null
      }
      this.#latest.set(update.key, update.value)
      if (update.key === key && accept(update.value)) return update.value
    }
  }

  async close(): Promise<void> {
    await this.#reader.cancel()
  }
}

function parse(block: string): SseEvent | null {
  let event = 'message'
  let id: string | null = null
  const data: string[] = []
  for (const line of block.split('\n')) {
    if (line.startsWith('event: ')) event = line.slice(7)
    else if (line.startsWith('id: ')) id = line.slice(4)
    else if (line.startsWith('data: ')) data.push(line.slice(6))
  }
  return data.length === 0 ? null : { event, id, data: data.join('\n') }
}
