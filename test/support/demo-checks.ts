import { expect } from 'vitest'
import type { DemoResult } from '../../src/demo/run-demo.js'

/** The group's `settled` callback wrote the report: dispatched exactly once, and confirmed. */
export function expectReportCallbackOnce(result: DemoResult): void {
  expect(result.callback).toEqual({
    name: 'demo-report',
    signal: 'settled',
    firedAt: expect.any(Number),
    idempotencyKey: `group:${result.groupId}:|settled:demo-report`,
    dispatched: 1,
    confirmed: true,
  })
}
