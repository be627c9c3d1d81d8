import { SingleBar } from 'cli-progress'
import { formatDuration, formatProgress } from './format.js'
import type { Output } from './output.js'
import { sanitize } from './terminal-text.js'
import type { UnitView } from './views/unit-view.js'

/** Shows a unit's progress as it changes: a live bar on a terminal, plain lines otherwise. */
export interface ProgressDisplay {
  update(view: UnitView): void
  stop(): void
}

export function createProgressDisplay(out: Output, label: string): ProgressDisplay {
  return out.isTTY ? new BarDisplay(out, label) : new LineDisplay(out, label)
}

class LineDisplay implements ProgressDisplay {
  readonly #out: Output
  readonly #label: string
  #last = ''

  constructor(out: Output, label: string) {
    this.#out = out
    this.#label = label
  }

  update(view: UnitView): void {
    const line = `${this.#label}: ${formatProgress(view.done, view.total)} ${view.state}, ${view.counts}`
    if (line === this.#last) return
    this.#last = line
    this.#out.line(line)
  }

  stop(): void {}
}

class BarDisplay implements ProgressDisplay {
  readonly #bar: SingleBar
  readonly #label: string
  #started = false
  #first: { at: number; done: number } | null = null

  constructor(out: Output, label: string) {
    this.#label = label
    this.#bar = new SingleBar({
      stream: out.streams.stdout,
      format: '{label} [{bar}] {percentage}% | {done}/{units} | {state} | {counts} | ETA {left}',
      hideCursor: true,
      etaBuffer: 20,
      clearOnComplete: false,
    })
  }

  update(view: UnitView): void {
    // A bar cannot show 0 of 0: a unit with nothing counted yet reads as an empty bar.
    const total = Math.max(view.total, 1)
    const value = view.total === 0 ? 0 : view.done
    const payload = {
      label: sanitize(this.#label),
      done: view.done,
      units: view.total,
      state: sanitize(view.state),
      counts: sanitize(view.counts),
      left: this.#eta(view),
    }
    if (!this.#started) {
      this.#bar.start(total, value, payload)
      this.#started = true
      return
    }
    this.#bar.setTotal(total)
    this.#bar.update(value, payload)
  }

  /** Time left at the rate seen since watching began; `-` until there is a rate. */
  #eta(view: UnitView): string {
    const now = Date.now()
    this.#first ??= { at: now, done: view.done }
    if (view.ending !== null) return '0s'
    const rate = (view.done - this.#first.done) / (now - this.#first.at)
    if (!(rate > 0)) return '-'
    return formatDuration(Math.max(view.total - view.done, 0) / rate)
  }

  stop(): void {
    if (this.#started) this.#bar.stop()
    this.#started = false
  }
}
