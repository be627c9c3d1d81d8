import { InvalidArgumentError, isJobledgerError } from '../../errors/jobledger-error.js'
import type { Ledger } from '../../ledger.js'
import { type GroupView, readGroup, readStage } from '../routes/groups.js'
import { ratesOf } from './eta.js'
import type { LiveSource } from './live-source.js'

/**
 * `group:<id>`: the group with `state` (pending, running, complete), `done`/`jobs` (staged
 * jobs settled of all) and its stages, each with `done` (jobs settled) and `eta`; null once gone.
 */
export function groupLiveSource(ledger: Ledger): LiveSource {
  return {
    name: 'group',
    read: (ids) =>
      Promise.all(
        ids.map((id) => orNull(async () => groupLiveView(ledger, await readGroup(ledger, id)))),
      ),
  }
}

/** The group as its live key carries it (and the pages render it first). */
export function groupLiveView(ledger: Ledger, group: GroupView) {
  const now = ledger.now()
  const stages = group.stages.map((stage) => {
    const done = stage.successful + stage.failed
    const eta = ratesOf(ledger).eta(stageKey(group.id, stage.number), now, {
      done,
      total: stage.numJobs,
      startedAt: null,
      ended: stage.status !== 'running',
    })
    return { ...stage, done, eta }
  })
  const { done, jobs } = group.compact ? jobsOf(group.counts) : jobsOfStages(stages)
  return { ...group, state: groupState(group), done, jobs, stages }
}

/** Jobs settled of all, from the group's counts (a compact group keeps no stages). */
function jobsOf(counts: GroupView['counts']): { done: number; jobs: number } {
  const jobs = Object.values(counts).reduce((n, count) => n + count, 0)
  return { done: counts.successful + counts.failed, jobs }
}

function jobsOfStages(stages: { done: number; numJobs: number }[]): { done: number; jobs: number } {
  const done = stages.reduce((n, s) => n + s.done, 0)
  return { done, jobs: stages.reduce((n, s) => n + s.numJobs, 0) }
}

/** A group's state as the pages name it: complete, stopped (cancelled), running (a stage runs) or pending. */
export function groupState(group: {
  completedAt: number | null
  state: string
  stages: { status: string }[]
}): 'pending' | 'running' | 'complete' | 'stopped' {
  if (group.completedAt !== null) return 'complete'
  if (group.state === 'stopped') return 'stopped'
  return group.stages.some((stage) => stage.status === 'running') ? 'running' : 'pending'
}

/**
 * `stage:["<group id>",<number>]`: the stage with `done`, `eta` and `jobs` keyed by job id, each
 * `{ status, statusMessage }`; the id is JSON because group ids may hold any character.
 */
export function stageLiveSource(ledger: Ledger): LiveSource {
  return {
    name: 'stage',
    validate: (id) => void parseStageKey(id),
    read: (ids) =>
      Promise.all(
        ids.map((id) =>
          orNull(async () => {
            const [groupId, number] = parseStageKey(id)
            const stage = await readStage(ledger, groupId, number)
            const jobs = Object.fromEntries(
              stage.jobs.map((job) => [
                job.id,
                { status: job.status, statusMessage: job.statusMessage },
              ]),
            )
            const done = stage.successful + stage.failed
            const eta = ratesOf(ledger).eta(stageKey(groupId, number), ledger.now(), {
              done,
              total: stage.numJobs,
              startedAt: null,
              ended: stage.status !== 'running',
            })
            return { ...stage, done, eta, jobs }
          }),
        ),
      ),
  }
}

export function stageKey(groupId: string, number: number): string {
  return `stage:${JSON.stringify([groupId, number])}`
}

function parseStageKey(id: string): [string, number] {
  let parsed: unknown
  try {
    parsed = JSON.parse(id)
  } catch {
    parsed = null
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 2 ||
    typeof parsed[0] !== 'string' ||
    !Number.isSafeInteger(parsed[1])
  ) {
    throw new InvalidArgumentError('A stage key is stage:["<group id>",<stage number>].')
  }
  return [parsed[0], parsed[1] as number]
}

/** A unit that is gone (NOT_FOUND) reads as null, like every other live source. */
async function orNull<T>(read: () => Promise<T>): Promise<T | null> {
  try {
    return await read()
  } catch (error) {
    if (isJobledgerError(error) && error.code === 'NOT_FOUND') return null
    throw error
  }
}
