import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { ErrorCode } from '../errors/codes.js'
import { isJobledgerError } from '../errors/jobledger-error.js'

/** Refusals made by the HTTP edge itself, before any library call. */
export type HttpErrorCode =
  | 'UNAUTHORIZED'
  | 'READ_ONLY'
  | 'CROSS_ORIGIN'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'HOST_NOT_ALLOWED'
  | 'PAYLOAD_TOO_LARGE'
  | 'ROUTE_NOT_FOUND'
  | 'TOO_MANY_CLIENTS'

/** The one table from error code to HTTP status. A new code fails the typecheck until listed. */
export const ERROR_STATUS: Record<ErrorCode | HttpErrorCode, ContentfulStatusCode> = {
  INVALID_ARGUMENT: 400,
  NOT_FOUND: 404,
  INVALID_TRANSITION: 409,
  CONFLICT: 409,
  STORE_UNAVAILABLE: 503,
  CLOSED: 503,
  TIMEOUT: 504,
  ABORTED: 409,
  INTERNAL: 500,
  UNAUTHORIZED: 401,
  READ_ONLY: 403,
  CROSS_ORIGIN: 403,
  UNSUPPORTED_MEDIA_TYPE: 415,
  HOST_NOT_ALLOWED: 403,
  PAYLOAD_TOO_LARGE: 413,
  ROUTE_NOT_FOUND: 404,
  TOO_MANY_CLIENTS: 503,
}

export interface ErrorBody {
  error: { code: ErrorCode | HttpErrorCode; message: string }
}

/** An HTTP-edge refusal, answered with its code's status and a JSON body. */
export class HttpRefusal extends Error {
  readonly code: HttpErrorCode

  constructor(code: HttpErrorCode, message: string) {
    super(message)
    this.name = 'HttpRefusal'
    this.code = code
  }
}

/** The JSON answer for any error: library errors keep their code and message, others are hidden. */
export function errorResponse(c: Context, error: unknown): Response {
  const body = describeError(error)
  return c.json(body, ERROR_STATUS[body.error.code])
}

export function describeError(error: unknown): ErrorBody {
  if (error instanceof HttpRefusal || isJobledgerError(error)) {
    return { error: { code: error.code, message: error.message } }
  }
  return {
    error: {
      code: 'INTERNAL',
      message: 'The dashboard hit an unexpected error; see the server log.',
    },
  }
}
