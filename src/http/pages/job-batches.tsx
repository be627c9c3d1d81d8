import type { Job } from '../../facades/job.js'
import type { JobReport, OutcomesPage } from '../../facades/job-batches.js'
import type { DashboardContext } from '../face.js'
import { OUTCOME_KINDS } from '../routes/batches.js'
import { OutcomeTable } from './batches.js'
import { hrefOf, LiveText, ProgressBar } from './components.js'

/** Outcome entries shown on the job page per kind; the outcome pages page through the rest. */
const PREVIEW_SIZE = 10

export type OutcomePreview = Record<'errored' | 'skipped' | 'missing', OutcomesPage>

export async function readOutcomePreview(job: Job): Promise<OutcomePreview> {
  const pages = await Promise.all(
    OUTCOME_KINDS.map((kind) => job.outcomes(kind, { limit: PREVIEW_SIZE })),
  )
  return { errored: pages[0]!, skipped: pages[1]!, missing: pages[2]! }
}

const COUNTS = ['items', 'processed', 'skipped', 'errored', 'missing'] as const

/** The job page's batch part: batches done of total, item counts, first outcomes of each kind. */
export function JobBatchesSection(props: {
  context: DashboardContext
  token: string
  report: JobReport
  preview: OutcomePreview
}) {
  const { context, token, report, preview } = props
  const key = `job:${token}`
  return (
    <section class="batches">
      <h2>
        <a href={hrefOf(context.basePath, ['jobs', token, 'batches'])}>Batches</a>{' '}
        <LiveText liveKey={key} field="report.batchesDone" text={report.batchesDone} /> done of{' '}
        <LiveText liveKey={key} field="report.batches" text={report.batches} />
      </h2>
      <ProgressBar
        liveKey={key}
        value={report.batchesDone}
        max={report.batches}
        valueField="report.batchesDone"
        maxField="report.batches"
      />
      <dl class="summary report">
        {COUNTS.map((name) => (
          <>
            <dt>{name === 'items' ? 'Items' : `Items ${name}`}</dt>
            <dd>
              <LiveText liveKey={key} field={`report.${name}`} text={report[name]} />
            </dd>
          </>
        ))}
      </dl>
      {OUTCOME_KINDS.map((kind) => (
        <section class={`outcome-preview ${kind}`}>
          <h3>
            <a href={hrefOf(context.basePath, ['jobs', token, 'outcomes', kind])}>
              {`${kind[0]!.toUpperCase()}${kind.slice(1)} items`}
            </a>
          </h3>
          <OutcomeTable entries={preview[kind].entries} kind={kind} />
          {preview[kind].cursor === null ? null : (
            <a
              class="next"
              href={hrefOf(context.basePath, ['jobs', token, 'outcomes', kind], {
                cursor: preview[kind].cursor!,
              })}
            >
              More →
            </a>
          )}
        </section>
      ))}
    </section>
  )
}
