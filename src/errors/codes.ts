/** Every stable error code the library throws. Callers branch on these, never on messages. */
export const ERROR_CODES = [
  'INVALID_ARGUMENT',
  'NOT_FOUND',
  'INVALID_TRANSITION',
  'CONFLICT',
  'STORE_UNAVAILABLE',
  'CLOSED',
  'TIMEOUT',
  'ABORTED',
  'INTERNAL',
] as const

export type ErrorCode = (typeof ERROR_CODES)[number]
