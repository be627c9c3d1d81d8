import type { CallbackUnitKind } from '../store/callback-index-store.js'
import { isCallbackPayload } from './callback-payload.js'
import { parsePayload } from './stage-payload.js'

/**
 * What a queue item carries when its data is a payload `dispatch` received, as-is: a staged
 * job (named by its group, stage and id) or a durable callback (named by the unit holding it).
 */
export type CarriedUnit =
  | { kind: 'staged-job'; groupId: string; stage: number; jobId: string }
  | { kind: 'callback'; unit: CallbackUnitKind; id: string; scope: string; name: string }

/** The unit a queue item's data names, read from the data alone; null for any other data. */
export function carriedUnitOf(data: unknown): CarriedUnit | null {
  if (isCallbackPayload(data)) return callbackOf(data as unknown as Record<string, unknown>)
  try {
    const { groupId, stage, jobId } = parsePayload(data)
    return { kind: 'staged-job', groupId, stage, jobId }
  } catch {
    return null
  }
}

function callbackOf(data: Record<string, unknown>): CarriedUnit | null {
  const { kind, id, scope, name } = data
  if (kind !== 'job' && kind !== 'group') return null
  if (typeof id !== 'string' || typeof scope !== 'string' || typeof name !== 'string') return null
  return { kind: 'callback', unit: kind, id, scope, name }
}
