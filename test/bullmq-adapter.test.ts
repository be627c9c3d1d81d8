// The jobledger/bullmq adapter's mapping of payloads to BullMQ options, checked against a
// recording queue; the end-to-end run with real BullMQ workers is in stages.bullmq.test.ts.
import { describe, expect, it } from 'vitest'
import { bullmqDispatch, stagedJobProcessor } from '../src/adapters/bullmq/index.js'
import { createLedger, type StagedJobPayload } from '../src/index.js'

describe('jobledger/bullmq', () => {
  it('adds each staged job under its name, passing a delay and the given options', async () => {
    const added: [string, StagedJobPayload, unknown][] = []
    const queue = {
      add: async (name: string, data: StagedJobPayload, options?: unknown) =>
        added.push([name, data, options]),
    }
    const ledger = createLedger({ dispatch: bullmqDispatch(queue, { attempts: 3 }) })
    try {
      await ledger.withinGrouping('g', async (g) => {
        await g.stage(1).enqueue('Now', [1])
        await g.stage(1).enqueueIn(5_000, 'Later', [2])
      })
      expect(added.map(([name, , options]) => [name, options])).toEqual([
        ['Now', { attempts: 3 }],
        ['Later', { attempts: 3, delay: 5_000 }],
      ])
      expect(added[0]?.[1]).toMatchObject({ name: 'Now', args: [1], stage: 1 })
    } finally {
      await ledger.close()
    }
  })

  it('refuses what is not a queue or a work function', () => {
    const ledger = createLedger()
    try {
      expect(() => bullmqDispatch({} as never)).toThrow(
        expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
      )
      expect(() => stagedJobProcessor(ledger, 'x' as never)).toThrow(
        expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
      )
    } finally {
      void ledger.close()
    }
  })
})
