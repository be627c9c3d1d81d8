import type { ManualClock } from '../../../domain/clock.js'
import type { Ledger } from '../../../ledger.js'
import type { Store } from '../../../store/store.js'
import { MemoryStageStore } from '../../../stores/memory/memory-stages.js'
import { createMemoryStore } from '../../../stores/memory/memory-store.js'
import type { DifferentialFace, DiffWorld } from '../differential.js'
import { NaiveGroupTable } from './naive-groups.js'
import { GROUPS, JOB_IDS, stagesCommands } from './stages-commands.js'

/** The oracle: the domain rules of groups over naive storage; other faces plain memory. */
function stagesOracle(clock: ManualClock): Store {
  return {
    ...createMemoryStore({ clock }),
    stages: new MemoryStageStore(clock, new NaiveGroupTable()),
  }
}

/** Every read of each group: its record, stages, their jobs, each job, undispatched, outbox. */
async function snapshot(ledger: Ledger, world: DiffWorld): Promise<unknown> {
  const stages = ledger.store.stages
  return Promise.all(
    GROUPS.map(async (name) => {
      const id = world.id(name)
      const stageRecords = await stages.readStages(id)
      return {
        group: await stages.readGroup(id),
        stages: stageRecords,
        stageJobs: await Promise.all(stageRecords.map((s) => stages.readStageJobs(id, s.number))),
        jobs: await Promise.all(JOB_IDS.map((jobId) => stages.readStagedJob(id, jobId))),
        undispatched: await stages.undispatched(id, world.now() + 1),
        outbox: await stages.readOutbox(id, null),
      }
    }),
  )
}

export const stagesDifferentialFace: DifferentialFace = {
  name: 'stages',
  oracle: stagesOracle,
  commands: stagesCommands,
  snapshot,
}
