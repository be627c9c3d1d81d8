// The one heartbeat timer of a processor's items in hand, driven by hand through fake timers.
import { describe, expect, it } from 'vitest'
import { JobledgerError } from '../src/errors/jobledger-error.js'
import { HeldHeartbeats, LazyItemSignal } from '../src/facades/held-items.js'
import type { StartedItem } from '../src/facades/queue-item.js'
import type { ProcessorTimers } from '../src/facades/queue-processor.js'

class FakeTimers implements ProcessorTimers {
  readonly timers: { ms: number; tick: () => void; cancelled: boolean }[] = []
  every(ms: number, tick: () => void): () => void {
    const timer = { ms, tick, cancelled: false }
    this.timers.push(timer)
    return () => {
      timer.cancelled = true
    }
  }
  pause(): Promise<void> {
    return Promise.resolve()
  }
  get live() {
    return this.timers.filter((timer) => !timer.cancelled)
  }
  tick(): void {
    for (const timer of this.live) timer.tick()
  }
}

function fakeItem(refuse = false) {
  const item = {
    beats: 0,
    heartbeat: async () => {
      item.beats++
      if (refuse) throw new JobledgerError('CONFLICT', 'taken over')
      return 0
    },
  }
  return item
}

const held = (item: ReturnType<typeof fakeItem>) => item as unknown as StartedItem
const settle = () => new Promise((resolve) => setImmediate(resolve))

describe('HeldHeartbeats', () => {
  it('beats every item held on each tick, and no more once released', () => {
    const timers = new FakeTimers()
    const beats = new HeldHeartbeats(timers, () => {})
    const a = fakeItem()
    const b = fakeItem()
    beats.hold(held(a), 30_000, new LazyItemSignal([]))
    beats.hold(held(b), 30_000, new LazyItemSignal([]))
    expect(timers.live.map((timer) => timer.ms)).toEqual([10_000])
    timers.tick()
    beats.release(held(a))
    timers.tick()
    expect([a.beats, b.beats]).toEqual([1, 2])
  })

  it('stops beating an item whose heartbeat is refused and aborts its handler signal', async () => {
    const timers = new FakeTimers()
    const errors: unknown[] = []
    const beats = new HeldHeartbeats(timers, (error) => errors.push(error))
    const lost = fakeItem(true)
    const signal = new LazyItemSignal([])
    beats.hold(held(lost), 30_000, signal)
    timers.tick()
    await settle()
    timers.tick()
    await settle()
    expect(lost.beats).toBe(1)
    expect(signal.signal.aborted).toBe(true)
    expect(errors).toMatchObject([{ code: 'CONFLICT' }])
  })

  it('beats the items held at once when a shorter lease restarts the timer, and slows again', () => {
    const timers = new FakeTimers()
    const beats = new HeldHeartbeats(timers, () => {})
    const long = fakeItem()
    const short = fakeItem()
    beats.hold(held(long), 30_000, new LazyItemSignal([]))
    beats.hold(held(short), 3_000, new LazyItemSignal([]))
    expect(long.beats).toBe(1)
    expect(timers.live.map((timer) => timer.ms)).toEqual([1_000])
    beats.release(held(short))
    timers.tick()
    expect(timers.live.map((timer) => timer.ms)).toEqual([10_000])
  })

  it('starts no timer once ended', () => {
    const timers = new FakeTimers()
    const beats = new HeldHeartbeats(timers, () => {})
    beats.hold(held(fakeItem()), 30_000, new LazyItemSignal([]))
    beats.end()
    beats.hold(held(fakeItem()), 3_000, new LazyItemSignal([]))
    expect(timers.live).toEqual([])
  })
})
