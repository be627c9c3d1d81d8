import { InvalidArgumentError, isJobledgerError } from '../../errors/jobledger-error.js'
import type { Ledger } from '../../ledger.js'
import { readGroup, readStage } from '../routes/groups.js'
import type { LiveSource } from './live-source.js'

/** `group:<id>`: the group with its stages, each with `done` (jobs settled); null once gone. */
export function groupLiveSource(ledger: Ledger): LiveSource {
  return {
    name: 'group',
    read: (ids) =>
      Promise.all(ids.map((id) => orNull(async () => withDone(await readGroup(ledger, id))))),
  }
}

/**
 * `stage:["<group id>",<number>]`: the stage with `done` and `jobs` keyed by job id, each
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
            return { ...stage, done: stage.successful + stage.failed, jobs }
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

function withDone<T extends { stages: { successful: number; failed: number }[] }>(group: T) {
  return { ...group, stages: group.stages.map((s) => ({ ...s, done: s.successful + s.failed })) }
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
