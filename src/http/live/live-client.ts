const encoder = new TextEncoder()

/**
 * One open event stream. Updates are coalesced per key while the browser is slow to read,
 * so a client never holds more than one pending value per watched key.
 */
export class LiveClient {
  readonly keys: readonly string[]
  readonly stream: ReadableStream<Uint8Array>
  readonly #pending = new Map<string, string>()
  readonly #onClose: (client: LiveClient) => void
  #problem: string | null = null
  #ping = false
  #closed = false
  #wake: (() => void) | null = null
  #sequence = 0

  constructor(keys: readonly string[], retryMs: number, onClose: (client: LiveClient) => void) {
    this.keys = keys
    this.#onClose = onClose
    let first = true
    this.stream = new ReadableStream<Uint8Array>(
      {
        pull: async (controller) => {
          if (first) {
            first = false
            controller.enqueue(encoder.encode(`retry: ${retryMs}\n\n`))
            return
          }
          await this.#waitForWork()
          if (this.#closed) return controller.close()
          controller.enqueue(encoder.encode(this.#drain()))
        },
        cancel: () => this.close(),
      },
      { highWaterMark: 1 },
    )
  }

  /** Queues the latest value of a key, replacing any value the client has not read yet. */
  offer(key: string, json: string): void {
    this.#pending.set(key, json)
    this.#wakeUp()
  }

  problem(message: string): void {
    this.#problem = message
    this.#wakeUp()
  }

  ping(): void {
    this.#ping = true
    this.#wakeUp()
  }

  get pendingCount(): number {
    return this.#pending.size
  }

  close(): void {
    if (this.#closed) return
    this.#closed = true
    this.#pending.clear()
    this.#wakeUp()
    this.#onClose(this)
  }

  #hasWork(): boolean {
    return this.#closed || this.#pending.size > 0 || this.#ping || this.#problem !== null
  }

  async #waitForWork(): Promise<void> {
    while (!this.#hasWork()) await new Promise<void>((resolve) => (this.#wake = resolve))
  }

  #wakeUp(): void {
    const wake = this.#wake
    this.#wake = null
    wake?.()
  }

  #drain(): string {
    let text = ''
    for (const [key, json] of this.#pending) {
      text += `id: ${++this.#sequence}\nevent: update\ndata: {"key":${JSON.stringify(key)},"value":${json}}\n\n`
    }
    this.#pending.clear()
    if (this.#problem !== null) {
      text += `event: problem\ndata: ${JSON.stringify({ message: this.#problem })}\n\n`
      this.#problem = null
    }
    if (this.#ping) text += ': ping\n\n'
    this.#ping = false
    return text
  }
}
