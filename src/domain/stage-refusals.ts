import type { JobledgerError } from '../errors/jobledger-error.js'
import { type RefusalContext, type RefusalName, refusalCode, refusalError } from './refusals.js'

/** The error of a refusal by name, as a domain rule throws it (before changing anything). */
export function refuse(name: RefusalName, context: RefusalContext): JobledgerError {
  return refusalError(refusalCode(name), context)!
}
