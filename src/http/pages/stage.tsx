import type { StagedJobRecord } from '../../store/stage-store.js'
import type { DashboardContext } from '../face.js'
import { stageKey } from '../live/group-source.js'
import type { StageView } from '../routes/groups.js'
import { pageHref, unitPaths } from '../unit-links.js'
import { hrefOf, LivePath, LiveText, ProgressBar } from './components.js'
import { ErrorView } from './error-view.js'
import { JsonTextView } from './json-view.js'
import { At } from './time.js'

/** A stage's jobs with their live status and status_message. */
export function StageJobs(props: {
  context: DashboardContext
  liveKey: string
  jobs: StagedJobRecord[]
}) {
  const { context, liveKey, jobs } = props
  if (jobs.length === 0) return <p class="empty">No jobs in this stage.</p>
  return (
    <table class="units staged-jobs">
      <thead>
        <tr>
          <th scope="col">Job</th>
          <th scope="col">Name</th>
          <th scope="col">Status</th>
          <th scope="col">Status message</th>
          <th scope="col">Queue item</th>
        </tr>
      </thead>
      <tbody>
        {jobs.map((job) => (
          <tr>
            <td>
              <a
                class="token"
                href={hrefOf(context.basePath, ['groups', job.groupId, 'jobs', job.id])}
              >
                {job.id}
              </a>
            </td>
            <td class="reason">{job.name}</td>
            <td>
              <LivePath liveKey={liveKey} path={['jobs', job.id, 'status']} value={job.status} />
            </td>
            <td class="reason status-message">
              <LivePath
                liveKey={liveKey}
                path={['jobs', job.id, 'statusMessage']}
                value={job.statusMessage}
              />
            </td>
            <td>
              <CarrierLink context={context} job={job} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** The queue item that carried the job's latest start, as `queue / id`. */
function CarrierLink({ context, job }: { context: DashboardContext; job: StagedJobRecord }) {
  if (job.carrier === null) return <span class="muted">—</span>
  return (
    <a class="token" data-link="carrier" href={pageHref(context, unitPaths.queueItem(job.carrier))}>
      {`${job.carrier.queue} / ${job.carrier.id}`}
    </a>
  )
}

/** The errors of a stage's failed (or re-run) jobs, grouped by class and message, with counts. */
function StageErrors({ context, jobs }: { context: DashboardContext; jobs: StagedJobRecord[] }) {
  const groups = new Map<string, { label: string; count: number; first: StagedJobRecord }>()
  for (const job of jobs) {
    if (job.error === null) continue
    const label = `${job.error.class}: ${job.error.message}`
    const seen = groups.get(label)
    if (seen) seen.count++
    else groups.set(label, { label, count: 1, first: job })
  }
  if (groups.size === 0) return null
  const sorted = [...groups.values()].sort((a, b) => b.count - a.count)
  return (
    <section class="stage-errors">
      <h2>Errors by message</h2>
      <table class="units">
        <thead>
          <tr>
            <th scope="col">Error</th>
            <th scope="col">Jobs</th>
            <th scope="col">First job</th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((group) => (
            <tr>
              <td class="reason">{group.label}</td>
              <td>{group.count}</td>
              <td>
                <a
                  class="token"
                  href={hrefOf(context.basePath, [
                    'groups',
                    group.first.groupId,
                    'jobs',
                    group.first.id,
                  ])}
                >
                  {group.first.id}
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}

export function StagePage({ context, stage }: { context: DashboardContext; stage: StageView }) {
  const key = stageKey(stage.groupId, stage.number)
  return (
    <section>
      <p class="crumbs">
        <a href={`${context.basePath}/groups`}>Groups</a> /{' '}
        <a class="reason" href={hrefOf(context.basePath, ['groups', stage.groupId])}>
          {stage.description}
        </a>{' '}
        / {`stage ${stage.number}`}
      </p>
      <h1>
        {`Stage ${stage.number} `}
        <LivePath liveKey={key} path={['status']} value={stage.status} />
      </h1>
      <ProgressBar
        liveKey={key}
        value={stage.successful + stage.failed}
        max={stage.numJobs}
        maxField="numJobs"
        label="Jobs settled"
      />
      <dl class="summary">
        <dt>Jobs</dt>
        <dd>
          <LiveText liveKey={key} field="done" text={stage.successful + stage.failed} /> settled of{' '}
          <LiveText liveKey={key} field="numJobs" text={stage.numJobs} />, failed{' '}
          <LiveText liveKey={key} field="failed" text={stage.failed} />
        </dd>
        <dt>ETA</dt>
        <dd>
          <LiveText liveKey={key} field="eta.text" text="—" />
        </dd>
      </dl>
      <StageErrors context={context} jobs={stage.jobs} />
      <StageJobs context={context} liveKey={key} jobs={stage.jobs} />
    </section>
  )
}

export function StagedJobPage(props: {
  context: DashboardContext
  job: StagedJobRecord
  description: string
  now: number
}) {
  const { context, job, description, now } = props
  const key = stageKey(job.groupId, job.stage)
  return (
    <section>
      <p class="crumbs">
        <a href={`${context.basePath}/groups`}>Groups</a> /{' '}
        <a class="reason" href={hrefOf(context.basePath, ['groups', job.groupId])}>
          {description}
        </a>{' '}
        /{' '}
        <a href={hrefOf(context.basePath, ['groups', job.groupId, 'stages', String(job.stage)])}>
          {`stage ${job.stage}`}
        </a>{' '}
        / <span class="token">{job.id}</span>
      </p>
      <h1 class="reason">{job.name}</h1>
      <dl class="summary staged-job">
        <dt>Status</dt>
        <dd>
          <LivePath liveKey={key} path={['jobs', job.id, 'status']} value={job.status} />
        </dd>
        <dt>Status message</dt>
        <dd class="reason status-message">
          <LivePath
            liveKey={key}
            path={['jobs', job.id, 'statusMessage']}
            value={job.statusMessage}
          />
        </dd>
        <dt>Arguments</dt>
        <dd class="args">
          <JsonTextView text={job.argsJson} />
        </dd>
        <dt>Enqueued</dt>
        <dd>
          <At at={job.queueTime} now={now} />
        </dd>
        <dt>Run at</dt>
        <dd>
          <At at={job.runAt} now={now} />
        </dd>
        <dt>Delay</dt>
        <dd>{job.delayMs === null ? '—' : `${job.delayMs} ms`}</dd>
        <dt>Attempts</dt>
        <dd>{job.attempts}</dd>
        <dt>Started</dt>
        <dd>
          <At at={job.startedAt} now={now} />
        </dd>
        <dt>Ended</dt>
        <dd>
          <At at={job.finishedAt} now={now} />
        </dd>
        <dt>Carried by</dt>
        <dd>
          <CarrierLink context={context} job={job} />
        </dd>
        <dt>Error</dt>
        <dd class="staged-error">
          {job.error === null ? (
            '—'
          ) : (
            <ErrorView
              error={{ name: job.error.class, message: job.error.message, stack: job.error.stack }}
            />
          )}
        </dd>
      </dl>
    </section>
  )
}
