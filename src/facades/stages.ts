import { newToken, validateId } from '../domain/ids.js'
import { groupNotFound, stagedJobNotFound } from '../domain/stage-errors.js'
import { validateGroupDescription } from '../domain/stage-input.js'
import { InvalidArgumentError } from '../errors/jobledger-error.js'
import { Group } from './group.js'
import { checkPayloadMatches, parsePayload, type StagedJobPayload } from './stage-payload.js'
import { StagedJob } from './staged-job.js'
import type { StagesContext } from './stages-context.js'

/** Creates a group, runs `block` to fill its stages, then initiates its first stage. */
export async function withinGrouping(
  context: StagesContext,
  description: string,
  block: (group: Group) => unknown,
): Promise<Group> {
  validateGroupDescription(description)
  if (typeof block !== 'function') throw new InvalidArgumentError('block must be a function.')
  context.requireDispatch('withinGrouping')
  const id = newToken()
  const record = await context.store.stages.createGroup(context.ref(id), description)
  await context.store.registry.register('group', id, record.createdAt)
  const group = new Group(context, record)
  try {
    await block(group)
  } catch (error) {
    await group.delete()
    throw error
  }
  await group.initiateSealed()
  return group
}

export async function openGroup(context: StagesContext, id: string): Promise<Group> {
  const groupId = validateId(id, 'group id')
  const record = await context.store.stages.readGroup(groupId)
  if (!record) throw groupNotFound(groupId)
  return new Group(context, record)
}

export async function openStagedJob(context: StagesContext, payload: unknown): Promise<StagedJob> {
  const { groupId, jobId } = parsePayload(payload)
  // Both reads leave in the same tick: one round trip.
  const [group, record] = await Promise.all([
    context.store.stages.readGroup(groupId),
    context.store.stages.readStagedJob(groupId, jobId),
  ])
  if (!group) throw groupNotFound(groupId)
  if (!record) throw stagedJobNotFound(groupId, jobId)
  checkPayloadMatches(payload as StagedJobPayload, record)
  return new StagedJob(context, record, new Group(context, group))
}
