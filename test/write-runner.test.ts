// The write runner alone (no store): which errors it retries, with which operation id, and
// what the caller learns when every attempt fails.
import { describe, expect, it } from 'vitest'
import { InvalidArgumentError, StoreUnavailableError } from '../src/errors/jobledger-error.js'
import { WriteRunner } from '../src/facades/write-runner.js'

const noWait = async () => {}
const unavailable = (ambiguous: boolean) =>
  new StoreUnavailableError('Redis is down.', { details: { ambiguous } })

describe('WriteRunner', () => {
  it('retries STORE_UNAVAILABLE with the same operation id until a call answers', async () => {
    const runner = new WriteRunner({ attempts: 3, minDelayMs: 0, maxDelayMs: 0 }, () => {}, noWait)
    const seen: string[] = []
    const answer = await runner.run('job.done', 'op-1', async (op) => {
      seen.push(op)
      if (seen.length < 3) throw unavailable(false)
      return 'last'
    })
    expect(answer).toBe('last')
    expect(seen).toEqual(['op-1', 'op-1', 'op-1'])
  })

  it('gives up after its attempts, naming the opId and keeping any ambiguity', async () => {
    const notices: number[] = []
    const runner = new WriteRunner(
      { attempts: 2, minDelayMs: 0, maxDelayMs: 0 },
      (n) => notices.push(n.attempt),
      noWait,
    )
    let calls = 0
    const error = await runner
      .run('job.done', 'op-2', async () => {
        calls++
        throw unavailable(calls === 1)
      })
      .catch((e: unknown) => e)
    expect(calls).toBe(2)
    expect(notices).toEqual([1])
    expect(error).toMatchObject({
      code: 'STORE_UNAVAILABLE',
      details: { opId: 'op-2', ambiguous: true },
    })
    expect((error as Error).message).toContain("{ opId: 'op-2' }")
  })

  it('says a write was not applied when no attempt may have run', async () => {
    const runner = new WriteRunner({ attempts: 2, minDelayMs: 0, maxDelayMs: 0 }, () => {}, noWait)
    const error = await runner
      .run('q.createAndPush', 'op-3', async () => {
        throw unavailable(false)
      })
      .catch((e: unknown) => e)
    expect(error).toMatchObject({ details: { ambiguous: false, opId: 'op-3' } })
    expect((error as Error).message).toContain('was not applied')
  })

  it('passes every other error through at once', async () => {
    const runner = new WriteRunner({ attempts: 5, minDelayMs: 0, maxDelayMs: 0 }, () => {}, noWait)
    let calls = 0
    const refused = new InvalidArgumentError('bad part')
    await expect(
      runner.run('job.done', 'op-4', async () => {
        calls++
        throw refused
      }),
    ).rejects.toBe(refused)
    expect(calls).toBe(1)
  })

  it('refuses an opId a caller made up badly, before any call', () => {
    const runner = new WriteRunner()
    expect(() => runner.opIdOf({ opId: 'has space' })).toThrow(/opId must be/)
    expect(runner.opIdOf({ opId: 'kept-1' })).toBe('kept-1')
    expect(runner.opIdOf(undefined)).toMatch(/^[A-Za-z0-9_-]{16}$/)
  })
})
