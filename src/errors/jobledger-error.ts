import type { ErrorCode } from './codes.js'

const BRAND = Symbol.for('jobledger.error')

export interface JobledgerErrorOptions {
  details?: Record<string, unknown>
  cause?: unknown
}

/**
 * The one error class the library throws. Branch on `code`, which is stable;
 * the message says what was wrong and what to do.
 *
 * @example
 * try { await job.push('') } catch (err) {
 *   if (isJobledgerError(err) && err.code === 'INVALID_ARGUMENT') console.error(err.message)
 * }
 */
export class JobledgerError extends Error {
  readonly code: ErrorCode
  readonly details: Record<string, unknown>

  constructor(code: ErrorCode, message: string, options: JobledgerErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.name = 'JobledgerError'
    this.code = code
    this.details = options.details ?? {}
    Object.defineProperty(this, BRAND, { value: true })
  }

  toJSON(): { code: ErrorCode; message: string; details: Record<string, unknown> } {
    return { code: this.code, message: this.message, details: this.details }
  }
}

export class InvalidArgumentError extends JobledgerError {
  constructor(message: string, options?: JobledgerErrorOptions) {
    super('INVALID_ARGUMENT', message, options)
    this.name = 'InvalidArgumentError'
  }
}

export class NotFoundError extends JobledgerError {
  constructor(message: string, options?: JobledgerErrorOptions) {
    super('NOT_FOUND', message, options)
    this.name = 'NotFoundError'
  }
}

export class InvalidTransitionError extends JobledgerError {
  constructor(message: string, options?: JobledgerErrorOptions) {
    super('INVALID_TRANSITION', message, options)
    this.name = 'InvalidTransitionError'
  }
}

export class StoreUnavailableError extends JobledgerError {
  constructor(message: string, options?: JobledgerErrorOptions) {
    super('STORE_UNAVAILABLE', message, options)
    this.name = 'StoreUnavailableError'
  }
}

/** True for errors thrown by any copy of jobledger (checks a global brand, not `instanceof`). */
export function isJobledgerError(value: unknown): value is JobledgerError {
  return typeof value === 'object' && value !== null && BRAND in value
}
