import { describe, expect, it } from 'vitest'
import type { Job } from '../../facades/job.js'
import type { FailuresPage } from '../../facades/job-failures.js'
import type { PartFailure } from '../../store/job-store.js'
import type { StoreHarness } from './harness.js'
import { useNamespace } from './use-namespace.js'

const BAD_LIMITS: unknown[] = [0, -1, 1001, 1.5, Number.NaN, '10']
const BAD_CURSORS: unknown[] = [
  '',
  '0.0',
  '0.5',
  '1.',
  '.5',
  '0.01',
  'abc',
  '-1',
  '01',
  '1.5',
  ' 1',
  5,
  {},
  `1${'0'.repeat(20)}`,
]

async function failMany(job: Job, count: number): Promise<void> {
  const parts = Array.from({ length: count }, (_, i) => (i % 2 === 0 ? String(i) : `row-${i}`))
  await job.push(...parts)
  await job.close()
  for (let start = 0; start < count; start += 250) {
    const chunk = parts.slice(start, start + 250)
    await Promise.all(chunk.map((part) => job.fail(part, `reason of ${part}`)))
  }
}

/** Pages from `first` (or the first page) until the cursor runs out. */
async function walk(
  job: Job,
  limit: number,
  first: FailuresPage | null = null,
): Promise<FailuresPage[]> {
  const pages = [first ?? (await job.failures({ limit }))]
  for (let cursor = pages[0]!.cursor; cursor !== null; ) {
    const page = await job.failures({ cursor, limit })
    pages.push(page)
    cursor = page.cursor
  }
  return pages
}

function byPart(failures: PartFailure[]): Map<string, string> {
  return new Map(failures.map(({ part, reason }) => [part, reason]))
}

/** job.failures() pages and job.allFailures(): every failure once, in order, exact pages, bad input refused. */
export function jobFailuresConformance(harness: StoreHarness): void {
  describe('distributed job failures, paged exactly', () => {
    const ns = useNamespace(harness)

    it('pages 2,500 failures in exactly 25 pages of 100, each failure once', async () => {
      const job = ns.ledger.job()
      await failMany(job, 2_500)
      const pages = await walk(job, 100)
      expect(pages.map((page) => page.failures.length)).toEqual(Array(25).fill(100))
      const all = pages.flatMap((page) => page.failures)
      const found = byPart(all)
      expect(found.size).toBe(2_500)
      expect(found.get('0')).toBe('reason of 0')
      expect(found.get('row-2499')).toBe('reason of row-2499')
      expect(pages.at(-1)?.cursor).toBeNull()
    })

    it('pages failures in the order they happened, later ones on later pages, none twice', async () => {
      const job = ns.ledger.job()
      const parts = Array.from({ length: 1_200 }, (_, i) => `p${i}`)
      await job.push(...parts)
      await job.close()
      for (const part of parts.slice(0, 300)) await job.fail(part, 'early')
      const first = await job.failures({ limit: 100 })
      expect(first.failures.map((f) => f.part)).toEqual(parts.slice(0, 100))
      for (const part of parts.slice(300)) await job.fail(part, 'late')
      const pages = await walk(job, 100, first)
      expect(pages.flatMap((page) => page.failures.map((f) => f.part))).toEqual(parts)
      expect(pages.map((page) => page.failures.length)).toEqual(Array(12).fill(100))
    })

    it('iterates every failure once with allFailures()', async () => {
      const job = ns.ledger.job()
      await failMany(job, 2_500)
      const all: PartFailure[] = []
      for await (const failure of job.allFailures()) all.push(failure)
      expect(all).toHaveLength(2_500)
      expect(byPart(all).size).toBe(2_500)
    })

    it('defaults to pages of about 100 and answers a small job in one page', async () => {
      const small = ns.ledger.job()
      await failMany(small, 3)
      const page = await small.failures()
      expect(page.cursor).toBeNull()
      expect(byPart(page.failures)).toEqual(
        new Map([
          ['0', 'reason of 0'],
          ['row-1', 'reason of row-1'],
          ['2', 'reason of 2'],
        ]),
      )
      const big = ns.ledger.job()
      await failMany(big, 300)
      const first = await big.failures()
      expect(first.cursor).not.toBeNull()
      expect(first.failures).toHaveLength(100)
      const pages = await walk(big, 7)
      expect(byPart(pages.flatMap((page) => page.failures)).size).toBe(300)
      expect(pages.map((page) => page.failures.length)).toEqual([...Array(42).fill(7), 6])
    })

    it('answers an empty last page for a job with no failures or no job at all', async () => {
      const job = ns.ledger.job()
      await job.push('a')
      await job.done('a')
      expect(await job.failures()).toEqual({ failures: [], cursor: null })
      expect(await ns.ledger.job('never-made').failures({ limit: 5 })).toEqual({
        failures: [],
        cursor: null,
      })
    })

    it.each(BAD_LIMITS)('refuses limit %s with INVALID_ARGUMENT', async (limit) => {
      const job = ns.ledger.job()
      await failMany(job, 2)
      await expect(job.failures({ limit: limit as number })).rejects.toMatchObject({
        code: 'INVALID_ARGUMENT',
        message: expect.stringContaining('limit must be an integer from 1 to 1000'),
      })
    })

    it.each(BAD_CURSORS)('refuses cursor %j with INVALID_ARGUMENT', async (cursor) => {
      const job = ns.ledger.job()
      await failMany(job, 2)
      await expect(job.failures({ cursor: cursor as string })).rejects.toMatchObject({
        code: 'INVALID_ARGUMENT',
        message: expect.stringContaining('cursor must be a cursor a previous failures() page'),
      })
    })

    it('refuses options that are not an object', async () => {
      const job = ns.ledger.job()
      await expect(job.failures(100 as never)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' })
    })
  })
}
