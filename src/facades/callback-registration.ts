import { validateCallbacks, validateSignal } from '../domain/callback-specs.js'
import { validateCallbackSpec } from '../domain/job-callbacks.js'
import { optionsOf } from '../domain/options.js'
import type { Signal } from '../domain/signals.js'
import { InvalidArgumentError } from '../errors/jobledger-error.js'
import type { CallbackUnitKind } from '../store/callback-index-store.js'
import type { Store } from '../store/store.js'
import type { CallbackDispatch } from './callbacks.js'
import { childOp, type JobWriter } from './job-writes.js'
import type { StagesContext } from './stages-context.js'
import type { WriteOptions } from './write-runner.js'

/**
 * A durable callback to register: when its signal fires, `{ type: 'callback', name, args, … }`
 * reaches the ledger's `dispatch` (see CallbackPayload). `name` is an id (it names the
 * callback; registering a name again replaces it), `args` plain JSON.
 */
export interface CallbackInput {
  name: string
  args?: unknown[]
}

/** Callbacks given when a unit is created, per signal: `{ settled: { name: 'report' } }`. */
export type CreationCallbacks = Partial<Record<Signal, CallbackInput | readonly CallbackInput[]>>

/**
 * Checks creation-time callbacks before anything is written; [signal, callbacks] pairs to
 * register, none when `value` is undefined.
 */
export function creationCallbacksOf(
  value: unknown,
  dispatch: CallbackDispatch,
): [Signal, CallbackInput[]][] {
  if (value === undefined) return []
  const given = optionsOf(value as CreationCallbacks, 'callbacks')
  return Object.entries(given).map(([signal, callbacks]) => {
    const checked = checkedInput(signal, callbacks, undefined, dispatch)
    return [checked.signal, checked.checked.map((callback) => callback.spec)]
  })
}

function checkedInput(
  signal: unknown,
  callbacks: unknown,
  options: unknown,
  dispatch: CallbackDispatch,
) {
  const checkedSignal: Signal = validateSignal(signal)
  if (typeof callbacks === 'function')
    throw new InvalidArgumentError(
      "A durable callback is data { name, args }, not a function: it reaches the ledger's dispatch when the signal fires. For an in-process listener use ledger.on('job.settled', fn).",
      { details: { what: 'callback' } },
    )
  const checked = validateCallbacks(callbacks)
  const write = optionsOf(options as WriteOptions | undefined, 'on options')
  if (!dispatch.canDispatch)
    throw new InvalidArgumentError(
      'Registering a callback needs a dispatch function: createLedger({ dispatch: (payload) => queue.add(payload.name, payload) }); every ledger whose writes may fire the signal should have it too.',
    )
  return { signal: checkedSignal, checked, write }
}

/** Puts the unit into the callback index before its first callback is stored (see CallbackIndexStore). */
async function markIndexed(store: Store, kind: CallbackUnitKind, id: string): Promise<void> {
  await store.callbackIndex.mark(kind, id, store.now())
}

/** Registers callbacks for a signal of a job (scope '') or of one of its batches. */
export async function registerJobCallbacks(
  writer: JobWriter,
  scope: string,
  signal: unknown,
  callbacks: unknown,
  options: unknown,
): Promise<void> {
  const { core, ref } = writer
  const input = checkedInput(signal, callbacks, options, core.callbacks)
  const specs = input.checked.map((callback) => validateCallbackSpec(callback.spec))
  const op = writer.opOf(input.write)
  await markIndexed(core.store, 'job', ref.id)
  for (const [n, spec] of specs.entries()) {
    const id = specs.length === 1 ? op : childOp(op, n)
    const result = await writer.run('job.on', id, (write) =>
      core.store.jobs.registerCallback(ref, scope, input.signal, spec, write),
    )
    await writer.register(result, id)
  }
}

/** Registers callbacks for a signal of a group (scope '') or of one of its stages. */
export async function registerGroupCallbacks(
  context: StagesContext,
  groupId: string,
  scope: string,
  signal: unknown,
  callbacks: unknown,
  options: unknown,
  /** A write to make first, once the input is checked (a stage stored when missing). */
  prepare?: () => Promise<unknown>,
): Promise<void> {
  const input = checkedInput(signal, callbacks, options, context.callbacks)
  await prepare?.()
  await markIndexed(context.store, 'group', groupId)
  await context.write('group.on', input.write, (op) =>
    context.store.stages.registerCallbacks(groupId, scope, input.signal, input.checked, op),
  )
}
