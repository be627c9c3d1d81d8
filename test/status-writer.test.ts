// The throttle of a status, driven by a manual clock and timers instead of real time: its
// bound on writes is a property of the write path, the same whichever store is behind it
// (the conformance suite checks the end result against memory and Redis).
import { afterEach, describe, expect, it } from 'vitest'
import { StoreUnavailableError } from '../src/errors/jobledger-error.js'
import { PendingStatuses } from '../src/facades/pending-statuses.js'
import { emptyPatch } from '../src/facades/status-patch.js'
import { BACKGROUND_ATTEMPTS, type Scheduler, StatusWriter } from '../src/facades/status-writer.js'
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

/** A store write that always fails, on the next macrotask. */
function failingSend() {
  return async (): Promise<null> => {
    await new Promise((resolve) => setImmediate(resolve))
    throw new Error('store down')
  }
}

/** A store write that fails while `failing` is set and records what it writes otherwise. */
function switchableStore() {
  const store = {
    failing: true,
    written: [] as StatusPatch[],
    send: async (patch: StatusPatch): Promise<null> => {
      await tick()
      if (store.failing) throw new Error('store down')
      store.written.push(patch)
      return null
    },
  }
  return store
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

  it('ends a write at a buffered finish: changes buffered after it go in the next write', async () => {
    const clock = new ManualScheduler()
    const written: StatusPatch[] = []
    const writer = new StatusWriter(recordingSend(written), 100, clock, tracker)
    writer.buffer(increment(1))
    await tick()
    writer.buffer(increment(2))
    writer.buffer({ ...emptyPatch(), state: 'completed', finish: true })
    writer.buffer(increment(4))
    writer.buffer(increment(8))
    clock.advance(100)
    await tick()
    await tick()
    clock.advance(100)
    await tick()
    await tick()
    expect(written.map((p) => [p.increment, p.finish])).toEqual([
      [1, false],
      [2, true],
      [12, false],
    ])
    expect(writer.hasPending).toBe(false)
  })

  it('retries a failed buffered write after a backoff, in front of later changes', async () => {
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
    await tick()
    writer.buffer(increment(4))
    expect(writer.writes).toBe(1)
    clock.advance(199)
    await tick()
    expect(writer.writes).toBe(1)
    clock.advance(1)
    await tick()
    await tick()
    expect(written).toEqual([{ ...emptyPatch(), progress: 10, increment: 4 }])
    await writer.flush()
    expect(writer.hasPending).toBe(false)
  })

  it('jitters the retry backoff, so writers that failed together do not retry together', async () => {
    const retryAt = async (random: number) => {
      const clock = Object.assign(new ManualScheduler(), { random: () => random })
      let failNext = true
      const send = async (): Promise<null> => {
        await tick()
        if (failNext) {
          failNext = false
          throw new Error('store down')
        }
        return null
      }
      const writer = new StatusWriter(send, 100, clock, tracker)
      writer.buffer({ ...emptyPatch(), progress: 10 })
      await tick()
      await tick()
      for (let waited = 1; waited <= 200; waited++) {
        clock.advance(1)
        await tick()
        if (writer.writes === 2) return waited
      }
      return null
    }
    // The exact backoff is 200 ms; the jittered one falls between its half and its whole.
    expect(await retryAt(0)).toBe(100)
    expect(await retryAt(0.5)).toBe(150)
    expect(await retryAt(1)).toBe(200)
  })

  it('rejects and drops a write its caller awaits when the store fails, with no retry (throttleMs 0)', async () => {
    const clock = new ManualScheduler()
    const writer = new StatusWriter(failingSend(), 0, clock, tracker)
    for (let i = 1; i <= 3; i++) {
      await expect(writer.writeNow(increment(1))).rejects.toThrow('store down')
      for (let t = 0; t < 5; t++) await tick()
      expect(writer.writes).toBe(i)
      expect(writer.hasPending).toBe(false)
    }
    expect(clock.timers).toEqual([])
    await writer.flush()
  })

  it('lets a caller retry a failed unthrottled write without counting it twice', async () => {
    const store = switchableStore()
    const writer = new StatusWriter(store.send, 0, new ManualScheduler(), tracker)
    await expect(writer.writeNow(increment(1))).rejects.toThrow('store down')
    store.failing = false
    await writer.writeNow(increment(1))
    expect(store.written.reduce((sum, patch) => sum + patch.increment, 0)).toBe(1)
  })

  it('retries a persistently failing buffered write a bounded number of times, then refuses the next change', async () => {
    const clock = new ManualScheduler()
    const store = switchableStore()
    const writer = new StatusWriter(store.send, 100, clock, tracker)
    writer.buffer(increment(1))
    const delays: number[] = []
    for (let round = 0; round < 20; round++) {
      await tick()
      await tick()
      const timer = clock.timers[0]
      if (timer === undefined) break
      delays.push(timer.at - clock.time)
      clock.advance(timer.at - clock.time)
    }
    expect(writer.writes).toBe(BACKGROUND_ATTEMPTS)
    expect(delays).toEqual([200, 400, 800, 1600])
    expect(clock.timers).toEqual([])
    expect(writer.hasPending).toBe(true)
    expect(() => writer.buffer(increment(5))).toThrow('store down')
    store.failing = false
    await writer.flush()
    expect(store.written).toEqual([increment(1)])
    expect(writer.hasPending).toBe(false)
  })

  it('rejects a flush while the store fails and keeps the buffered changes for the next', async () => {
    const clock = new ManualScheduler()
    const store = switchableStore()
    const writer = new StatusWriter(store.send, 60_000, clock, tracker)
    writer.buffer(increment(2))
    await tick()
    await tick()
    writer.buffer(increment(3))
    await expect(writer.flush()).rejects.toThrow('store down')
    await expect(writer.flush()).rejects.toThrow('store down')
    expect(writer.writes).toBe(3)
    store.failing = false
    await writer.flush()
    expect(store.written).toEqual([increment(5)])
  })

  it('tries a failing flush once at beforeExit, so the process can end', async () => {
    const clock = new ManualScheduler()
    const writer = new StatusWriter(failingSend(), 60_000, clock, tracker)
    writer.buffer(increment(1))
    await tick()
    await tick()
    writer.buffer(increment(1))
    const before = writer.writes
    process.emit('beforeExit', 0)
    for (let t = 0; t < 5; t++) await tick()
    expect(writer.writes).toBe(before + 1)
    process.emit('beforeExit', 0)
    for (let t = 0; t < 5; t++) await tick()
    expect(writer.writes).toBe(before + 1)
    expect(writer.hasPending).toBe(true)
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

describe('status writer after a write that may have run', () => {
  let tracker = new PendingStatuses()
  afterEach(() => {
    tracker.close()
    tracker = new PendingStatuses()
  })

  const lostReply = () => new StoreUnavailableError('reply lost', { details: { ambiguous: true } })

  /** A store that applies each op once and loses the reply of the first write. */
  function onceStore() {
    const store = {
      loseNext: true,
      applied: new Map<string, StatusPatch>(),
      sends: [] as string[],
      send: async (patch: StatusPatch, _overflow: unknown, opId?: string): Promise<null> => {
        await tick()
        const op = opId ?? 'none'
        store.sends.push(op)
        if (!store.applied.has(op)) store.applied.set(op, patch)
        if (store.loseNext) {
          store.loseNext = false
          throw lostReply()
        }
        return null
      },
    }
    return store
  }

  it('retries buffered changes whose reply was lost under the same op, alone, so they count once', async () => {
    const clock = new ManualScheduler()
    const store = onceStore()
    const writer = new StatusWriter(store.send, 100, clock, tracker)
    writer.buffer(increment(2))
    await tick()
    await tick()
    writer.buffer(increment(3))
    clock.advance(200)
    for (let t = 0; t < 6; t++) await tick()
    clock.advance(200)
    for (let t = 0; t < 6; t++) await tick()
    await writer.flush()
    const [first, second, third] = store.sends
    expect(second).toBe(first)
    expect(third).not.toBe(first)
    const total = [...store.applied.values()].reduce((n, p) => n + (p.increment ?? 0), 0)
    expect(total).toBe(5)
  })

  it('refuses, unwritten, a caller queued behind such a retry instead of looping', async () => {
    const clock = new ManualScheduler()
    let sends = 0
    const send = async (): Promise<null> => {
      await tick()
      sends++
      throw lostReply()
    }
    const writer = new StatusWriter(send, 100, clock, tracker)
    writer.buffer(increment(1))
    await tick()
    await tick()
    const call = writer.writeNow({ ...emptyPatch(), progress: 5 })
    await expect(call).rejects.toMatchObject({
      code: 'STORE_UNAVAILABLE',
      details: { ambiguous: false },
    })
    for (let t = 0; t < 10; t++) await tick()
    expect(sends).toBe(2)
  })
  it('writes a change repeated with its opId alone, so buffered changes never ride on a repeat', async () => {
    const clock = new ManualScheduler()
    const store = onceStore()
    store.loseNext = false
    store.applied.set('mine', increment(5))
    const writer = new StatusWriter(store.send, 100, clock, tracker)
    writer.buffer(increment(1))
    await tick()
    await tick()
    writer.buffer(increment(2))
    await writer.writeNow(increment(5), 'mine')
    await writer.flush()
    expect(store.sends.at(-1)).toBe('mine')
    const total = [...store.applied.values()].reduce((n, p) => n + (p.increment ?? 0), 0)
    expect(total).toBe(8)
  })
})
