import { JobledgerError } from '../../errors/jobledger-error.js'

/** Reads a script reply that must be an array of integers. */
export function integers(reply: unknown, script: string): number[] {
  if (Array.isArray(reply) && reply.every((n) => typeof n === 'number')) return reply as number[]
  throw new JobledgerError('INTERNAL', `Script ${script} returned an unexpected reply.`, {
    details: { reply },
  })
}

export function integer(reply: unknown, script: string): number {
  if (typeof reply === 'number') return reply
  throw new JobledgerError('INTERNAL', `Script ${script} returned an unexpected reply.`, {
    details: { reply },
  })
}

/** Reads a multi-bulk reply of strings or nils (HMGET, ZRANGE). */
export function strings(reply: unknown): (string | null)[] {
  if (!Array.isArray(reply)) return []
  return reply.map((value) => (typeof value === 'string' ? value : null))
}

/** Reads a WITHSCORES reply: flat [member, score, …] in RESP2, [[member, score], …] in RESP3. */
export function scoredMembers(reply: unknown): [string, number][] {
  if (!Array.isArray(reply)) return []
  if (reply.every(Array.isArray))
    return reply.map(([member, score]) => [String(member), Number(score)])
  const pairs: [string, number][] = []
  for (let i = 0; i + 1 < reply.length; i += 2) pairs.push([String(reply[i]), Number(reply[i + 1])])
  return pairs
}
