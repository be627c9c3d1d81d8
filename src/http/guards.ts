import type { MiddlewareHandler } from 'hono'
import { errorResponse, HttpRefusal } from './error-status.js'
import { refuseDeclaredTooLarge } from './request-body.js'

export interface MutationGuardOptions {
  readOnly: boolean
  /** Origins allowed besides the request's own, e.g. 'https://ops.example.com' behind a proxy. */
  trustedOrigins: readonly string[]
}

/**
 * Runs before every mutating route: refuses when read-only (403), when the request comes from
 * another site (403: the CSRF defence together with the JSON-only rule) and when the body is
 * not `application/json` (415), which no cross-site HTML form can send, and when the declared
 * body is over the limit (413) before a byte of it is read.
 */
export function mutationGuard(options: MutationGuardOptions): MiddlewareHandler {
  return async (c, next) => {
    try {
      if (options.readOnly) {
        throw new HttpRefusal(
          'READ_ONLY',
          'This dashboard is read-only; create it with readOnly: false to allow changes.',
        )
      }
      refuseCrossOrigin(c.req.raw, options.trustedOrigins)
      refuseNonJson(c.req.header('content-type'))
      refuseDeclaredTooLarge(c.req.raw)
    } catch (error) {
      return errorResponse(c, error)
    }
    return next()
  }
}

function refuseCrossOrigin(request: Request, trusted: readonly string[]): void {
  const site = request.headers.get('sec-fetch-site')
  if (site !== null && site !== 'same-origin' && site !== 'none') {
    throw new HttpRefusal('CROSS_ORIGIN', `Changes are refused from a ${site} page.`)
  }
  const origin = request.headers.get('origin')
  if (origin === null) return
  const own = new URL(request.url).origin
  if (origin !== own && !trusted.includes(origin)) {
    throw new HttpRefusal(
      'CROSS_ORIGIN',
      `Changes are refused from origin ${origin}; list it in trustedOrigins if it is yours.`,
    )
  }
}

function refuseNonJson(contentType: string | undefined): void {
  const mediaType = contentType?.split(';')[0]?.trim().toLowerCase()
  if (mediaType !== 'application/json') {
    throw new HttpRefusal(
      'UNSUPPORTED_MEDIA_TYPE',
      'Send changes with Content-Type: application/json.',
    )
  }
}
