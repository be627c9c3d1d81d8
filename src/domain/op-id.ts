import { randomBytes } from 'node:crypto'
import { InvalidArgumentError } from '../errors/jobledger-error.js'
import { describe } from './ids.js'

/*
 * Operation ids make writes idempotent. Every write carries one, made by the ledger for the
 * call and reused when the ledger (or the caller, with `{ opId }`) retries it; the unit keeps
 * what it needs to give a retried operation its first execution's answer.
 */
export type OpId = string

const OP_ID = /^[A-Za-z0-9_.:-]{1,64}$/

const OP_BYTES = 12
/** Random bytes drawn a thousand ids at a time: one randomBytes call per id cost ~2 µs. */
let pool = Buffer.alloc(0)
let offset = 0

/** A new random operation id (96 bits, base64url). */
export function newOpId(): OpId {
  if (offset + OP_BYTES > pool.length) {
    pool = randomBytes(OP_BYTES * 1_024)
    offset = 0
  }
  offset += OP_BYTES
  return pool.toString('base64url', offset - OP_BYTES, offset)
}

/** Checks an operation id given by a caller (1–64 of A–Z a–z 0–9 _ . : -). */
export function validateOpId(value: unknown): OpId {
  if (typeof value === 'string' && OP_ID.test(value)) return value
  throw new InvalidArgumentError(
    `opId must be 1 to 64 letters, digits or _ . : -, got ${describe(value)}; pass back the opId of the call you retry (error.details.opId), or omit it.`,
    { details: { what: 'opId' } },
  )
}
