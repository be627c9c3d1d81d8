/**
 * The parts of the OpenTelemetry API jobledger calls, as structural types: any `Tracer` and
 * `Meter` of `@opentelemetry/api` fits, and jobledger never imports the API unless asked to
 * (`telemetry: 'global'`).
 */
export type Attributes = Record<string, string | number | boolean>

export interface SpanLike {
  setAttribute(key: string, value: string | number | boolean): unknown
  setStatus(status: { code: number; message?: string }): unknown
  recordException(exception: Error | string): unknown
  end(): void
}

export interface TracerLike {
  startActiveSpan<T>(
    name: string,
    options: { kind?: number; attributes?: Attributes },
    fn: (span: SpanLike) => T,
  ): T
}

export interface CounterLike {
  add(value: number, attributes?: Attributes): void
}

export interface ObservableResultLike {
  observe(value: number, attributes?: Attributes): void
}

export interface ObservableGaugeLike {
  addCallback(callback: (result: ObservableResultLike) => void | Promise<void>): void
}

export interface MeterLike {
  createCounter(name: string, options?: { description?: string; unit?: string }): CounterLike
  createObservableGauge(
    name: string,
    options?: { description?: string; unit?: string },
  ): ObservableGaugeLike
}

/**
 * OpenTelemetry for a ledger: a tracer gets a span per store operation
 * (`jobledger.<face>.<method>`, e.g. `jobledger.jobs.donePart`), a meter gets the counters
 * (parts settled, items by outcome, lease reclaims, dispatch failures, store errors) and the
 * queue-depth gauge. `'global'` takes both from the providers registered with
 * `@opentelemetry/api` (an optional peer dependency, loaded only then).
 */
export type TelemetryOptions = { tracer?: TracerLike; meter?: MeterLike } | 'global'

/** OpenTelemetry's SpanKind.CLIENT and SpanStatusCode.ERROR, without importing the API. */
export const SPAN_KIND_CLIENT = 2
export const SPAN_STATUS_ERROR = 2
