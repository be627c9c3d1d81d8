// The goal table of issue 14: each bench reports the goal figures it measures through
// goal(id, measurement) and bench/run.mjs prints every row at the end of the run, each as
// measured in that run, with the server and client CPU per operation of both sides.

/** Each goal: the figure, how the ratio reads and the test that says whether it is met. */
export const GOALS = [
  {
    id: 'done-srem-1',
    figure: 'done() throughput / raw SREM, 1 in flight',
    goal: '≥ 0.9x',
    met: (x) => x >= 0.9,
  },
  {
    id: 'done-srem-64',
    figure: 'done() throughput / raw SREM, 64 in flight',
    goal: '≥ 0.6x',
    met: (x) => x >= 0.6,
  },
  {
    id: 'done-cpu-empty',
    figure: 'Redis CPU per done() / per empty EVALSHA (`return 1`)',
    goal: '≤ 1.5x',
    met: (x) => x <= 1.5,
  },
  {
    id: 'flow-child-done',
    figure: 'Redis CPU per BullMQ flow child / per done()',
    goal: '≥ 25x',
    met: (x) => x >= 25,
  },
  {
    id: 'queue-bullmq',
    figure: 'queue createAndPush+popAndStart+finish / BullMQ add + Worker',
    goal: '≥ 1.5x',
    met: (x) => x >= 1.5,
  },
  {
    id: 'process-bullmq',
    figure: 'q.process() / BullMQ add + Worker',
    goal: '≥ 2x',
    met: (x) => x >= 2,
  },
  {
    id: 'stages-50-1',
    figure: '50-stage group / 1-stage group, staged-job lifecycle',
    goal: '≥ 0.8x',
    met: (x) => x >= 0.8,
  },
  {
    id: 'staged-trips',
    figure: 'staged job enqueue + start + finish, round trips',
    goal: '≤ 3',
    met: (x) => x <= 3,
  },
  {
    id: 'status-hincrby',
    figure: 'status increment, unthrottled / raw HINCRBY',
    goal: '≥ 0.7x',
    met: (x) => x >= 0.7,
  },
]

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
    const value = goal.id === 'staged-trips' ? fmt(m.value) : `${fmt(m.value)}x`
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
