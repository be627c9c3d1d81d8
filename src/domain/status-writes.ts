import { extendedExpiry, initialExpiry, isExpired } from './expiry.js'
import type { StatusPolicy } from './policy.js'
import { RECENT_OPS, type StatusPatch, type StatusUnit } from './status-record.js'
import type { UnitRef } from './unit-ref.js'

/*
 * The write rules of a status, once for every store (lua/write-status.lua and
 * set-status-ttl.lua translate them). A status owns its ttl: a creating write stores the
 * policy it is given, later writes read the unit's. A write repeated with an op the status
 * remembers (its last RECENT_OPS) answers again and changes nothing; a write whose fields
 * would pass the limit is refused and changes nothing (no rev, no deadline).
 */

export type WriteStatusAnswer =
  | { ok: true; created: boolean; rev: number; createdAt: number }
  /** Nothing was written: the fields would exceed the limit (the size they would reach). */
  | { ok: false; fieldBytes: number }

export interface StatusWriteInput {
  op: string
  now: number
  /** The policy a status created by this write gets. */
  creation: StatusPolicy
  /** The unit a status created by this write reports on. */
  subject?: UnitRef | null
  maxFieldBytes: number
}

export interface StatusWrite {
  answer: WriteStatusAnswer
  /** The unit to store; null when nothing changed. */
  unit: StatusUnit | null
}

/** The unit if it is alive at `now` (an expired one is absent: its leftovers go). */
export function liveStatus(unit: StatusUnit | undefined, now: number): StatusUnit | null {
  return unit && !isExpired(unit.expiresAt, now) ? unit : null
}

export function writeStatus(
  stored: StatusUnit | null,
  patch: StatusPatch,
  input: StatusWriteInput,
): StatusWrite {
  const { op, now } = input
  if (stored?.ops.includes(op)) return { answer: repeatedAnswer(stored, op), unit: null }
  const bytes = fieldBytesAfter(stored, patch.fields)
  if (bytes > input.maxFieldBytes) return { answer: { ok: false, fieldBytes: bytes }, unit: null }
  const unit = stored ? structuredClone(stored) : newStatus(input)
  applyPatch(unit, patch, now)
  unit.fieldBytes = bytes
  unit.ops = [...unit.ops, op].slice(-RECENT_OPS)
  if (stored) unit.expiresAt = extendedExpiry(unit.expiresAt, now, unit.ttlMs) ?? unit.expiresAt
  const answer = {
    ok: true as const,
    created: stored === null,
    rev: unit.rev,
    createdAt: unit.createdAt,
  }
  return { answer, unit }
}

/** An explicit change of the status's ttl: the deadline moves to now + ttl + ttl/2. */
export function setStatusTtl(stored: StatusUnit, ttlMs: number, now: number): StatusUnit {
  return { ...stored, ttlMs, expiresAt: initialExpiry(now, ttlMs) }
}

function repeatedAnswer(unit: StatusUnit, op: string): WriteStatusAnswer {
  return { ok: true, created: unit.createOp === op, rev: unit.rev, createdAt: unit.createdAt }
}

function newStatus(input: StatusWriteInput): StatusUnit {
  const { now, op, creation } = input
  return {
    state: 'queued',
    progress: null,
    total: null,
    fields: {},
    queuedAt: now,
    startedAt: null,
    finishedAt: null,
    createdAt: now,
    updatedAt: now,
    rev: 0,
    subject: input.subject ? { ...input.subject } : null,
    ttlMs: creation.ttlMs,
    expiresAt: initialExpiry(now, creation.ttlMs),
    createOp: op,
    ops: [],
    fieldBytes: 0,
  }
}

/** Bytes of the fields after the patch: names plus JSON values (UTF-8), as Lua's `#` counts. */
function fieldBytesAfter(unit: StatusUnit | null, patch: Record<string, string>): number {
  let bytes = unit?.fieldBytes ?? 0
  for (const [name, json] of Object.entries(patch)) {
    const old = unit?.fields[name]
    if (old !== undefined) bytes -= Buffer.byteLength(name) + Buffer.byteLength(old)
    bytes += Buffer.byteLength(name) + Buffer.byteLength(json)
  }
  return bytes
}

function applyPatch(unit: StatusUnit, patch: StatusPatch, now: number): void {
  if (patch.state !== undefined && patch.state !== unit.state) enterState(unit, patch.state, now)
  if (patch.total !== undefined) unit.total = patch.total
  if (patch.progress !== undefined) unit.progress = patch.progress
  if (patch.increment !== 0) unit.progress = (unit.progress ?? 0) + patch.increment
  if (patch.finish && unit.total !== null) unit.progress = unit.total
  Object.assign(unit.fields, patch.fields)
  unit.updatedAt = now
  unit.rev++
}

function enterState(unit: StatusUnit, state: StatusUnit['state'], now: number): void {
  unit.state = state
  if (state === 'queued') {
    unit.queuedAt = now
    unit.startedAt = null
    unit.finishedAt = null
  } else if (state === 'working') {
    unit.startedAt = now
    unit.finishedAt = null
  } else {
    unit.finishedAt = now
  }
}
