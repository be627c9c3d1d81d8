// The error type itself: brand, codes and serialisation, independent of any store.
import { describe, expect, it } from 'vitest'
import {
  ERROR_CODES,
  InvalidArgumentError,
  isJobledgerError,
  JobledgerError,
  NotFoundError,
} from '../src/index.js'

describe('JobledgerError', () => {
  it('carries a stable code, details and cause', () => {
    const cause = new Error('low level')
    const error = new JobledgerError('CONFLICT', 'already running', { details: { id: 'x' }, cause })
    expect(error).toBeInstanceOf(Error)
    expect(error.code).toBe('CONFLICT')
    expect(error.details).toEqual({ id: 'x' })
    expect(error.cause).toBe(cause)
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      code: 'CONFLICT',
      message: 'already running',
      details: { id: 'x' },
    })
  })

  it('is recognised by brand, also when it crossed a realm or a second copy of the package', () => {
    expect(isJobledgerError(new NotFoundError('gone'))).toBe(true)
    const copy = Object.assign(new Error('x'), { [Symbol.for('jobledger.error')]: true })
    expect(isJobledgerError(copy)).toBe(true)
    expect(isJobledgerError(new Error('plain'))).toBe(false)
    expect(isJobledgerError(null)).toBe(false)
  })

  it('names its subclasses and lists every code', () => {
    expect(new InvalidArgumentError('bad').name).toBe('InvalidArgumentError')
    expect(new InvalidArgumentError('bad').code).toBe('INVALID_ARGUMENT')
    expect(ERROR_CODES).toContain('STORE_UNAVAILABLE')
  })
})
