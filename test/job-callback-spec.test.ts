// The check of a durable callback before any store call (domain/job-callbacks.ts): a pure
// function, the same for every store, so it is tested once here; the store side (refusals,
// outbox copy, confirmation) is in the conformance suite (jobs-signals.ts).
import { describe, expect, it } from 'vitest'
import {
  MAX_CALLBACK_BYTES,
  validateCallbackSpec,
  validateScope,
  validateSignal,
} from '../src/domain/job-callbacks.js'

const refused = { code: 'INVALID_ARGUMENT' }

function sparse(): unknown[] {
  const holes: unknown[] = [1]
  holes[2] = 3
  return holes
}

describe('durable callback specs', () => {
  it('accepts plain JSON and hands back a copy made of JSON', () => {
    const args = [1, 'two', null, true, { a: [1, { b: 'c' }] }]
    const spec = validateCallbackSpec({ name: 'import-summary', args })
    expect(spec).toEqual({ name: 'import-summary', args })
    expect(spec.args).not.toBe(args)
    expect(validateCallbackSpec({ name: 'no-args' })).toEqual({ name: 'no-args', args: [] })
  })

  it.each([
    ['no object', 'name'],
    ['an array', ['x']],
    ['an empty name', { name: '', args: [] }],
    ['a name over 128 characters', { name: 'n'.repeat(129), args: [] }],
    ['args that are not an array', { name: 'x', args: { a: 1 } }],
    ['a function', { name: 'x', args: [() => 1] }],
    ['undefined', { name: 'x', args: [undefined] }],
    ['NaN', { name: 'x', args: [Number.NaN] }],
    ['Infinity', { name: 'x', args: [Number.POSITIVE_INFINITY] }],
    ['a bigint', { name: 'x', args: [1n] }],
    ['a Date', { name: 'x', args: [new Date(0)] }],
    ['a Map', { name: 'x', args: [new Map()] }],
    ['a sparse array', { name: 'x', args: sparse() }],
    ['a lone surrogate', { name: 'x', args: ['a\ud800'] }],
    [
      'nesting past 32 levels',
      { name: 'x', args: [JSON.parse(`${'['.repeat(40)}${']'.repeat(40)}`)] },
    ],
    ['more than the byte limit', { name: 'x', args: ['y'.repeat(MAX_CALLBACK_BYTES)] }],
  ])('refuses %s with INVALID_ARGUMENT', (_label, spec) => {
    expect(() => validateCallbackSpec(spec)).toThrow(expect.objectContaining(refused))
  })

  it('takes the job scope, batch scopes and the four signals, and nothing else', () => {
    expect(validateScope('')).toEqual({ scope: '', batch: null })
    expect(validateScope('batch:12')).toEqual({ scope: 'batch:12', batch: 12 })
    for (const bad of ['batch:', 'batch:01', 'batch:-1', 'stage:1', 'job', 3])
      expect(() => validateScope(bad)).toThrow(expect.objectContaining(refused))
    expect(validateSignal('settled')).toBe('settled')
    expect(() => validateSignal('finished')).toThrow(expect.objectContaining(refused))
  })
})
