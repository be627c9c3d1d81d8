// The goal table of issue 14: each bench reports the goal figures it measures through
// goal(id, measurement) and bench/run.mjs prints every row at the end of the run, each as
// measured in that run, with the server and client CPU per operation of both sides.

/** The tests a goal's bound can name: the measured value against the bound. */
const BOUNDS = {
  '≥': (value, bound) => value >= bound,
  '≤': (value, bound) => value <= bound,
}

/**
 * The goals as [id, figure, bound, target, unit]: each row reads "figure: measured value
 * `bound` target" (e.g. ≥ 0.9x), and is met when the value passes that test.
 */
const GOAL_ROWS = [
  ['done-srem-1', 'done() throughput / raw SREM, 1 in flight', '≥', 0.9, 'x'],
  ['done-srem-64', 'done() throughput / raw SREM, 64 in flight', '≥', 0.6, 'x'],
  ['done-cpu-empty', 'Redis CPU per done() / per empty EVALSHA (`return 1`)', '≤', 1.5, 'x'],
  ['flow-child-done', 'Redis CPU per BullMQ flow child / per done()', '≥', 25, 'x'],
  ['queue-bullmq', 'queue createAndPush+popAndStart+finish / BullMQ add + Worker', '≥', 1.5, 'x'],
  ['process-bullmq', 'q.process() / BullMQ add + Worker', '≥', 2, 'x'],
  ['stages-50-1', '50-stage group / 1-stage group, staged-job lifecycle', '≥', 0.8, 'x'],
  ['staged-trips', 'staged job enqueue + start + finish, round trips', '≤', 3, ''],
  ['status-hincrby', 'status increment, unthrottled / raw HINCRBY', '≥', 0.7, 'x'],
]

/** Each goal: the figure, how the ratio reads and the test that says whether it is met. */
export const GOALS = GOAL_ROWS.map(([id, figure, bound, target, unit]) => ({
  id,
  figure,
  unit,
  goal: `${bound} ${target}${unit}`,
  met: (value) => BOUNDS[bound](value, target),
}))

/** Collects goal measurements: `record(id, { value, ours, reference })`, sides `{ name, serverUs, clientUs }`. */
export function goalRecorder() {
  const measured = new Map()
  return {
    record(id, measurement) {
      if (!GOALS.some((goal) => goal.id === id)) throw new Error(`unknown goal ${id}`)
      measured.set(id, measurement)
    },
    table() {
      return goalTable(measured)
    },
  }
}

function goalTable(measured) {
  const header = [
    'figure',
    'measured',
    'ours: server / client CPU per op',
    'reference: server / client CPU per op',
    'goal',
    'met',
  ]
  const rows = GOALS.map((goal) => {
    const m = measured.get(goal.id)
    if (!m) return [goal.figure, 'not measured in this run', '', '', goal.goal, '']
    const value = `${fmt(m.value)}${goal.unit}`
    return [
      goal.figure,
      value,
      side(m.ours),
      side(m.reference),
      goal.goal,
      goal.met(m.value) ? 'met' : 'NOT met',
    ]
  })
  return markdown([header, ...rows])
}

function side(s) {
  if (!s) return ''
  return `${s.name}: ${us(s.serverUs)} / ${us(s.clientUs)}`
}

function us(value) {
  return value === undefined || Number.isNaN(value) ? '–' : `${fmt(value)} µs`
}

function fmt(value) {
  return value.toLocaleString('en-US', { maximumFractionDigits: value < 10 ? 2 : 1 })
}

function markdown(rows) {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)))
  const line = (row) => `| ${row.map((cell, c) => cell.padEnd(widths[c])).join(' | ')} |`
  return [
    line(rows[0]),
    `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`,
    ...rows.slice(1).map(line),
  ].join('\n')
}
