import type { GroupRecord, Ledger, StageRecord } from '../../index.js'
import { formatProgress, formatTime } from '../format.js'
import type { Section } from '../output.js'
import { signalDetails } from './signal-details.js'
import { type Ending, listRowOf, type UnitView, type UnitViewer } from './unit-view.js'

type GroupJson = GroupRecord & { stages: StageRecord[] }

function jobsOf(record: GroupRecord): { settled: number; total: number } {
  const counts = Object.values(record.counts)
  return {
    settled: record.counts.successful + record.counts.failed,
    total: counts.reduce((sum, n) => sum + n, 0),
  }
}

function stateOf(group: GroupJson): string {
  if (group.compact) return group.state
  if (group.completedAt !== null) return 'complete'
  const running = group.stages.find((stage) => stage.status === 'running')
  return running ? `stage ${running.number} running` : 'pending'
}

function endingOf(group: GroupJson): Ending | null {
  if (group.completedAt === null) return null
  return group.counts.failed > 0 ? 'failed' : 'succeeded'
}

function viewOf(group: GroupJson, now: number): UnitView {
  const { settled, total } = jobsOf(group)
  const { counts } = group
  return {
    kind: 'group',
    id: group.id,
    json: group,
    state: stateOf(group),
    done: settled,
    total,
    ending: endingOf(group),
    counts: `${counts.successful} ok, ${counts.failed} failed, ${counts.pending_re_run} to re-run`,
    details: [
      ['group', group.id],
      ['description', group.description],
      ['state', stateOf(group)],
      ['jobs', `${formatProgress(settled, total)} settled`],
      ...Object.entries(counts).map(([status, n]): [string, string] => [status, String(n)]),
      ['created', formatTime(group.createdAt, now)],
      ['completed', formatTime(group.completedAt, now)],
      ...signalDetails(group, now),
    ],
  }
}

function readGroup(ledger: Ledger, id: string): Promise<GroupJson | null> {
  return ledger.groupWithStages(id)
}

/** Groups of stages: progress is staged jobs settled out of jobs enqueued. */
export const groupViewer: UnitViewer = {
  kind: 'group',

  async read(ledger: Ledger, id: string): Promise<UnitView | null> {
    const group = await readGroup(ledger, id)
    return group ? viewOf(group, Date.now()) : null
  },

  async sections(ledger: Ledger, id: string): Promise<Section[]> {
    const group = await readGroup(ledger, id)
    if (!group || group.stages.length === 0) return []
    return [
      {
        title: `stages (${group.stages.length})`,
        headers: ['stage', 'status', 'jobs', 'successful', 'failed', 'open'],
        rows: group.stages.map((stage) =>
          [
            stage.number,
            stage.status,
            stage.numJobs,
            stage.successful,
            stage.failed,
            stage.open,
          ].map(String),
        ),
      },
    ]
  },

  listRow: listRowOf('group', ({ summary }) => {
    const { settled, total } = jobsOf(summary)
    return { state: stateOf(summary), progress: formatProgress(settled, total) }
  }),
}
