import { createRequire } from 'node:module'
import { InvalidArgumentError } from '../errors/jobledger-error.js'
import type { MeterLike, TracerLike } from './telemetry-types.js'

interface OpenTelemetryApi {
  trace: { getTracer(name: string, version?: string): TracerLike }
  metrics: { getMeter(name: string, version?: string): MeterLike }
}

/**
 * The tracer and meter of the providers registered with `@opentelemetry/api`, loaded now
 * (not before: the API is an optional peer dependency).
 */
export function globalTelemetry(): { tracer: TracerLike; meter: MeterLike } {
  const require = createRequire(import.meta.url)
  let api: OpenTelemetryApi
  try {
    api = require('@opentelemetry/api') as OpenTelemetryApi
  } catch (error) {
    throw new InvalidArgumentError(
      "telemetry: 'global' needs @opentelemetry/api, which is not installed: npm install @opentelemetry/api (or pass { tracer, meter }).",
      { cause: error },
    )
  }
  const version = (require('../../package.json') as { version: string }).version
  return {
    tracer: api.trace.getTracer('jobledger', version),
    meter: api.metrics.getMeter('jobledger', version),
  }
}
