import { InvalidArgumentError } from '../../errors/jobledger-error.js'
import type { OpenPartsPage } from '../../store/job-store.js'
import type { RedisDriver } from './driver.js'

// Each byte of the bitmap holds four parts as (pushed, open) bit pairs, most significant first.
const OPEN_MASKS = [0x40, 0x10, 0x04, 0x01] as const
const MIN_CHUNK_BYTES = 1024

export interface OpenPartsPosition {
  phase: 'dense' | 'strings'
  offset: string
}

/** Cursors are `d<byte offset>` while reading the bitmap, then `s<HSCAN cursor>`. */
export function decodeOpenPartsCursor(cursor: string | null): OpenPartsPosition {
  if (cursor === null) return { phase: 'dense', offset: '0' }
  if (/^d\d+$/.test(cursor)) return { phase: 'dense', offset: cursor.slice(1) }
  if (/^s\d+$/.test(cursor)) return { phase: 'strings', offset: cursor.slice(1) }
  throw new InvalidArgumentError('cursor is not one openParts returned; start again with null.')
}

export async function readDenseOpenParts(
  driver: RedisDriver,
  bitsKey: string,
  startByte: string,
  limit: number,
): Promise<OpenPartsPage> {
  const parts: string[] = []
  let byte = Number(startByte)
  const chunk = Math.max(MIN_CHUNK_BYTES, Math.ceil(limit / 4))
  for (;;) {
    const bytes =
      (await driver.commandBuffer('GETRANGE', [bitsKey, byte, byte + chunk - 1])) ?? Buffer.alloc(0)
    bytes.forEach((value, i) => {
      OPEN_MASKS.forEach((mask, slot) => {
        if (value & mask) parts.push(String((byte + i) * 4 + slot))
      })
    })
    byte += bytes.length
    if (bytes.length < chunk) return { parts, cursor: parts.length > 0 ? 's0' : null }
    if (parts.length >= limit) return { parts, cursor: `d${byte}` }
  }
}

export async function readStringOpenParts(
  driver: RedisDriver,
  partsKey: string,
  scanCursor: string,
  limit: number,
): Promise<OpenPartsPage> {
  const parts: string[] = []
  let cursor = scanCursor
  do {
    const [next, flat] = (await driver.command('HSCAN', [
      partsKey,
      cursor,
      'COUNT',
      Math.max(limit, 100),
    ])) as [string, string[]]
    cursor = next
    for (let i = 0; i + 1 < flat.length; i += 2) if (flat[i + 1] === 'o') parts.push(flat[i]!)
  } while (cursor !== '0' && parts.length < limit)
  return { parts, cursor: cursor === '0' ? null : `s${cursor}` }
}
