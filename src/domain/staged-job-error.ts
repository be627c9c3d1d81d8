import type { StagedJobError } from './group-records.js'

const MAX_CLASS = 128
const MAX_MESSAGE = 1_024
const MAX_STACK_LINES = 12
const MAX_STACK = 2_048

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g

/** At most `max` UTF-16 units, cut on a code point boundary, lone surrogates replaced. */
function bounded(text: string, max: number): string {
  const clean = text.replace(LONE_SURROGATE, '\ufffd')
  if (clean.length <= max) return clean
  let end = max - 1
  const last = clean.charCodeAt(end - 1)
  if (last >= 0xd800 && last <= 0xdbff) end--
  return `${clean.slice(0, end)}…`
}

function trimmedStack(stack: unknown): string | null {
  if (typeof stack !== 'string' || stack === '') return null
  return bounded(stack.split('\n').slice(0, MAX_STACK_LINES).join('\n'), MAX_STACK)
}

/**
 * What a staged job records of the error its run threw: class, message and the first lines
 * of the stack, each bounded, whatever was thrown.
 */
export function stagedJobErrorOf(error: unknown): StagedJobError {
  if (error instanceof Error) {
    return {
      class: bounded(error.name || error.constructor?.name || 'Error', MAX_CLASS),
      message: bounded(String(error.message), MAX_MESSAGE),
      stack: trimmedStack(error.stack),
    }
  }
  const message = typeof error === 'string' ? error : safeString(error)
  return { class: typeof error, message: bounded(message, MAX_MESSAGE), stack: null }
}

function safeString(value: unknown): string {
  try {
    return String(value)
  } catch {
    return Object.prototype.toString.call(value)
  }
}
