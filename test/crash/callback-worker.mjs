// A worker process for the callback crash tests: settles the last part of a job whose
// settled callback is registered, and SIGKILLs itself at the crash point it is given:
//   after-write      the settling write applied, before dispatch (its first outbox read)
//   in-dispatch      inside dispatch, after the queue got the payload
//   before-confirm   dispatch returned, before the confirmation
//   none             no crash: exits 0
// Every payload that reaches dispatch is RPUSHed (its idempotencyKey) to the record list.
import { Redis } from 'ioredis'
import { createLedger } from '../../dist/index.js'

const [url, prefix, token, crashAt, recordKey] = process.argv.slice(2)
const recorder = new Redis(url)
const die = () => process.kill(process.pid, 'SIGKILL')

const ledger = createLedger({
  redis: url,
  prefix,
  dispatch: async (payload) => {
    await recorder.rpush(recordKey, payload.idempotencyKey)
    if (crashAt === 'in-dispatch') die()
  },
})
const jobs = ledger.store.jobs
const readOutbox = jobs.readOutbox.bind(jobs)
jobs.readOutbox = async (...args) => {
  if (crashAt === 'after-write') die()
  return readOutbox(...args)
}
const confirmCallback = jobs.confirmCallback.bind(jobs)
jobs.confirmCallback = async (...args) => {
  if (crashAt === 'before-confirm') die()
  return confirmCallback(...args)
}

const last = await ledger.job(token).done('0')
await ledger.close()
await recorder.quit()
process.exit(last ? 0 : 3)
