// The processor's retry pauses and heartbeats, driven by hand through injected timers over a
// scripted source: no store is needed, and a real outage cannot be timed without sleeping.
import { describe, expect, it } from 'vitest'
import { JobledgerError, StoreUnavailableError } from '../src/errors/jobledger-error.js'
import type { StartedItem } from '../src/facades/queue-item.js'
import { type ProcessorTimers, QueueProcessor } from '../src/facades/queue-processor.js'
import { eventually } from '../src/testing/wait.js'

class HandTimers implements ProcessorTimers {
  readonly pauses: number[] = []
  readonly ticks: (() => void)[] = []
  #wake: (() => void) | null = null
  every(_ms: number, tick: () => void): () => void {
    this.ticks.push(tick)
    return () => {
      this.ticks.splice(this.ticks.indexOf(tick), 1)
    }
  }
  pause(ms: number): Promise<void> {
    this.pauses.push(ms)
    return new Promise((resolve) => {
      this.#wake = resolve
    })
  }
  resume(): void {
    this.#wake?.()
  }
}

describe('QueueProcessor', () => {
  it.each([
    [0, [25, 50, 100, 200, 400, 800, 1600, 2500]],
    [1, [50, 100, 200, 400, 800, 1600, 3200, 5000]],
  ])('jitters each pause between its half and its whole (random %d)', async (random, expected) => {
    const timers = Object.assign(new HandTimers(), { random: () => random })
    const stop = new AbortController()
    let failures = 8
    const source = {
      leaseMs: 30_000,
      pop: async () => {
        if (failures-- > 0) throw new StoreUnavailableError('down')
        stop.abort()
        return null
      },
      settle: async () => null,
    }
    const processor = new QueueProcessor(source, async () => 'ok', {}, stop.signal, timers)
    for (let i = 1; i <= 8; i++) {
      await eventually(() => timers.pauses.length === i, `pause ${i}`)
      timers.resume()
    }
    await processor.done
    expect(timers.pauses).toEqual(expected)
  })

  it('pauses longer after each store error in a row, up to a cap, and resets on success', async () => {
    const timers = new HandTimers()
    const stop = new AbortController()
    let failures = 8
    const source = {
      leaseMs: 30_000,
      pop: async () => {
        if (failures-- > 0) throw new StoreUnavailableError('down')
        stop.abort()
        return null
      },
      settle: async () => null,
    }
    const errors: unknown[] = []
    const processor = new QueueProcessor(
      source,
      async () => 'ok',
      { onError: (error) => errors.push(error) },
      stop.signal,
      timers,
    )
    for (let i = 1; i <= 8; i++) {
      await eventually(() => timers.pauses.length === i, `pause ${i}`)
      timers.resume()
    }
    await processor.done
    expect(timers.pauses).toEqual([50, 100, 200, 400, 800, 1600, 3200, 5000])
    expect(errors).toHaveLength(8)
  })

  it('stops heartbeating an item whose lease was lost', async () => {
    const timers = new HandTimers()
    const stop = new AbortController()
    let beats = 0
    let release: () => void = () => {}
    const item = {
      id: '1',
      heartbeat: async () => {
        beats++
        throw new JobledgerError('CONFLICT', 'taken over')
      },
    } as unknown as StartedItem
    let popped = false
    const source = {
      leaseMs: 300,
      pop: async () => {
        if (popped) return null
        popped = true
        return item
      },
      settle: async () => {
        stop.abort()
        return null
      },
    }
    const errors: unknown[] = []
    const handler = () =>
      new Promise<string>((resolve) => {
        release = () => resolve('ok')
      })
    const processor = new QueueProcessor(
      source,
      handler,
      { onError: (error) => errors.push(error) },
      stop.signal,
      timers,
    )
    await eventually(() => timers.ticks.length === 1, 'the heartbeat starts')
    timers.ticks[0]!()
    await eventually(() => errors.length === 1, 'the heartbeat is refused')
    timers.ticks[0]!()
    await new Promise((resolve) => setTimeout(resolve, 10))
    expect(beats).toBe(1)
    expect(errors).toMatchObject([{ code: 'CONFLICT' }])
    release()
    await processor.done
    expect(timers.ticks).toEqual([])
    expect(timers.pauses).toEqual([])
  })
})
