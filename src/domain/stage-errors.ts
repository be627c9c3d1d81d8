import {
  InvalidArgumentError,
  InvalidTransitionError,
  NotFoundError,
} from '../errors/jobledger-error.js'

/** The errors every stage store throws, with the same codes and messages. */
export function groupNotFound(groupId: string): NotFoundError {
  return new NotFoundError(
    `Group ${groupId} does not exist (never created, deleted, or completed and cleaned up).`,
    { details: { groupId } },
  )
}

export function stageNotFound(groupId: string, stage: number): NotFoundError {
  return new NotFoundError(
    `Group ${groupId} has no stage ${stage}; enqueue a job into it or name it inside withinGrouping first.`,
    { details: { groupId, stage } },
  )
}

export function stagedJobNotFound(groupId: string, jobId: string): NotFoundError {
  return new NotFoundError(`Group ${groupId} has no staged job ${jobId}.`, {
    details: { groupId, jobId },
  })
}

export function stageComplete(groupId: string, stage: number): InvalidTransitionError {
  return new InvalidTransitionError(
    `Stage ${stage} of group ${groupId} is complete; enqueue into a stage that is pending or running.`,
    { details: { groupId, stage } },
  )
}

export function groupComplete(groupId: string): InvalidTransitionError {
  return new InvalidTransitionError(
    `Group ${groupId} is complete; start a new group with withinGrouping.`,
    { details: { groupId } },
  )
}

export function jobNotRunnable(
  groupId: string,
  jobId: string,
  status: string,
): InvalidTransitionError {
  if (status === 'cancelled') {
    return new InvalidTransitionError(
      `Staged job ${jobId} of group ${groupId} was cancelled with its group; it will not run (drop this delivery).`,
      { details: { groupId, jobId, status } },
    )
  }
  return new InvalidTransitionError(
    `Staged job ${jobId} of group ${groupId} is ${status}; only queued, running or pending_re_run jobs can run (a duplicate delivery of a settled job is refused).`,
    { details: { groupId, jobId, status } },
  )
}

export function stageNeedsDispatch(groupId: string, stage: number): InvalidArgumentError {
  return new InvalidArgumentError(
    `Stage ${stage} of group ${groupId} is running: enqueueing into it needs a dispatch function: createLedger({ dispatch: (payload) => queue.add(payload.name, payload) }).`,
    { details: { groupId, stage } },
  )
}

export function groupStopped(groupId: string): InvalidTransitionError {
  return new InvalidTransitionError(
    `Group ${groupId} was cancelled; nothing more is enqueued or initiated in it (start a new group).`,
    { details: { groupId } },
  )
}

export function payloadMismatch(
  groupId: string,
  jobId: string,
  name: string,
  stage: number,
): InvalidArgumentError {
  return new InvalidArgumentError(
    `This payload was not produced by dispatch (staged job ${jobId} of group ${groupId} is ${name} in stage ${stage}); pass the object dispatch received, unchanged.`,
    { details: { groupId, jobId } },
  )
}

export function callbackSignalPast(
  groupId: string,
  scope: string,
  signal: string,
): InvalidTransitionError {
  const where =
    scope === '' ? `Group ${groupId}` : `The ${scope.replace(':', ' ')} of group ${groupId}`
  return new InvalidTransitionError(
    `${where} is past ${signal} (it fired, or can no longer fire); register callbacks before it happens.`,
    { details: { groupId, scope, signal } },
  )
}

export function tooManyCallbacks(groupId: string, max: number): InvalidArgumentError {
  return new InvalidArgumentError(
    `A signal of group ${groupId} takes at most ${max} callbacks (by name); reuse a name to replace one.`,
    { details: { groupId, max } },
  )
}
