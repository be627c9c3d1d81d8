// OpenTelemetry and counters of a ledger: spans per store operation, counters from their
// results, the queue-depth gauge, and 'global' through @opentelemetry/api. The observation
// wraps the store port whatever the store is, so the memory store suffices (the Redis store
// is exercised by the dashboard's /metrics test).
import { trace } from '@opentelemetry/api'
import { afterEach, describe, expect, it } from 'vitest'
import { createLedger, type Ledger } from '../src/index.js'
import type {
  MeterLike,
  ObservableResultLike,
  SpanLike,
  TracerLike,
} from '../src/observability/telemetry-types.js'
import { eventually } from '../src/testing/wait.js'

interface RecordedSpan {
  name: string
  attributes: Record<string, unknown>
  status: { code: number } | null
  exceptions: unknown[]
  ended: boolean
}

function recordingTracer(): TracerLike & { spans: RecordedSpan[] } {
  const spans: RecordedSpan[] = []
  return {
    spans,
    startActiveSpan(name, options, fn) {
      const recorded: RecordedSpan = {
        name,
        attributes: { ...options.attributes },
        status: null,
        exceptions: [],
        ended: false,
      }
      spans.push(recorded)
      const span: SpanLike = {
        setAttribute: (key, value) => {
          recorded.attributes[key] = value
        },
        setStatus: (status) => {
          recorded.status = status
        },
        recordException: (exception) => {
          recorded.exceptions.push(exception)
        },
        end: () => {
          recorded.ended = true
        },
      }
      return fn(span)
    },
  }
}

function recordingMeter() {
  const added: { name: string; value: number; attributes: Record<string, unknown> }[] = []
  const callbacks: ((result: ObservableResultLike) => void | Promise<void>)[] = []
  const meter: MeterLike = {
    createCounter: (name) => ({
      add: (value, attributes = {}) => void added.push({ name, value, attributes }),
    }),
    createObservableGauge: () => ({ addCallback: (callback) => void callbacks.push(callback) }),
  }
  const observe = async () => {
    const points: { value: number; attributes: Record<string, unknown> }[] = []
    for (const callback of callbacks) {
      await callback({
        observe: (value, attributes = {}) => void points.push({ value, attributes }),
      })
    }
    return points
  }
  return { meter, added, observe }
}

describe('ledger telemetry', () => {
  const opened: Ledger[] = []
  const open = (options: Parameters<typeof createLedger>[0]) => {
    const ledger = createLedger(options)
    opened.push(ledger)
    return ledger
  }
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((ledger) => ledger.close()))
    trace.disable()
  })

  it('gives every store operation a span named jobledger.<face>.<method>', async () => {
    const tracer = recordingTracer()
    const job = open({ telemetry: { tracer } }).job('nightly')
    await job.push('a')
    await job.done('a')
    expect(tracer.spans.map((span) => span.name)).toEqual(
      expect.arrayContaining(['jobledger.jobs.pushParts', 'jobledger.jobs.donePart']),
    )
    const done = tracer.spans.find((span) => span.name === 'jobledger.jobs.donePart')
    expect(done).toMatchObject({
      attributes: {
        'jobledger.store': 'memory',
        'jobledger.operation': 'jobs.donePart',
        'jobledger.unit': 'nightly',
      },
      status: null,
      ended: true,
    })
    expect(tracer.spans.every((span) => span.ended)).toBe(true)
  })

  it('marks the span of a failed store operation as an error and counts it', async () => {
    const tracer = recordingTracer()
    const ledger = open({ telemetry: { tracer } })
    const jobs = ledger.store.jobs
    const original = jobs.readJob
    jobs.readJob = async () => {
      throw new Error('store down')
    }
    try {
      await expect(ledger.job('x').summary()).rejects.toThrow('store down')
    } finally {
      jobs.readJob = original
    }
    const span = tracer.spans.find((s) => s.name === 'jobledger.jobs.readJob')
    expect(span).toMatchObject({ status: { code: 2 }, ended: true })
    expect(span?.exceptions).toHaveLength(1)
    expect(ledger.counters()).toContainEqual({
      name: 'store.errors',
      attributes: { operation: 'jobs.readJob' },
      value: 1,
    })
  })

  it('counts parts settled, items by outcome, lease reclaims and dispatch failures', async () => {
    const { meter, added } = recordingMeter()
    const ledger = open({
      telemetry: { meter },
      dispatch: () => {
        throw new Error('queue down')
      },
    })
    const job = ledger.job('counted')
    await job.pushEach(['a', 'b', 'c'], () => {})
    await job.done('0')
    await job.done('0')
    await job.fail('1', new Error('bad row'))
    const batches = ledger.job('batched')
    const { index } = await batches.addBatch(['1', '2', '3', '4'])
    await ledger.tracker({ job: 'batched', batch: index }).eachRecord(async (id) => {
      if (id === '2') return 'skipped'
      if (id === '3') throw new Error('no price')
      return undefined
    })
    const queue = ledger.queue('leases', { leaseMs: 1 })
    await queue.createAndPush({})
    const leased = await queue.tryPopAndStart()
    await eventually(() => Date.now() > (leased?.leaseUntil ?? 0), 'the lease has ended')
    await queue.reclaimExpired()
    await expect(
      ledger.withinGrouping('g', (g) => g.stage(1).enqueue('Work', [])),
    ).rejects.toThrow()
    const counted = Object.fromEntries(
      ledger.counters().map((s) => [`${s.name} ${JSON.stringify(s.attributes)}`, s.value]),
    )
    expect(counted).toMatchObject({
      'parts.settled {"face":"jobs","outcome":"succeeded"}': 1,
      'parts.settled {"face":"jobs","outcome":"failed"}': 1,
      'items.settled {"outcome":"processed"}': 2,
      'items.settled {"outcome":"skipped"}': 1,
      'items.settled {"outcome":"errored"}': 1,
      'queue.reclaims {"result":"requeued"}': 1,
      'dispatch.failures {}': 1,
    })
    expect(added).toContainEqual({
      name: 'jobledger.parts.settled',
      value: 1,
      attributes: { face: 'jobs', outcome: 'failed' },
    })
    expect(added).toContainEqual({ name: 'jobledger.dispatch.failures', value: 1, attributes: {} })
  })

  it('observes each queue depth by state on the meter', async () => {
    const { meter, observe } = recordingMeter()
    const queue = open({ telemetry: { meter } }).queue('imports')
    await queue.createAndPush({ file: 'a' })
    await queue.createAndPush({ file: 'b' })
    await queue.tryPopAndStart()
    expect(await observe()).toEqual([
      { value: 1, attributes: { queue: 'imports', state: 'waiting' } },
      { value: 1, attributes: { queue: 'imports', state: 'running' } },
      { value: 0, attributes: { queue: 'imports', state: 'finished' } },
      { value: 0, attributes: { queue: 'imports', state: 'failed' } },
    ])
  })

  it("with 'global', traces through the provider registered with @opentelemetry/api", async () => {
    const tracer = recordingTracer()
    trace.setGlobalTracerProvider({ getTracer: () => tracer as never })
    await open({ telemetry: 'global' }).job('g').push('a')
    expect(tracer.spans.map((span) => span.name)).toContain('jobledger.jobs.pushParts')
  })

  it('refuses a telemetry option of the wrong shape, before opening anything', () => {
    expect(() => createLedger({ telemetry: { tracer: {} as TracerLike } })).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    )
  })
})
