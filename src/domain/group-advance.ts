import {
  afterWrite,
  completeGroup,
  fireGroupSignals,
  isSettled,
  lookup,
  recordStageFired,
  requireDetails,
  summaryOf,
  summaryOfRecord,
} from './group-life.js'
import type { AdvanceResult, FiredSignal, GroupSummary } from './group-records.js'
import type { GroupDetails, GroupTable, StageUnit, StoredGroup } from './group-unit.js'
import {
  setJobStatus,
  stagedJobRecordOf,
  stageStatusOf,
  undispatchedQueuedBy,
} from './group-views.js'
import type { OpId } from './op-id.js'
import { closeParts, isFinished, newPartsRecord } from './parts.js'
import { refuse } from './stage-refusals.js'

/*
 * Moving a group forward. The group points at its current stage (the lowest that is not
 * complete), so advancing looks only at the stages after it: each stage is passed once in
 * the group's life. Initiating a stage queues its pending jobs (only the initiating caller
 * dispatches them) and closes it; an empty stage completes at once and the next follows.
 */

/** A write that moves the group: where it queues jobs and records fired signals. */
export interface AdvanceStep {
  table: GroupTable
  stored: StoredGroup
  details: GroupDetails
  now: number
  op: OpId
  queued: string[]
  fired: FiredSignal[]
}

export function stageCreatable(details: GroupDetails, number: number): boolean {
  const { current } = details.unit
  return !details.stage(number) && (current === null || number > current)
}

export function addStageUnit(details: GroupDetails, number: number): StageUnit {
  const stage = { number, parts: newPartsRecord() }
  details.addStage(stage)
  details.unit.stageCount++
  return stage
}

/** Queues a pending stage's jobs and closes it; true when that completed it (it was empty). */
export function runStage(step: AdvanceStep, stage: StageUnit): boolean {
  const { details, now, op } = step
  for (const id of details.stageJobIds(stage.number)) {
    const job = details.job(id)!
    if (job.status !== 'pending') continue
    setJobStatus(details.unit, job, 'queued')
    job.queueOp = op
    details.markUndispatched(id, now)
    step.queued.push(id)
  }
  const change = closeParts(stage.parts, now, op)
  recordStageFired(step.stored, details, stage, change.fired, now, step.fired)
  return isFinished(stage.parts)
}

/**
 * Runs the stages from the current one on until one is left running (false) or none is left
 * (true: every stage is complete). A cancelled group does not advance.
 */
export function advance(step: AdvanceStep): boolean {
  const { details } = step
  const unit = details.unit
  if (unit.stopped) return false
  let number = unit.current ?? details.stageAfter(null)
  while (number !== null) {
    const stage = details.stage(number)!
    const status = stageStatusOf(stage, unit)
    if (status === 'running' || (status === 'pending' && !runStage(step, stage))) {
      unit.current = number
      return false
    }
    const next = details.stageAfter(number)
    if (next === null) unit.current = number
    number = next
  }
  return true
}

/** The answer of a write that moved the group: records of what it queued, the completion. */
export function advanceAnswer(step: AdvanceStep, complete: boolean): AdvanceResult {
  const { table, stored, details, now, op, fired } = step
  let completed: GroupSummary | null = null
  if (complete) completed = completeGroup(table, stored, details, now, op, fired)
  else {
    fireGroupSignals(stored, details, now, fired)
    afterWrite(stored, details.unit, now)
  }
  const dispatch = step.queued.map((id) => stagedJobRecordOf(details.unit.id, details.job(id)!))
  return { dispatch, completed, fired }
}

/** A repeated operation's answer: the jobs it queued still undispatched, its completion. */
export function repeatedAdvance(details: GroupDetails, op: OpId): AdvanceResult {
  const { unit } = details
  const completed = unit.finishOp === op ? summaryOf(unit) : null
  return { dispatch: undispatchedQueuedBy(details, op), completed, fired: [] }
}

/**
 * The group for a write that may complete it, or — when its details are gone — the repeat of
 * the operation that completed it, answered from the summary.
 */
export function detailsOrRepeat(
  table: GroupTable,
  id: string,
  op: OpId,
  now: number,
): { stored: StoredGroup; details: GroupDetails } | AdvanceResult {
  const stored = lookup(table, id, now)
  if (!stored?.details && stored?.summary && stored.summary.finishOp === op) {
    return { dispatch: [], completed: summaryOfRecord(stored.summary.record), fired: [] }
  }
  return requireDetails(table, id, now)
}

export interface InitiateOptions {
  /** Marks that withinGrouping's block has returned. */
  seal?: boolean
  /** Stages to store first (pending) when missing, e.g. named but never enqueued into. */
  ensure?: readonly number[]
}

/** Initiates stage `number`, or the group's current stage when null. */
export function initiate(
  table: GroupTable,
  id: string,
  number: number | null,
  op: OpId,
  now: number,
  options: InitiateOptions,
): AdvanceResult {
  const found = detailsOrRepeat(table, id, op, now)
  if (!('details' in found)) return found
  const { stored, details } = found
  const { unit } = details
  if (unit.initOp === op) return repeatedAdvance(details, op)
  if (isSettled(unit)) throw refuse('GROUP_COMPLETE', { id })
  if (unit.stopped) throw refuse('GROUP_STOPPED', { id })
  const ensure = options.ensure ?? []
  if (number !== null && !details.stage(number)) {
    if (!ensure.includes(number) || !stageCreatable(details, number))
      throw refuse('STAGE_NOT_FOUND', { id, stage: number })
  }
  if (options.seal === true) unit.sealed = true
  for (const n of ensure) if (stageCreatable(details, n)) addStageUnit(details, n)
  unit.initOp = op
  const step: AdvanceStep = { table, stored, details, now, op, queued: [], fired: [] }
  let complete: boolean
  if (number === null) complete = advance(step)
  else {
    const stage = details.stage(number)!
    complete = stageStatusOf(stage, unit) === 'pending' && runStage(step, stage) && advance(step)
  }
  return advanceAnswer(step, complete)
}
