import type { StoreHarness } from '../conformance/harness.js'
import { callbacksDifferentialFace } from './callbacks/callbacks-face.js'
import { type DifferentialFace, runDifferential } from './differential.js'
import { jobsFace } from './jobs-model.js'
import { queueDifferentialFace } from './queue/queue-face.js'
import { stagesDifferentialFace } from './stages/stages-face.js'
import { statusDifferentialFace } from './status/status-face.js'

/**
 * Every face's differential model, run against one store (and driver). Add a face by adding
 * its DifferentialFace here, with the runs it gets in `npm test` (JOBLEDGER_DIFF_RUNS
 * overrides them for long runs).
 */
const FACES: { face: DifferentialFace; runs: number }[] = [
  { face: jobsFace, runs: 25 },
  { face: stagesDifferentialFace, runs: 15 },
  { face: statusDifferentialFace, runs: 25 },
  { face: queueDifferentialFace, runs: 25 },
  { face: callbacksDifferentialFace, runs: 20 },
]

export function runDifferentialSuite(harness: StoreHarness): void {
  for (const { face, runs } of FACES) runDifferential(harness, face, runs)
}
