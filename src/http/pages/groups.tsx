import type { GroupListing } from '../../facades/listing.js'
import type { DashboardApp, DashboardContext } from '../face.js'
import { integerParam } from '../paging.js'
import { page } from '../render.js'
import { type GroupView, readGroup, readStage, readStagedJob } from '../routes/groups.js'
import { Age, hrefOf, LivePath, ProgressBar } from './components.js'
import { StagedJobPage, StagePage } from './stage.js'
import { readListPage, UnitList } from './unit-list.js'

export function groupsPages(app: DashboardApp, context: DashboardContext): void {
  app.get('/groups', (c) =>
    page(c, context, async () => {
      const cursor = c.req.query('cursor') ?? null
      const { items, next } = await readListPage(context, 'group', 'groups', cursor)
      const now = context.ledger.store.now()
      return {
        title: 'Groups',
        body: <GroupList context={context} items={items} next={next} now={now} />,
      }
    }),
  )
  app.get('/groups/:id', (c) =>
    page(c, context, async () => {
      const group = await readGroup(context.ledger, c.req.param('id'))
      const now = context.ledger.store.now()
      return {
        title: `Group ${group.id}`,
        body: <GroupPage context={context} group={group} now={now} />,
      }
    }),
  )
  app.get('/groups/:id/stages/:number', (c) =>
    page(c, context, async () => {
      const number = integerParam(c.req.param('number'), 'stage number')
      const stage = await readStage(context.ledger, c.req.param('id'), number)
      return {
        title: `Stage ${number} of ${stage.groupId}`,
        body: <StagePage context={context} stage={stage} />,
      }
    }),
  )
  app.get('/groups/:id/jobs/:jobId', (c) =>
    page(c, context, async () => {
      const id = c.req.param('id')
      const job = await readStagedJob(context.ledger, id, c.req.param('jobId'))
      const group = await readGroup(context.ledger, id)
      return {
        title: `Staged job ${job.id}`,
        body: <StagedJobPage context={context} job={job} description={group.description} />,
      }
    }),
  )
}

export function groupState(group: {
  completedAt: number | null
  stages: { status: string }[]
}): string {
  if (group.completedAt !== null) return 'complete'
  return group.stages.some((stage) => stage.status === 'running') ? 'running' : 'pending'
}

function GroupList(props: {
  context: DashboardContext
  items: GroupListing[]
  next: string | null
  now: number
}) {
  const { context, items, next, now } = props
  return (
    <UnitList
      title="Groups"
      empty="No live groups."
      headers={['Group', 'Description', 'State', 'Stages', 'Jobs done / total', 'Created']}
      rows={items.map((item) => <GroupRow context={context} item={item} now={now} />)}
      next={next}
      nextLabel="Older groups →"
    />
  )
}

function GroupRow(props: { context: DashboardContext; item: GroupListing; now: number }) {
  const { context, item, now } = props
  const stages = item.summary.stages
  const jobs = stages.reduce((n, s) => n + s.numJobs, 0)
  const done = stages.reduce((n, s) => n + s.successful + s.failed, 0)
  const state = groupState(item.summary)
  return (
    <tr>
      <td>
        <a class="token" href={hrefOf(context.basePath, ['groups', item.id])}>
          {item.id}
        </a>
      </td>
      <td class="reason">{item.summary.description}</td>
      <td data-state={state}>{state}</td>
      <td>{stages.length}</td>
      <td>{`${done} / ${jobs}`}</td>
      <td>
        <Age at={item.createdAt} now={now} />
      </td>
    </tr>
  )
}

function GroupPage({
  context,
  group,
  now,
}: {
  context: DashboardContext
  group: GroupView
  now: number
}) {
  const key = `group:${group.id}`
  const state = groupState(group)
  return (
    <section>
      <p class="crumbs">
        <a href={`${context.basePath}/groups`}>Groups</a> / <span class="token">{group.id}</span>
      </p>
      <h1 class="reason">{group.description}</h1>
      <dl class="summary">
        <dt>State</dt>
        <dd data-state={state}>{state}</dd>
        <dt>Created</dt>
        <dd>
          <Age at={group.createdAt} now={now} />
        </dd>
      </dl>
      <table class="units stages">
        <thead>
          <tr>
            <th>Stage</th>
            <th>Status</th>
            <th>Progress</th>
            <th>Done / jobs</th>
            <th>Failed</th>
          </tr>
        </thead>
        <tbody>
          {group.stages.map((stage, i) => {
            const at = (field: string) => ['stages', String(i), field]
            return (
              <tr>
                <td>
                  <a
                    href={hrefOf(context.basePath, [
                      'groups',
                      group.id,
                      'stages',
                      String(stage.number),
                    ])}
                  >
                    {`Stage ${stage.number}`}
                  </a>
                </td>
                <td>
                  <LivePath liveKey={key} path={at('status')} value={stage.status} />
                </td>
                <td>
                  <ProgressBar
                    liveKey={key}
                    value={stage.successful + stage.failed}
                    max={stage.numJobs}
                    valueField={`stages.${i}.done`}
                    maxField={`stages.${i}.numJobs`}
                  />
                </td>
                <td>
                  <LivePath
                    liveKey={key}
                    path={at('done')}
                    value={stage.successful + stage.failed}
                  />{' '}
                  / <LivePath liveKey={key} path={at('numJobs')} value={stage.numJobs} />
                </td>
                <td>
                  <LivePath liveKey={key} path={at('failed')} value={stage.failed} />
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
      {context.readOnly || group.completedAt === null ? null : (
        <form
          class="action"
          data-action={hrefOf(context.basePath, ['api', 'groups', group.id, 'delete'])}
          data-live={key}
        >
          <button type="submit">Delete completed group</button>
          <span data-role="flash"></span>
        </form>
      )}
    </section>
  )
}
