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

  it('says a write may or may not have been applied when an attempt may have run', async () => {
    const runner = new WriteRunner({ attempts: 1, minDelayMs: 0, maxDelayMs: 0 }, () => {}, noWait)
    const error = await runner
      .run('job.done', 'op-5', async () => {
        throw unavailable(true)
      })
      .catch((e: unknown) => e)
    expect((error as Error).message).toBe(
      "job.done may or may not have been applied: a request was sent and no answer came. To find out, call it again with { opId: 'op-5' } once the store answers: it is applied at most once and answers as its first execution did. (1 attempt; the last failed with: Redis is down.)",
    )
  })

  it('says a new write was not applied when no attempt reached the store', async () => {
    const runner = new WriteRunner({ attempts: 2, minDelayMs: 0, maxDelayMs: 0 }, () => {}, noWait)
    const error = await runner
      .run('q.createAndPush', runner.opIdOf(undefined), async () => {
        throw unavailable(false)
      })
      .catch((e: unknown) => e)
    expect(error).toMatchObject({ details: { ambiguous: false } })
    expect((error as Error).message).toMatch(
      /^q\.createAndPush was not applied: no request reached the store\. Call it again once the store answers \(with \{ opId: '[\w-]+' \} or without: nothing of it was written\)\. \(2 attempts; the last failed with: Redis is down\.\)$/,
    )
  })

  it('never says "was not applied" for a repeat that did not reach the store', async () => {
    const runner = new WriteRunner({ attempts: 1, minDelayMs: 0, maxDelayMs: 0 }, () => {}, noWait)
    const fail = (ambiguous: boolean) => async () => {
      throw unavailable(ambiguous)
    }
    const given = runner.opIdOf({ opId: 'op-6' })
    const repeat = await runner.run('job.done', given, fail(false)).catch((e: unknown) => e)
    expect(repeat).toMatchObject({ details: { ambiguous: false, opId: 'op-6' } })
    expect((repeat as Error).message).toBe(
      "job.done with { opId: 'op-6' } did not reach the store in this call, so this call applied nothing; an earlier call with this opId may still have been applied. Call it again with { opId: 'op-6' } once the store answers: it is applied at most once and answers as its first execution did. (1 attempt; the last failed with: Redis is down.)",
    )
    // The ledger's own repeat of an op that failed ambiguously (a status's buffered change).
    await runner.run('status write', 'op-7', fail(true)).catch(() => {})
    const again = await runner.run('status write', 'op-7', fail(false)).catch((e: unknown) => e)
    expect((again as Error).message).toMatch(/^status write with \{ opId: 'op-7' \} did not reach/)
    // Once the op answered, a new failure of a new op says plainly that nothing was applied.
    await runner.run('status write', 'op-7', async () => 'written')
    const fresh = await runner.run('status write', 'op-8', fail(false)).catch((e: unknown) => e)
    expect((fresh as Error).message).toMatch(/^status write was not applied/)
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
