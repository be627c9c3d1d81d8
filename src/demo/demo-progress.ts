import { MultiBar, type SingleBar } from 'cli-progress'
import { formatDuration } from '../cli/format.js'
import type { Output } from '../cli/output.js'

export interface ProgressLine {
  label: string
  done: number
  total: number
  unit: string
  /** Shown instead of the counts when set, e.g. `pending`. */
  state: string
}

/** What the demo shows while it runs: one line per stage and per worker. */
export interface DemoProgress {
  elapsedMs: number
  stages: ProgressLine[]
  workers: ProgressLine[]
  queue: string
}

export interface DemoDisplay {
  update(progress: DemoProgress): void
  stop(): void
}

export function createDemoDisplay(out: Output): DemoDisplay {
  return out.isTTY ? new BarsDisplay(out) : new LinesDisplay(out)
}

function rate(line: ProgressLine, elapsedMs: number): number {
  return elapsedMs > 0 ? line.done / (elapsedMs / 1000) : 0
}

function formatRate(perSecond: number): string {
  return perSecond >= 10_000 ? `${(perSecond / 1000).toFixed(1)}k` : String(Math.round(perSecond))
}

function eta(line: ProgressLine, elapsedMs: number): string {
  if (line.done >= line.total) return '0s'
  const perSecond = rate(line, elapsedMs)
  return perSecond > 0 ? formatDuration(((line.total - line.done) / perSecond) * 1000) : '-'
}

function speedOf(line: ProgressLine, elapsedMs: number): string {
  return line.unit !== 'items' ? '-' : `${formatRate(rate(line, elapsedMs))} ${line.unit}/s`
}

/** Plain lines for pipes and CI: at most one a second, and one at the end. */
class LinesDisplay implements DemoDisplay {
  readonly #out: Output
  #lastAt = Number.NEGATIVE_INFINITY
  #last: DemoProgress | null = null

  constructor(out: Output) {
    this.#out = out
  }

  update(progress: DemoProgress): void {
    this.#last = progress
    if (progress.elapsedMs - this.#lastAt < 1000) return
    this.#lastAt = progress.elapsedMs
    this.#print(progress)
  }

  stop(): void {
    if (this.#last && this.#last.elapsedMs !== this.#lastAt) this.#print(this.#last)
    this.#last = null
  }

  #print(progress: DemoProgress): void {
    const { elapsedMs } = progress
    const stages = progress.stages.map((line) => {
      if (line.state) return `${line.label} ${line.state}`
      if (line.unit !== 'items') return `${line.label} ${line.done}/${line.total} ${line.unit}`
      const pct = line.total > 0 ? Math.floor((line.done / line.total) * 100) : 0
      return `${line.label} ${line.done}/${line.total} (${pct}%) ${speedOf(line, elapsedMs)} ETA ${eta(line, elapsedMs)}`
    })
    const workers = progress.workers.map((line) => line.done).join(' ')
    this.#out.line(
      `[${formatDuration(elapsedMs).padStart(5)}] ${stages.join(' | ')} | queue ${progress.queue} | workers ${workers}`,
    )
  }
}

/** Live bars on a terminal: one per stage, one per worker. */
class BarsDisplay implements DemoDisplay {
  readonly #bars: MultiBar
  readonly #byLabel = new Map<string, SingleBar>()
  #queue: SingleBar | null = null

  constructor(out: Output) {
    this.#bars = new MultiBar({
      stream: out.streams.stdout,
      format: '{label} [{bar}] {percentage}% | {value}/{total} {unit} | {speed} | ETA {left}',
      hideCursor: true,
      clearOnComplete: false,
      barsize: 24,
    })
  }

  update(progress: DemoProgress): void {
    for (const line of [...progress.stages, ...progress.workers]) {
      const payload = {
        label: line.label.padEnd(16),
        unit: line.unit,
        speed: line.state || speedOf(line, progress.elapsedMs),
        left: eta(line, progress.elapsedMs),
      }
      const total = Math.max(line.total, 1)
      const bar = this.#byLabel.get(line.label)
      if (bar) {
        bar.setTotal(total)
        bar.update(line.done, payload)
      } else {
        this.#byLabel.set(line.label, this.#bars.create(total, line.done, payload))
      }
    }
    this.#queue ??= this.#bars.create(1, 0, {}, { format: 'queue            {queue}' })
    this.#queue.update(0, { queue: progress.queue })
  }

  stop(): void {
    this.#bars.stop()
  }
}
