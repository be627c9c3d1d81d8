import { describe, expect, it } from 'vitest'
import type { StoreHarness } from './harness.js'
import { TestQueue, work } from './stages-queue.js'
import { useNamespace } from './use-namespace.js'

/** Bad input to the stages face: a typed error, and nothing changed. */
export function stagesInputConformance(harness: StoreHarness): void {
  describe('stages input', () => {
    const ns = useNamespace(harness)

    it('refuses to run jobs of unknown groups, and unknown jobs, with NOT_FOUND', async () => {
      const queue = new TestQueue()
      const ledger = ns.another(queue.options)
      await expect(ledger.group('nope')).rejects.toMatchObject({ code: 'NOT_FOUND' })
      const payload = { name: 'X', args: [], stagedJobId: '0', groupId: 'nope', stage: 1 }
      let ran = false
      const work = () => {
        ran = true
      }
      await expect((await ledger.stagedJob(payload)).run(work)).rejects.toMatchObject({
        code: 'NOT_FOUND',
      })
      const group = await ledger.withinGrouping('g', async (g) => {
        await g.stage(1).enqueue('X', [])
      })
      const missing = await ledger.stagedJob({ ...payload, groupId: group.id, stagedJobId: '99' })
      await expect(missing.run(work)).rejects.toMatchObject({ code: 'NOT_FOUND' })
      await expect(missing.status()).rejects.toMatchObject({ code: 'NOT_FOUND' })
      expect(ran).toBe(false)
    })

    it('refuses payloads that dispatch did not produce', async () => {
      const queue = new TestQueue()
      const ledger = ns.another(queue.options)
      await ledger.withinGrouping('g', async (g) => {
        await g.stage(1).enqueue('X', [])
      })
      const good = queue.payloads[0]!
      for (const bad of [
        null,
        'x',
        [],
        { ...good, stagedJobId: 'abc' },
        { ...good, stage: -1 },
        { ...good, args: 'no' },
        { ...good, queuedAt: 'now' },
      ]) {
        await expect(ledger.stagedJob(bad)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' })
      }
      let ran = false
      for (const other of [
        { ...good, stage: 2 },
        { ...good, name: 'Y' },
      ]) {
        const staged = await ledger.stagedJob(other)
        const run = staged.run(() => {
          ran = true
        })
        await expect(run).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' })
      }
      expect(ran).toBe(false)
      expect(await (await ledger.stagedJob(good)).record()).toMatchObject({
        status: 'queued',
        attempts: 0,
      })
    })

    it('refuses bad stage numbers, non-JSON args and bad names before writing', async () => {
      const queue = new TestQueue()
      const ledger = ns.another(queue.options)
      const group = await ledger.withinGrouping('g', async () => {})
      for (const n of [-1, 1.5, Number.NaN, '1' as unknown as number]) {
        expect(() => group.stage(n)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }))
      }
      const stage = group.stage(1)
      for (const args of [[new Date()], [() => 1], [Number.POSITIVE_INFINITY], 'a', [undefined]]) {
        await expect(stage.enqueue('X', args as unknown[])).rejects.toMatchObject({
          code: 'INVALID_ARGUMENT',
        })
      }
      await expect(stage.enqueue('', [])).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' })
      await expect(stage.enqueueIn(-5, 'X', [])).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' })
      await expect(stage.enqueueAt(new Date('x'), 'X', [])).rejects.toMatchObject({
        code: 'INVALID_ARGUMENT',
      })
      expect(await group.stages()).toEqual([])
    })

    it('refuses to enqueue into a complete stage and to run a settled job', async () => {
      const queue = new TestQueue()
      const ledger = ns.another({ ...queue.options, keepCompletedMs: 60_000 })
      const group = await ledger.withinGrouping('g', async (g) => {
        await g.stage(1).enqueue('A', [])
        await g.stage(2).enqueue('B', [])
      })
      const [first] = queue.drain()
      await work(ledger, [first!])
      await expect(group.stage(1).enqueue('Late', [])).rejects.toMatchObject({
        code: 'INVALID_TRANSITION',
      })
      expect(await group.stage(1).numJobs()).toBe(1)
      const again = await ledger.stagedJob(first)
      let ran = false
      const mark = () => {
        ran = true
      }
      await expect(again.run(mark)).rejects.toMatchObject({
        code: 'INVALID_TRANSITION',
      })
      expect(ran).toBe(false)
      expect(await again.status()).toBe('successful')
    })

    it('refuses, writing nothing, to enqueue into a running stage without dispatch', async () => {
      const queue = new TestQueue()
      const producer = ns.another(queue.options)
      const created = await producer.withinGrouping('g', async (g) => {
        await g.stage(1).enqueue('A', [])
      })
      const group = await ns.ledger.group(created.id)
      const before = JSON.stringify([await group.record(), await group.stage(1).jobs()])
      await expect(group.stage(1).enqueue('Late', [])).rejects.toMatchObject({
        code: 'INVALID_ARGUMENT',
      })
      await expect(group.stage(1).enqueueIn(10, 'Late', [])).rejects.toMatchObject({
        code: 'INVALID_ARGUMENT',
      })
      expect(JSON.stringify([await group.record(), await group.stage(1).jobs()])).toBe(before)
      expect((await group.stage(2).enqueue('Next', [])).status).toBe('pending')
    })

    it('refuses a bad groupTtl', async () => {
      for (const groupTtl of [0, -1, Number.NaN, '60' as unknown as number]) {
        expect(() => ns.another({ groupTtl })).toThrow(
          expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
        )
      }
    })

    it('needs a dispatch function to start a group', async () => {
      await expect(ns.ledger.withinGrouping('g', async () => {})).rejects.toMatchObject({
        code: 'INVALID_ARGUMENT',
      })
      expect((await ns.ledger.list({ kind: 'group' })).items).toEqual([])
    })
  })
}
