import type { StagedJobRecord } from '../../store/stage-store.js'
import type { DashboardContext } from '../face.js'
import { hrefOf, LivePath } from './components.js'

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
          <th>Job</th>
          <th>Name</th>
          <th>Status</th>
          <th>Status message</th>
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
          </tr>
        ))}
      </tbody>
    </table>
  )
}
