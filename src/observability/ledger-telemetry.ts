import { InvalidArgumentError } from '../errors/jobledger-error.js'
import type { Dispatch } from '../facades/stage-payload.js'
import type { Store } from '../store/store.js'
import { globalTelemetry } from './global-telemetry.js'
import { instrumentStore } from './instrument-store.js'
import { type CounterSample, LedgerMetrics } from './ledger-metrics.js'
import { observeQueueDepth } from './queue-depth.js'
import type { MeterLike, TelemetryOptions, TracerLike } from './telemetry-types.js'

function hasMethod(value: unknown, name: string): boolean {
  return typeof (value as Record<string, unknown> | null)?.[name] === 'function'
}

/** Refuses a telemetry option that is neither 'global' nor { tracer?, meter? } of the right shape. */
export function validateTelemetry(telemetry: unknown): void {
  if (telemetry === undefined || telemetry === 'global') return
  const { tracer, meter } = (telemetry ?? {}) as { tracer?: unknown; meter?: unknown }
  const shaped =
    typeof telemetry === 'object' &&
    telemetry !== null &&
    (tracer === undefined || hasMethod(tracer, 'startActiveSpan')) &&
    (meter === undefined || hasMethod(meter, 'createCounter'))
  if (!shaped) {
    throw new InvalidArgumentError(
      "telemetry must be 'global' or { tracer, meter } with an OpenTelemetry Tracer and/or Meter.",
    )
  }
}

/**
 * A ledger's observability: counters always (for the dashboard's /metrics), OpenTelemetry
 * spans and metrics when `telemetry` names a tracer or meter.
 */
export class LedgerTelemetry {
  readonly #tracer: TracerLike | null
  readonly #meter: MeterLike | null
  readonly #metrics: LedgerMetrics

  constructor(options: TelemetryOptions | undefined) {
    const chosen = options === 'global' ? globalTelemetry() : (options ?? {})
    this.#tracer = chosen.tracer ?? null
    this.#meter = chosen.meter ?? null
    this.#metrics = new LedgerMetrics(this.#meter)
  }

  /** The store, observed (see instrument-store.ts); the queue-depth gauge when metered. */
  instrument(store: Store): Store {
    const observed = instrumentStore(store, {
      store: store.name,
      tracer: this.#tracer,
      metrics: this.#metrics,
    })
    if (this.#meter) observeQueueDepth(this.#meter, observed)
    return observed
  }

  /** The dispatch, counting each throw in `dispatch.failures`. */
  dispatch(dispatch: Dispatch | undefined): Dispatch | undefined {
    if (typeof dispatch !== 'function') return dispatch
    return async (payload) => {
      try {
        return await dispatch(payload)
      } catch (error) {
        this.#metrics.add({ metric: 'dispatch.failures', value: 1, attributes: {} })
        throw error
      }
    }
  }

  counters(): CounterSample[] {
    return this.#metrics.samples()
  }
}
