// The throttle of a status, driven by a manual clock and timers instead of real time: its
// bound on writes is a property of the write path, the same whichever store is behind it
// (the conformance suite checks the end result against memory and Redis).
import { afterEach, describe, expect, it } from 'vitest'
import { PendingStatuses } from '../src/facades/pending-statuses.js'
import { emptyPatch } from '../src/facades/status-patch.js'
import { type Scheduler, StatusWriter } from '../src/facades/status-writer.js'
import type { StatusPatch } from '../src/store/status-store.js'

class ManualScheduler implements Scheduler {
  time = 0
  timers: { at: number; fn: () => void }[] = []
  now(): number {
    return this.time
  }
  setTimer(fn: () => void, ms: number): () => void {
    const timer = { at: this.time + ms, fn }
    this.timers.push(timer)
    return () => {
      this.timers = this.timers.filter((t) => t !== timer)
    }
  }
  /** Moves time on, running timers that fall due. */
  advance(ms: number): void {
    this.time += ms
    for (const timer of this.timers.filter((t) => t.at <= this.time)) {
      this.timers = this.timers.filter((t) => t !== timer)
      timer.fn()
    }
  }
}

/** A store write that records patches and completes on the next macrotask. */
function recordingSend(written: StatusPatch[]) {
  return async (patch: StatusPatch): Promise<null> => {
    await new Promise((resolve) => setImmediate(resolve))
    written.push(patch)
    return null
  }
}

const increment = (n: number): StatusPatch => ({ ...emptyPatch(), increment: n })
const tick = () => new Promise((resolve) => setImmediate(resolve))

describe('status writer throttle', () => {
  let tracker = new PendingStatuses()
  afterEach(() => {
    tracker.close()
    tracker = new PendingStatuses()
  })

  it('writes 100,000 increments with throttleMs=100 in at most elapsed/100 + 2 writes, exactly', async () => {
    const clock = new ManualScheduler()
    const written: StatusPatch[] = []
    const writer = new StatusWriter(recordingSend(written), 100, clock, tracker)
    for (let i = 0; i < 100_000; i++) {
      writer.buffer(increment(1))
      if (i % 1_000 === 999) {
        clock.advance(7) // the loop takes 700 ms of clock time in all
        await tick()
      }
    }
    await writer.flush()
    const elapsed = clock.time
    expect(written.reduce((sum, patch) => sum + patch.increment, 0)).toBe(100_000)
    expect(written.length).toBeLessThanOrEqual(elapsed / 100 + 2)
    expect(written.length).toBeGreaterThanOrEqual(elapsed / 100 - 1)
    expect(writer.writes).toBe(written.length)
  })

  it('writes the first change at once and the rest when the interval ends', async () => {
    const clock = new ManualScheduler()
    const written: StatusPatch[] = []
    const writer = new StatusWriter(recordingSend(written), 100, clock, tracker)
    writer.buffer(increment(1))
    await tick()
    expect(written.map((p) => p.increment)).toEqual([1])
    writer.buffer(increment(2))
    writer.buffer({ ...emptyPatch(), fields: { step: '"A"' } })
    writer.buffer({ ...emptyPatch(), fields: { step: '"B"' } })
    writer.buffer(increment(3))
    clock.advance(99)
    await tick()
    expect(written).toHaveLength(1)
    clock.advance(1)
    await tick()
    await tick()
    expect(written[1]).toMatchObject({ increment: 5, fields: { step: '"B"' } })
    expect(writer.hasPending).toBe(false)
  })

  it('puts a failed write back in front of later changes and reports it on flush', async () => {
    const clock = new ManualScheduler()
    const written: StatusPatch[] = []
    let failNext = true
    const send = async (patch: StatusPatch): Promise<null> => {
      await tick()
      if (failNext) {
        failNext = false
        throw new Error('store down')
      }
      written.push(patch)
      return null
    }
    const writer = new StatusWriter(send, 100, clock, tracker)
    writer.buffer({ ...emptyPatch(), progress: 10 })
    await tick()
    writer.buffer(increment(4))
    await tick()
    await expect(writer.flush()).rejects.toThrow('store down')
    await writer.flush()
    expect(written).toEqual([{ ...emptyPatch(), progress: 10, increment: 4 }])
  })

  it('writes pending changes on beforeExit, listening only while something is pending', async () => {
    const clock = new ManualScheduler()
    const written: StatusPatch[] = []
    const writer = new StatusWriter(recordingSend(written), 100, clock, tracker)
    const listeners = process.listenerCount('beforeExit')
    writer.buffer(increment(1))
    writer.buffer(increment(1))
    await tick()
    writer.buffer(increment(5))
    expect(process.listenerCount('beforeExit')).toBe(listeners + 1)
    process.emit('beforeExit', 0)
    await tick()
    await tick()
    expect(written.map((p) => p.increment)).toEqual([1, 6])
    expect(process.listenerCount('beforeExit')).toBe(listeners)
  })
})
