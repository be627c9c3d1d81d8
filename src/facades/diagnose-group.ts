import type { GroupRecord, StageRecord } from '../store/stage-store.js'
import type { Store } from '../store/store.js'
import {
  callbacksDueFinding,
  type Diagnosis,
  type Finding,
  finding,
  firstFew,
  plural,
  ttlFinding,
} from './diagnose-findings.js'

/** A queued job not confirmed this long after queueing is reported as undispatched. */
const UNDISPATCHED_AFTER_MS = 60_000

/** Why a group is not over yet; null when there is no such group (nor its summary). */
export async function diagnoseGroup(
  store: Store,
  id: string,
  canDispatch: boolean,
): Promise<Diagnosis | null> {
  const group = await store.stages.readGroup(id)
  if (!group) return null
  const now = store.now()
  const due = callbacksDueFinding(await store.stages.readOutbox(id, null), now, canDispatch)
  const over = group.compact || group.completedAt !== null
  const findings = over ? [due] : [...(await liveFindings(store, group, now)), due]
  const found = findings.filter((item): item is Finding => item !== null)
  const { state, compact } = group
  return { id, kind: 'group', state, compact, healthy: found.length === 0, findings: found }
}

async function liveFindings(
  store: Store,
  group: GroupRecord,
  now: number,
): Promise<(Finding | null)[]> {
  const stages = await store.stages.readStages(group.id)
  const running = stages.find((stage) => stage.status === 'running') ?? null
  return [
    unsealedFinding(group),
    group.state === 'stopped' ? stoppedFinding(group) : null,
    running ? await stageFinding(store, group.id, running) : idleFinding(group, stages),
    await undispatchedFinding(store, group.id, now),
    ttlFinding(group.expiresAt - now, group.policy.ttlMs, 'group'),
  ]
}

function unsealedFinding(group: GroupRecord): Finding | null {
  if (group.sealed) return null
  return finding(
    'unsealed',
    "The group's withinGrouping block never returned: its producer is still filling it, or died.",
    'wait for the producer; after an hour `jobledger cleanup` initiates it anyway',
  )
}

function stoppedFinding(group: GroupRecord): Finding | null {
  if (group.counts.running === 0) return null
  return finding(
    'stopped_running',
    `The group was cancelled with ${plural(group.counts.running, 'staged job')} still running: they may finish, but start nothing.`,
    null,
  )
}

function idleFinding(group: GroupRecord, stages: readonly StageRecord[]): Finding | null {
  const left = stages.filter((stage) => stage.status === 'pending')
  if (!group.sealed || group.state === 'stopped' || left.length === 0) return null
  return finding(
    'no_running_stage',
    `No stage is running, but ${plural(left.length, 'stage')} ${left.length === 1 ? 'is' : 'are'} pending (${firstFew(
      left.map((s) => `stage ${s.number}`),
      left.length,
    )}).`,
    'jobledger cleanup (it initiates the current stage)',
  )
}

async function stageFinding(store: Store, groupId: string, stage: StageRecord): Promise<Finding> {
  const jobs = await store.stages.readStageJobs(groupId, stage.number)
  const rerun = jobs.filter((job) => job.status === 'pending_re_run')
  if (rerun.length > 0)
    return finding(
      'pending_re_run',
      `Stage ${stage.number} waits for ${plural(rerun.length, 'job')} to be run again (${firstFew(
        rerun.map((j) => `${j.id} ${j.name}`),
        rerun.length,
      )}): their last run failed and will be retried.`,
      'check the queue retries them; a job that will not be retried should run with willRetry: () => false',
      rerun.map((job) => job.id),
    )
  const open = jobs.filter((job) => job.status === 'queued' || job.status === 'running')
  return finding(
    'stage_open',
    `Stage ${stage.number} has ${plural(stage.open, 'job')} open of ${stage.numJobs} (${firstFew(
      open.map((j) => `${j.id} ${j.name} ${j.status}`),
      open.length,
    )}).`,
    `jobledger status ${groupId} --kind group`,
    open.map((job) => job.id),
  )
}

async function undispatchedFinding(store: Store, groupId: string, now: number) {
  const stuck = await store.stages.undispatched(groupId, now - UNDISPATCHED_AFTER_MS)
  if (stuck.length === 0) return null
  return finding(
    'undispatched',
    `${plural(stuck.length, 'staged job')} queued over a minute ago ${stuck.length === 1 ? 'was' : 'were'} never confirmed as dispatched (${firstFew(
      stuck.map((j) => `${j.id} ${j.name}`),
      stuck.length,
    )}).`,
    'jobledger cleanup --queue <name> (or ledger.cleaner.cleanupOrphans() with your dispatch)',
    stuck.map((job) => job.id),
  )
}
