import type { JobSummary } from '../../domain/job-summary.js'
import type { RegisteredCallbacks } from '../../facades/callback-reads.js'
import type { JobReport } from '../../facades/job-batches.js'
import type { FailuresPage } from '../../facades/job-failures.js'
import type { DashboardContext } from '../face.js'
import type { JobView } from '../live/job-source.js'
import type { FailureReasons } from '../routes/failure-reasons.js'
import { ActionForm } from './actions.js'
import { hrefOf, LiveText, ProgressBar } from './components.js'
import { FailureReasonsSection } from './failure-reasons.js'
import { JobBatchesSection, type OutcomePreview } from './job-batches.js'
import { JobCallbacksSection } from './job-callbacks.js'
import { Failures } from './job-failures.js'
import { CompactNote, SignalList } from './signal-times.js'
import { JOB_STATE_HINTS, type JobStateLabel } from './state-labels.js'
import { At, Duration } from './time.js'

export interface JobPageData {
  job: JobView
  failures: FailuresPage
  reasons: FailureReasons | null
  batches: { report: JobReport; preview: OutcomePreview } | null
  callbacks: RegisteredCallbacks[]
  now: number
}

/** The job's live state as the pages name it (running, succeeded, …), its meaning on hover. */
export function JobStateText({ job, liveKey }: { job: JobView; liveKey: string }) {
  return (
    <LiveText
      liveKey={liveKey}
      field="label"
      text={job.label}
      title={JOB_STATE_HINTS[job.label as JobStateLabel]}
    />
  )
}

/** "≈ 2 min left at 4.1/s", live; '—' when the job has no ETA. */
export function EtaText({ liveKey, text }: { liveKey: string; text: string | undefined }) {
  return <LiveText liveKey={liveKey} field="eta.text" text={text ?? '—'} />
}

export function JobPage({ context, data }: { context: DashboardContext; data: JobPageData }) {
  const { job, failures, reasons, batches, callbacks, now } = data
  const key = `job:${job.token}`
  return (
    <section>
      <p class="crumbs">
        <a href={`${context.basePath}/jobs`}>Jobs</a> / <span class="token">{job.token}</span>
      </p>
      <h1>
        Job <JobStateText job={job} liveKey={key} />
      </h1>
      <CompactNote compact={job.compact} what="job" />
      <ProgressBar liveKey={key} value={job.done} max={job.total} label="Parts settled" />
      <JobSummaryList job={job} liveKey={key} now={now} />
      {context.readOnly || job.state === 'finished' || job.state === 'stopped' ? null : (
        <StopForm context={context} summary={job} />
      )}
      {reasons ? (
        <FailureReasonsSection context={context} token={job.token} reasons={reasons} />
      ) : null}
      {batches ? (
        <JobBatchesSection
          context={context}
          token={job.token}
          report={batches.report}
          preview={batches.preview}
        />
      ) : null}
      <JobCallbacksSection callbacks={callbacks} signals={job.signals} />
      <Failures context={context} token={job.token} failed={job.failed} page={failures} />
    </section>
  )
}

function JobSummaryList({ job, liveKey, now }: { job: JobView; liveKey: string; now: number }) {
  const key = liveKey
  return (
    <dl class="summary">
      <dt>Parts</dt>
      <dd>
        <LiveText liveKey={key} field="done" text={job.done} /> settled of{' '}
        <LiveText liveKey={key} field="total" text={job.total} />
      </dd>
      <dt>Open</dt>
      <dd>
        <LiveText liveKey={key} field="open" text={job.open} />
      </dd>
      <dt>Succeeded</dt>
      <dd>
        <LiveText liveKey={key} field="succeeded" text={job.succeeded} />
      </dd>
      <dt>Failed</dt>
      <dd>
        <LiveText liveKey={key} field="failed" text={job.failed} />
      </dd>
      <dt>Stop reason</dt>
      <dd>
        <LiveText liveKey={key} field="stopReason" text={job.stopReason ?? '—'} />
      </dd>
      <dt>Created</dt>
      <dd>
        <At at={job.createdAt} now={now} />
      </dd>
      <dt>Finished</dt>
      <dd data-live={key} data-at-field="finishedAt">
        <At at={job.finishedAt} now={now} />
      </dd>
      <dt>Duration</dt>
      <dd>
        <Duration
          from={job.createdAt}
          to={job.finishedAt}
          now={now}
          liveKey={key}
          fromField="createdAt"
          toField="finishedAt"
        />
      </dd>
      <dt>ETA</dt>
      <dd>
        <EtaText liveKey={key} text={job.eta?.text} />
      </dd>
      <dt>Signals</dt>
      <dd>
        <SignalList signals={job.signals} createdAt={job.createdAt} now={now} />
      </dd>
    </dl>
  )
}

function StopForm({ context, summary }: { context: DashboardContext; summary: JobSummary }) {
  return (
    <ActionForm
      action={hrefOf(context.basePath, ['api', 'jobs', summary.token, 'stop'])}
      label="Stop job"
      tone="danger"
      liveKey={`job:${summary.token}`}
      hideWhen="finished stopped"
      confirm={{
        text: `Stop job ${summary.token}? Workers that check isStopped() stop taking its parts; parts already running may still settle. The flag cannot be lowered.`,
        button: 'Stop job',
      }}
    >
      <label>
        <span class="sr-only">Stop reason</span>
        <input name="reason" placeholder="reason (optional)" maxlength={200} />
      </label>
    </ActionForm>
  )
}
