import { describe, expect, it } from 'vitest'
import type { StoreHarness } from './harness.js'
import { creationOf } from './job-refs.js'
import { useNamespace } from './use-namespace.js'

/**
 * Idempotent writes: a call repeated with its `{ opId }` (as after an ambiguous
 * STORE_UNAVAILABLE) gets its first answer and changes nothing; a duplicate by another
 * operation is an ordinary call. Nothing is remembered per part.
 */
export function jobRepeatConformance(harness: StoreHarness): void {
  describe('distributed job writes repeated with their opId', () => {
    const ns = useNamespace(harness)

    it('answers "last" again to done() repeated with the opId that finished the job, false to any other duplicate', async () => {
      const job = ns.ledger.job()
      await job.push('a', 'b')
      await job.close()
      expect(await job.done('a', { opId: 'w1-a' })).toBe(false)
      expect(await job.done('b', { opId: 'w2-b' })).toBe(true)
      const worker = ns.another().job(job.token)
      expect(await worker.done('b', { opId: 'w2-b' })).toBe(true)
      expect(await worker.done('b', { opId: 'w3-b' })).toBe(false)
      expect(await worker.done('b')).toBe(false)
      expect(await worker.done('a', { opId: 'w1-a' })).toBe(false)
      expect(await job.summary()).toMatchObject({ succeeded: 2, open: 0, state: 'finished' })
    })

    it('answers true to every one of several repeats started together with the finishing opId', async () => {
      const job = ns.ledger.job()
      await job.push('a')
      await job.close()
      const workers = [ns.another(), ns.another(), ns.ledger]
      const answers = await Promise.all(
        workers.map((ledger) => ledger.job(job.token).done('a', { opId: 'same' })),
      )
      expect(answers).toEqual([true, true, true])
      const others = await Promise.all(workers.map((ledger) => ledger.job(job.token).done('a')))
      expect(others).toEqual([false, false, false])
      expect(await job.summary()).toMatchObject({ succeeded: 1, total: 1 })
    })

    it('repeats fail() and close() the same way, counting each once', async () => {
      const job = ns.ledger.job()
      await job.push('a')
      expect(await job.fail('a', 'bad', { opId: 'f' })).toBe(false)
      expect(await job.fail('a', 'bad', { opId: 'f' })).toBe(false)
      expect(await job.close({ opId: 'c' })).toBe(true)
      expect(await job.close({ opId: 'c' })).toBe(true)
      expect(await job.close({ opId: 'other' })).toBe(false)
      const failures = await job.failures()
      expect(failures.failures).toEqual([{ part: 'a', reason: 'bad' }])
      expect(await job.summary()).toMatchObject({ failed: 1, outcome: 'failed' })
    })

    it("answers pushInBatches repeated with its opId as the first run, the closing push's finish included", async () => {
      const job = ns.ledger.job()
      const first = await job.pushInBatches([1, 2, 3], { batchSize: 2, opId: 'load' }, () => {})
      for (const part of ['0', '1', '2']) await job.done(part)
      expect(first).toEqual({ parts: 3, finished: false })
      const empty = ns.ledger.job()
      expect(await empty.pushInBatches([], { batchSize: 2, opId: 'e' }, () => {})).toEqual({
        parts: 0,
        finished: true,
      })
      expect(await empty.pushInBatches([], { batchSize: 2, opId: 'e' }, () => {})).toEqual({
        parts: 0,
        finished: true,
      })
      const again = await job.pushInBatches([1, 2, 3], { batchSize: 2, opId: 'load' }, () => {})
      expect(again).toEqual({ parts: 3, finished: false })
      expect(await job.summary()).toMatchObject({ total: 3, succeeded: 3, state: 'finished' })
    })

    it('answers addBatch repeated with its opId with the same index, adding nothing', async () => {
      const job = ns.ledger.job()
      expect(await job.addBatch(['a', 'b'], { opId: 'add-1' })).toEqual({ index: 0, items: 2 })
      expect(await ns.another().job(job.token).addBatch(['a', 'b'], { opId: 'add-1' })).toEqual({
        index: 0,
        items: 2,
      })
      expect(await job.addBatch(['c'])).toEqual({ index: 1, items: 1 })
      expect(await job.addBatch(['a', 'b'], { opId: 'add-1' })).toEqual({ index: 0, items: 2 })
      expect(await job.report()).toMatchObject({ items: 3, batches: 2 })
      expect(await job.summary()).toMatchObject({ total: 2, open: 2 })
    })

    it('answers addBatches repeated with its opId with the same batches, closing once', async () => {
      const job = ns.ledger.job()
      const seen: number[] = []
      const first = await job.addBatches([1, 2, 3], { size: 2, opId: 'all' }, (b) =>
        seen.push(b.index),
      )
      const again = await job.addBatches([1, 2, 3], { size: 2, opId: 'all' }, (b) =>
        seen.push(b.index),
      )
      expect(first).toEqual({ batches: 2, items: 3, finished: false })
      expect(again).toEqual(first)
      expect(seen).toEqual([0, 1, 0, 1])
      expect(await job.report()).toMatchObject({ items: 3, batches: 2 })
    })

    it("answers a tracker's final write repeated with its opId with its first counts and finish", async () => {
      const job = ns.ledger.job()
      const { index } = await job.addBatch(['1', '2', '3'])
      await job.close()
      const fn = (id: string) => {
        if (id === '2') return 'skipped'
        if (id === '3') throw new Error('no')
        return undefined
      }
      const tracker = ns.ledger.tracker({ job: job.token, batch: index })
      const first = await tracker.eachRecord(fn, { opId: 'track-0' })
      expect(first).toMatchObject({ processed: 1, skipped: 1, errored: 1, jobFinished: true })
      const again = await ns.another().tracker({ job: job.token, batch: index }).eachRecord(fn, {
        opId: 'track-0',
      })
      expect(again).toEqual(first)
      const other = await tracker.eachRecord(fn)
      expect(other).toMatchObject({ processed: 0, skipped: 0, errored: 0, jobFinished: false })
      expect(await job.report()).toMatchObject({
        processed: 1,
        skipped: 1,
        errored: 1,
        batchesDone: 1,
      })
    })

    it('answers batch moves, removals and completions repeated with their opId as the first time', async () => {
      const job = ns.ledger.job()
      const { index } = await job.addBatch(['a', 'b', 'c'])
      await job.close()
      const batch = ns.ledger.batch(job.token, index)
      expect(await batch.moveItems('pending', 'later', ['a', 'b'], { opId: 'm' })).toBe(2)
      expect(await batch.moveItems('pending', 'later', ['a', 'b'], { opId: 'm' })).toBe(2)
      expect(await batch.removeSet('later', { opId: 'r' })).toBe(2)
      expect(await batch.removeSet('later', { opId: 'r' })).toBe(2)
      expect(await batch.complete({ opId: 'done' })).toBe(true)
      expect(await batch.complete({ opId: 'done' })).toBe(true)
      expect(await batch.complete()).toBe(false)
      expect(await job.report()).toMatchObject({ batchesDone: 1, finished: true })
    })

    it('answers stop() repeated with its opId as the call that raised the flag', async () => {
      const job = ns.ledger.job()
      await job.push('a')
      expect(await job.stop({ reason: 'first', opId: 's' })).toEqual({ stopped: true, found: true })
      expect(await job.stop({ reason: 'first', opId: 's' })).toEqual({ stopped: true, found: true })
      expect(await job.stop({ opId: 't' })).toEqual({ stopped: false, found: true })
    })

    it('answers created to the creating write repeated with its opId, so registration is never lost', async () => {
      const { store } = ns.ledger
      const ref = { id: 'created-twice', creation: creationOf(ns.ledger) }
      const first = await store.jobs.pushParts(ref, ['a'], false, 'create')
      const again = await store.jobs.pushParts(ref, ['a'], false, 'create')
      const other = await store.jobs.pushParts(ref, ['a'], false, 'later')
      expect([first.created, again.created, other.created]).toEqual([true, true, false])
      expect(again.createdAt).toBe(first.createdAt)
      await ns.another().job('created-twice').push('a', { opId: 'create' })
      const listed = await ns.ledger.list({ kind: 'job' })
      expect(listed.items.map((item) => item.id)).toContain('created-twice')
    })

    it('refuses an opId that is not 1 to 64 letters, digits or _ . : - before any write', async () => {
      const job = ns.ledger.job()
      for (const opId of ['', 'a b', 'x'.repeat(65), 42, 'é'])
        await expect(job.push('a', { opId } as never)).rejects.toMatchObject({
          code: 'INVALID_ARGUMENT',
        })
      expect(await job.summary()).toBeNull()
    })
  })
}
