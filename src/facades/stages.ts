import { groupPolicyOf } from '../domain/group-input.js'
import { newToken, validateId } from '../domain/ids.js'
import { optionsOf } from '../domain/options.js'
import { groupNotFound } from '../domain/stage-errors.js'
import { validateGroupDescription } from '../domain/stage-input.js'
import { validateUnitName } from '../domain/unit-name.js'
import { InvalidArgumentError } from '../errors/jobledger-error.js'
import {
  type CreationCallbacks,
  creationCallbacksOf,
  registerGroupCallbacks,
} from './callback-registration.js'
import { Group } from './group.js'
import { parsePayload } from './stage-payload.js'
import { StagedJob } from './staged-job.js'
import type { StagesContext } from './stages-context.js'

/** withinGrouping's options; the durations (ms) become the group's own policy. */
export interface GroupingOptions {
  /** Free text, at most 1,024 characters; default: the group's id. */
  description?: string
  /** A short display name (1 to 200 characters), listed beside the description. */
  name?: string
  /** The group lives this long after its last write (at most 1.5 ×); default `defaults.group.ttlMs`. */
  ttlMs?: number
  /** How long a completed group's details are kept; 0 drops them when it completes. */
  keepCompletedMs?: number
  /** How long its compact summary outlives the details. */
  summaryTtlMs?: number
  /**
   * The group's durable callbacks per signal, stored right after the group is created and
   * before the block runs: `{ settled: { name: 'nightly-report', args: [] } }` (see `group.on`).
   */
  callbacks?: CreationCallbacks
}

type GroupBlock = (group: Group) => unknown

function groupingArguments(
  first: string | GroupingOptions | GroupBlock | undefined | null,
  second: GroupBlock | undefined,
): { options: GroupingOptions; block: unknown } {
  if (typeof first === 'function') return { options: {}, block: first }
  if (typeof first === 'string') return { options: { description: first }, block: second }
  return { options: optionsOf(first, 'withinGrouping options'), block: second }
}

/** Creates a group, runs `block` to fill its stages, then initiates its first stage. */
export async function withinGrouping(
  context: StagesContext,
  first: string | GroupingOptions | GroupBlock | undefined | null,
  second?: GroupBlock,
): Promise<Group> {
  const { options, block } = groupingArguments(first, second)
  const id = newToken()
  const description = validateGroupDescription(options.description ?? id)
  const name = options.name === undefined ? null : validateUnitName(options.name)
  const policy = groupPolicyOf(options, context.policy)
  if (typeof block !== 'function') throw new InvalidArgumentError('block must be a function.')
  context.requireDispatch('withinGrouping')
  const callbacks = creationCallbacksOf(options.callbacks, context.callbacks)
  const created = await context.write('withinGrouping', undefined, (op) =>
    context.store.stages.createGroup({ id, name, description, policy }, op),
  )
  // A group without a name is found by the description it was given.
  const names = { name: name ?? options.description ?? null, description: null }
  await context.store.registry.register('group', id, created.group.createdAt, names)
  const group = new Group(context, created.group)
  try {
    for (const [signal, inputs] of callbacks)
      await registerGroupCallbacks(context, id, '', signal, inputs, undefined)
    await (block as GroupBlock)(group)
  } catch (error) {
    await group.delete()
    throw error
  }
  await group.initiateSealed()
  return group
}

/** A group by id; NOT_FOUND when unknown, or when only its compact summary is left. */
export async function openGroup(context: StagesContext, id: string): Promise<Group> {
  const groupId = validateId(id, 'group id')
  const record = await context.store.stages.readGroup(groupId)
  if (!record || record.compact) throw groupNotFound(groupId)
  return new Group(context, record)
}

/** The staged job a payload stands for, from the payload alone: run() checks it with the store. */
export async function openStagedJob(context: StagesContext, payload: unknown): Promise<StagedJob> {
  return new StagedJob(context, parsePayload(payload))
}
