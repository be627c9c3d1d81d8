import { describe, expect, it } from 'vitest'
import { eventually } from '../wait.js'
import type { StoreHarness } from './harness.js'
import { useNamespace } from './use-namespace.js'

/** A status's states, progress, fields and JSON, as the job and outsiders write and read them. */
export function statusLifecycleConformance(harness: StoreHarness): void {
  describe('status: lifecycle and reading', () => {
    const ns = useNamespace(harness)

    it('reads null for an unknown status', async () => {
      expect(await ns.ledger.getStatus('nobody')).toBeNull()
    })

    it('starts queued and goes working then completed under track, with timestamps', async () => {
      await ns.ledger.status('j1').update({ status: 'queued' })
      const queued = await ns.ledger.getStatus('j1')
      expect(queued?.isQueued).toBe(true)
      expect(JSON.stringify(queued)).toBe('{"status":"queued"}')
      const result = await ns.ledger.track('j1', async (status) => {
        const during = await ns.another().getStatus('j1')
        expect(during).toMatchObject({ status: 'working', isWorking: true })
        expect(during?.startedAt).toBeInstanceOf(Date)
        await status.update({ step: 'A', total: 100 })
        return 42
      })
      expect(result).toBe(42)
      const done = await ns.ledger.getStatus('j1')
      expect(done).toMatchObject({ status: 'completed', isCompleted: true, ratio: 1 })
      expect(done?.finishedAt?.getTime()).toBeGreaterThanOrEqual(done!.startedAt!.getTime())
      expect(done?.queuedAt).toBeInstanceOf(Date)
      expect(done?.toJSON()).toEqual({ status: 'completed', progress: 0, total: 100, step: 'A' })
    })

    it('marks failed with the error and rethrows it', async () => {
      const boom = new TypeError('bad row 3')
      await expect(ns.ledger.track('j2', () => Promise.reject(boom))).rejects.toBe(boom)
      const failed = await ns.ledger.getStatus('j2')
      expect(failed).toMatchObject({ status: 'failed', isFailed: true })
      const error = failed?.fields.error as { name: string; message: string; stack: string }
      expect(error).toMatchObject({ name: 'TypeError', message: 'bad row 3' })
      expect(error.stack).toContain('bad row 3')
      expect(Buffer.byteLength(error.stack)).toBeLessThanOrEqual(4096)
    })

    it('trims a long stack to 4 KB', async () => {
      const error = new Error('deep')
      error.stack = `Error: deep\n${'    at frame (file.js:1:1)\n'.repeat(1000)}`
      await expect(ns.ledger.track('j3', () => Promise.reject(error))).rejects.toBe(error)
      const stack = ((await ns.ledger.getStatus('j3'))!.fields.error as { stack: string }).stack
      expect(Buffer.byteLength(stack)).toBeLessThanOrEqual(4096)
      expect(stack.startsWith('Error: deep')).toBe(true)
    })

    it('refuses nested and concurrent track of the same id with CONFLICT', async () => {
      let release = () => {}
      const gate = new Promise<void>((resolve) => {
        release = resolve
      })
      const first = ns.ledger.track('j4', async () => {
        await expect(ns.ledger.track('j4', () => 1)).rejects.toMatchObject({ code: 'CONFLICT' })
        await gate
      })
      await eventually(async () => (await ns.ledger.getStatus('j4'))?.isWorking === true, 'working')
      await expect(ns.ledger.track('j4', () => 1)).rejects.toMatchObject({ code: 'CONFLICT' })
      release()
      await first
      expect((await ns.ledger.getStatus('j4'))?.status).toBe('completed')
      await ns.ledger.track('j4', () => 2)
    })

    it('tells the seconds a status has left, null until it is written', async () => {
      const status = ns.ledger.status('e1', { expiresIn: 60 })
      expect(await status.expiresIn()).toBeNull()
      await status.set('step', 'A')
      const left = await status.expiresIn()
      expect(left).toBeGreaterThan(80)
      expect(left).toBeLessThanOrEqual(90)
    })

    it('gives progress 40 of 100 a ratio of 0.4', async () => {
      const status = ns.ledger.status('p1')
      await status.progress.setTotal(100)
      await status.progress.set(30)
      await status.progress.increment(12)
      await status.progress.decrement(2)
      const snap = await ns.ledger.getStatus('p1')
      expect(snap).toMatchObject({ progress: 40, total: 100, ratio: 0.4 })
    })

    it('reports progress above the total as ratio 1, and no total as ratio 0', async () => {
      const status = ns.ledger.status('p2')
      await status.progress.increment(5)
      expect((await ns.ledger.getStatus('p2'))?.ratio).toBe(0)
      await status.progress.setTotal(4)
      expect(await ns.ledger.getStatus('p2')).toMatchObject({ progress: 5, total: 4, ratio: 1 })
    })

    it('syncs progress and total through update and resets them for a new step', async () => {
      const status = ns.ledger.status('p3')
      await status.update({ step: 'A', total: 100 })
      await status.progress.increment(60)
      await status.update({ step: 'B', total: 50, progress: 0 })
      expect((await ns.ledger.getStatus('p3'))?.toJSON()).toEqual({
        status: 'queued',
        progress: 0,
        total: 50,
        step: 'B',
      })
      await status.progress.finish()
      expect(await ns.ledger.getStatus('p3')).toMatchObject({ progress: 50, ratio: 1 })
    })

    it('serializes exactly like the seed: status, progress, total, then fields', async () => {
      const status = ns.ledger.status('s1')
      await status.update({ status: 'working', total: 100, progress: 50, step: 'A' })
      expect(JSON.stringify(await ns.ledger.getStatus('s1'))).toBe(
        '{"status":"working","progress":50,"total":100,"step":"A"}',
      )
    })

    it('accepts writes from outside the job (another connection), which the job then sees', async () => {
      await ns.ledger.track('o1', async (status) => {
        await status.set('step', 'A')
        await ns.another().status('o1').set('cancelRequested', true)
        await status.progress.increment()
        const snap = await ns.ledger.getStatus('o1')
        expect(snap?.fields).toEqual({ step: 'A', cancelRequested: true })
      })
      await ns.another().status('o1').update({ status: 'queued' })
      const requeued = await ns.ledger.getStatus('o1')
      expect(requeued).toMatchObject({ status: 'queued', startedAt: null, finishedAt: null })
    })

    it('keeps JSON values of every kind as written', async () => {
      const value = { n: 1.5, list: [1, 'two', null, { deep: true }], text: 'é€😀' }
      await ns.ledger.status('v1').set('data', value)
      expect((await ns.ledger.getStatus('v1'))?.fields.data).toEqual(value)
    })

    it('expires after expiresIn unless written again', async () => {
      await ns.ledger.status('e1', { expiresIn: 0.05 }).set('step', 'A')
      await ns.ledger.status('e2', { expiresIn: 60 }).set('step', 'A')
      await eventually(async () => (await ns.ledger.getStatus('e1')) === null, 'e1 expires')
      expect(await ns.ledger.getStatus('e2')).not.toBeNull()
    })

    it('lists statuses with their JSON and ratio, and drops expired ones', async () => {
      await ns.ledger.status('l1').update({ status: 'working', total: 10, progress: 5 })
      await ns.ledger.status('l2', { expiresIn: 0.05 }).set('step', 'x')
      await ns.ledger.status('l1').set('step', 'again')
      await eventually(async () => {
        const { items } = await ns.ledger.list({ kind: 'status' })
        return items.length === 1
      }, 'the expired status leaves the listing')
      const { items } = await ns.ledger.list({ kind: 'status' })
      expect(items).toEqual([
        {
          kind: 'status',
          id: 'l1',
          name: null,
          description: null,
          createdAt: expect.any(Number),
          summary: { status: 'working', progress: 5, total: 10, step: 'again', ratio: 0.5 },
        },
      ])
    })
  })
}
