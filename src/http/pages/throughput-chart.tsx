import {
  BUCKETS,
  THROUGHPUT_RANGES,
  type ThroughputPoint,
  type ThroughputRange,
} from '../live/throughput-history.js'
import { hrefOf, LiveText } from './components.js'

const WIDTH = 640
const HEIGHT = 180
const LEFT = 64
const RIGHT = 12
const TOP = 10
const BOTTOM = 26
const PLOT_W = WIDTH - LEFT - RIGHT
const PLOT_H = HEIGHT - TOP - BOTTOM

/** The chart as SVG geometry and texts: what the page draws first and the live key carries. */
export interface ThroughputChart {
  range: ThroughputRange
  itemsPath: string
  partsPath: string
  /** Labels of the y axis at 0, half and the top. */
  yTicks: string[]
  /** The newest rates sampled (null before the first sample) and the highest in range. */
  now: { items: number | null; parts: number | null }
  peak: { items: number; parts: number }
  summary: string
}

export function throughputChart(
  range: ThroughputRange,
  points: ThroughputPoint[],
): ThroughputChart {
  const rates = points.flatMap((p) => [p.itemsPerSecond ?? 0, p.partsPerSecond ?? 0])
  const top = niceCeiling(Math.max(1, ...rates))
  const last = points.filter((p) => p.itemsPerSecond !== null).at(-1)
  const peak = {
    items: Math.max(0, ...points.map((p) => p.itemsPerSecond ?? 0)),
    parts: Math.max(0, ...points.map((p) => p.partsPerSecond ?? 0)),
  }
  const now = { items: last?.itemsPerSecond ?? null, parts: last?.partsPerSecond ?? null }
  const label = THROUGHPUT_RANGES[range].label
  const summary =
    now.items === null
      ? `No samples in the ${label} yet: the chart fills while a dashboard page is open.`
      : `Items settled per second, ${label}: now ${formatRate(now.items)}, peak ${formatRate(peak.items)}; parts now ${formatRate(now.parts ?? 0)}, peak ${formatRate(peak.parts)}.`
  return {
    range,
    itemsPath: pathOf(
      points.map((p) => p.itemsPerSecond),
      top,
    ),
    partsPath: pathOf(
      points.map((p) => p.partsPerSecond),
      top,
    ),
    yTicks: [0, top / 2, top].map(formatRate),
    now,
    peak,
    summary,
  }
}

/** 1, 2, 5 × 10^k: the smallest at or above `value`. */
function niceCeiling(value: number): number {
  const power = 10 ** Math.floor(Math.log10(value))
  for (const step of [1, 2, 5, 10]) if (value <= step * power) return step * power
  return 10 * power
}

export function formatRate(value: number): string {
  const text = value >= 100 ? Math.round(value).toLocaleString('en-US') : String(value)
  return `${text}/s`
}

function pathOf(values: readonly (number | null)[], top: number): string {
  const step = PLOT_W / (BUCKETS - 1)
  let path = ''
  let open = false
  for (const [i, value] of values.entries()) {
    if (value === null) {
      open = false
      continue
    }
    const x = (LEFT + i * step).toFixed(1)
    const y = (TOP + PLOT_H - (value / top) * PLOT_H).toFixed(1)
    const next = values[i + 1]
    path += open ? `L${x},${y}` : `M${x},${y}${next === null || next === undefined ? 'h0.1' : ''}`
    open = true
  }
  return path
}

/** Where the x axis is labelled: every minute over 5 min, every 15 min over the hour. */
function xTicks(range: ThroughputRange): { x: number; label: string }[] {
  const { bucketMs } = THROUGHPUT_RANGES[range]
  const tickMs = range === '5m' ? 60_000 : 900_000
  const step = PLOT_W / (BUCKETS - 1)
  const ticks: { x: number; label: string }[] = []
  for (let i = BUCKETS - 1; i >= 0; i -= tickMs / bucketMs) {
    const ago = ((BUCKETS - 1 - i) * bucketMs) / 60_000
    ticks.push({ x: LEFT + i * step, label: ago === 0 ? 'now' : `−${ago} min` })
  }
  return ticks
}

/** The throughput chart with its axes, legend and range links; redrawn by `throughput:<range>`. */
export function ThroughputFigure(props: { base: string; chart: ThroughputChart }) {
  const { base, chart } = props
  const key = `throughput:${chart.range}`
  const yAt = [TOP + PLOT_H, TOP + PLOT_H / 2, TOP]
  return (
    <figure class="throughput">
      <div class="throughput-head">
        <h2 id="throughput-title">Throughput</h2>
        <nav class="tabs" aria-label="Time range">
          {(Object.keys(THROUGHPUT_RANGES) as ThroughputRange[]).map((range) => (
            <a
              href={hrefOf(base, [''], { range })}
              aria-current={range === chart.range ? 'page' : undefined}
            >
              {THROUGHPUT_RANGES[range].label}
            </a>
          ))}
        </nav>
      </div>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img">
        <title data-live={key} data-field="summary">
          {chart.summary}
        </title>
        {yAt.map((y, i) => (
          <>
            <line class="grid" x1={LEFT} x2={WIDTH - RIGHT} y1={y} y2={y} />
            <text class="y-label" x={LEFT - 6} y={y + 4} data-live={key} data-field={`yTicks.${i}`}>
              {chart.yTicks[i]}
            </text>
          </>
        ))}
        {xTicks(chart.range).map((tick) => (
          <text class="x-label" x={tick.x} y={HEIGHT - 6}>
            {tick.label}
          </text>
        ))}
        <path
          class="series items"
          d={chart.itemsPath}
          data-live={key}
          data-attrs='{"d":"itemsPath"}'
        />
        <path
          class="series parts"
          d={chart.partsPath}
          data-live={key}
          data-attrs='{"d":"partsPath"}'
        />
      </svg>
      <figcaption>
        <span class="legend items">items settled/s</span>{' '}
        <span class="legend parts">parts settled/s</span>{' '}
        <LiveText liveKey={key} field="summary" text={chart.summary} />
      </figcaption>
    </figure>
  )
}
