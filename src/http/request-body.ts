import type { Context } from 'hono'
import { InvalidArgumentError } from '../errors/jobledger-error.js'

/** Largest JSON body a mutation accepts. */
const MAX_BODY_BYTES = 64 * 1024

/** The JSON object a mutation was sent; an empty body reads as {}. */
export async function readJsonObject(c: Context): Promise<Record<string, unknown>> {
  const text = await c.req.text()
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) {
    throw new InvalidArgumentError(`The request body is larger than ${MAX_BODY_BYTES} bytes.`)
  }
  if (text.trim() === '') return {}
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    throw new InvalidArgumentError('The request body is not valid JSON.')
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new InvalidArgumentError('The request body must be a JSON object.')
  }
  return body as Record<string, unknown>
}

/** An optional string field of a body, refused when present with another type. */
export function optionalString(body: Record<string, unknown>, name: string): string | undefined {
  const value = body[name]
  if (value === undefined || value === null || value === '') return undefined
  if (typeof value !== 'string') throw new InvalidArgumentError(`${name} must be a string.`)
  return value
}
