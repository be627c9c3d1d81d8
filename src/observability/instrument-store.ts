import type { Store } from '../store/store.js'
import type { LedgerMetrics } from './ledger-metrics.js'
import { STORE_RESULT_METRICS } from './store-results.js'
import {
  type Attributes,
  SPAN_KIND_CLIENT,
  SPAN_STATUS_ERROR,
  type SpanLike,
  type TracerLike,
} from './telemetry-types.js'

/** The sub-stores of the port, one per face; every method of each is instrumented. */
const FACES = [
  'jobs',
  'batches',
  'registry',
  'stages',
  'statuses',
  'queues',
  'events',
  'callbackIndex',
] as const
const TOP_LEVEL = new Set(['purge'])

interface Observer {
  store: string
  tracer: TracerLike | null
  metrics: LedgerMetrics
}

/** The unit an operation is about: its first argument's id (or queue name), when it has one. */
function unitOf(args: readonly unknown[]): string | null {
  const [first] = args
  if (typeof first === 'string') return first
  if (typeof first !== 'object' || first === null) return null
  const { id, name } = first as { id?: unknown; name?: unknown }
  if (typeof id === 'string') return id
  return typeof name === 'string' ? name : null
}

function settled<T>(
  result: T,
  operation: string,
  args: readonly unknown[],
  observer: Observer,
  span: SpanLike | null,
): T {
  const fail = (error: unknown) => {
    observer.metrics.add({ metric: 'store.errors', value: 1, attributes: { operation } })
    if (span) {
      span.recordException(error instanceof Error ? error : String(error))
      span.setStatus({
        code: SPAN_STATUS_ERROR,
        message: String((error as Error)?.message ?? error),
      })
    }
  }
  if (!(result instanceof Promise)) {
    span?.end()
    return result
  }
  const extract = STORE_RESULT_METRICS[operation]
  // Observed on a branch of its own: the caller gets the store's promise itself, not a later one.
  result.then(
    (value: unknown) => {
      if (extract) for (const delta of extract(value, args)) observer.metrics.add(delta)
      span?.end()
    },
    (error: unknown) => {
      fail(error)
      span?.end()
    },
  )
  return result
}

function observed(operation: string, call: (...args: unknown[]) => unknown, observer: Observer) {
  return (...args: unknown[]) => {
    const { tracer } = observer
    if (!tracer) return settled(call(...args), operation, args, observer, null)
    const attributes: Attributes = {
      'jobledger.store': observer.store,
      'jobledger.operation': operation,
    }
    const unit = unitOf(args)
    if (unit !== null) attributes['jobledger.unit'] = unit
    if (observer.store === 'redis') attributes['db.system'] = 'redis'
    return tracer.startActiveSpan(
      `jobledger.${operation}`,
      { kind: SPAN_KIND_CLIENT, attributes },
      (span) => {
        try {
          return settled(call(...args), operation, args, observer, span)
        } catch (error) {
          span.recordException(error instanceof Error ? error : String(error))
          span.setStatus({ code: SPAN_STATUS_ERROR })
          span.end()
          throw error
        }
      },
    )
  }
}

/** A proxy of `target` whose methods are observed as `<prefix><method>`; other fields as is. */
function observe<T extends object>(
  target: T,
  prefix: string,
  observer: Observer,
  only?: Set<string>,
): T {
  // Keyed by the function itself, so a method replaced on the store (a test's stub) is observed too.
  const wrapped = new WeakMap<object, unknown>()
  return new Proxy(target, {
    get(object, property) {
      const value = Reflect.get(object, property, object)
      if (typeof value !== 'function' || typeof property !== 'string') return value
      let instrumented = wrapped.get(value)
      if (!instrumented) {
        const call = (value as (...args: unknown[]) => unknown).bind(object)
        const skip = only !== undefined && !only.has(property)
        instrumented = skip ? call : observed(`${prefix}${property}`, call, observer)
        wrapped.set(value, instrumented)
      }
      return instrumented
    },
  })
}

/**
 * The store with every operation observed: a span `jobledger.<face>.<method>` per call when a
 * tracer is given, and the counters of store-results.ts from each result. Works on any store
 * that implements the port, whatever its methods are.
 */
export function instrumentStore(store: Store, observer: Observer): Store {
  const faces = new Map<PropertyKey, unknown>(
    FACES.map((face) => [face, observe(store[face], `${face}.`, observer)]),
  )
  const top = observe(store, '', observer, TOP_LEVEL)
  return new Proxy(store, {
    get(_store, property, receiver) {
      return faces.has(property) ? faces.get(property) : Reflect.get(top, property, receiver)
    },
  })
}
