// Store-only: Redis key prefixes. Purging walks `<prefix>:*`, so a prefix containing ':' could
// be the start of another ledger's keys; memory stores have no prefix to check.
import { randomBytes } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import { createLedger, type Ledger } from '../src/index.js'
import { testRedisUrl } from './support/redis-namespace.js'

describe('redis key prefixes', () => {
  const opened: Ledger[] = []
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((ledger) => ledger.close()))
  })

  it.each(['app:v2', ':', 'a:', ''])('refuses the prefix %j with INVALID_ARGUMENT', (prefix) => {
    expect(() => createLedger({ redis: testRedisUrl(), prefix })).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    )
  })

  it('purging one prefix leaves a prefix that starts with it (app vs app.v2) alone', async () => {
    const app = `p${randomBytes(4).toString('hex')}`
    const short = createLedger({ redis: testRedisUrl(), prefix: app })
    const long = createLedger({ redis: testRedisUrl(), prefix: `${app}.v2` })
    opened.push(short, long)
    await short.job('a').push('x')
    await long.job('b').push('y')
    expect(await short.cleaner.purgeAll()).toBeGreaterThan(0)
    expect(await short.job('a').total()).toBe(0)
    expect(await long.job('b').total()).toBe(1)
    await long.cleaner.purgeAll()
  })
})
