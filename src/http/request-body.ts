import type { Context } from 'hono'
import { InvalidArgumentError } from '../errors/jobledger-error.js'
import { HttpRefusal } from './error-status.js'

/** Largest JSON body a mutation accepts. */
export const MAX_BODY_BYTES = 64 * 1024

/** Refuses (413) a request whose declared Content-Length is over the limit, before any read. */
export function refuseDeclaredTooLarge(request: Request): void {
  const declared = request.headers.get('content-length')
  if (declared !== null && Number(declared) > MAX_BODY_BYTES) throw tooLarge()
}

/** The JSON object a mutation was sent; an empty body reads as {}. */
export async function readJsonObject(c: Context): Promise<Record<string, unknown>> {
  refuseDeclaredTooLarge(c.req.raw)
  const text = await readCapped(c.req.raw)
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

/** The body as text, read chunk by chunk and abandoned as soon as it passes the limit. */
async function readCapped(request: Request): Promise<string> {
  if (request.body === null) return ''
  const reader = request.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > MAX_BODY_BYTES) {
      await reader.cancel()
      throw tooLarge()
    }
    chunks.push(value)
  }
  return new TextDecoder().decode(Buffer.concat(chunks))
}

function tooLarge(): HttpRefusal {
  return new HttpRefusal(
    'PAYLOAD_TOO_LARGE',
    `The request body is larger than ${MAX_BODY_BYTES} bytes; send a smaller JSON object.`,
  )
}
