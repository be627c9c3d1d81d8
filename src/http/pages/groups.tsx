import type { GroupListing } from '../../facades/listing.js'
import type { DashboardApp, DashboardContext } from '../face.js'
import { groupLiveView } from '../live/group-source.js'
import { integerParam } from '../paging.js'
import { page } from '../render.js'
import { readGroup, readStage, readStagedJob } from '../routes/groups.js'
import { ActionForm } from './actions.js'
import { hrefOf, LivePath, LiveText, ProgressBar } from './components.js'
import { CompactNote, CompactTag, SignalList } from './signal-times.js'
import { StagedJobPage, StagePage } from './stage.js'
import { At, Duration } from './time.js'
import { readListPage, UnitLink, UnitList } from './unit-list.js'

type GroupLive = ReturnType<typeof groupLiveView>

export function groupsPages(app: DashboardApp, context: DashboardContext): void {
  app.get('/groups', (c) =>
    page(c, context, async () => {
      const query = (name: string) => c.req.query(name)
      const { items, next, newest, search } = await readListPage(context, 'group', 'groups', query)
      const now = context.ledger.now()
      return {
        title: 'Groups',
        body: (
          <UnitList
            context={context}
            kind="group"
            newest={newest}
            title="Groups"
            empty="No live groups."
            headers={[
              'Group',
              'Description',
              'State',
              'Progress',
              'Jobs done / total',
              'Created',
              'Duration',
            ]}
            rows={items.map((item) => <GroupRow context={context} item={item} now={now} />)}
            next={next}
            nextLabel="More groups →"
            search={search}
          />
        ),
      }
    }),
  )
  app.get('/groups/:id', (c) =>
    page(c, context, async () => {
      const group = groupLiveView(
        context.ledger,
        await readGroup(context.ledger, c.req.param('id')),
      )
      const now = context.ledger.now()
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
      const now = context.ledger.now()
      return {
        title: `Staged job ${job.id}`,
        body: (
          <StagedJobPage context={context} job={job} description={group.description} now={now} />
        ),
      }
    }),
  )
}

function GroupRow(props: { context: DashboardContext; item: GroupListing; now: number }) {
  const { context, item, now } = props
  const group = groupLiveView(context.ledger, item.summary)
  const key = `group:${item.id}`
  return (
    <tr>
      <td>
        <UnitLink
          href={hrefOf(context.basePath, ['groups', item.id])}
          id={item.id}
          name={item.name}
        />
      </td>
      <td class="reason">{group.description}</td>
      <td>
        <LiveText liveKey={key} field="state" text={group.state} />
        <CompactTag compact={group.compact} />
      </td>
      <td>
        <ProgressBar
          liveKey={key}
          value={group.done}
          max={group.jobs}
          valueField="done"
          maxField="jobs"
          label={`Group ${item.id}`}
        />
      </td>
      <td>
        <LiveText liveKey={key} field="done" text={group.done} /> /{' '}
        <LiveText liveKey={key} field="jobs" text={group.jobs} />
      </td>
      <td>
        <At at={group.createdAt} now={now} />
      </td>
      <td>
        <GroupDuration liveKey={key} group={group} now={now} />
      </td>
    </tr>
  )
}

function GroupDuration(props: { liveKey: string; group: GroupLive; now: number }) {
  const { liveKey, group, now } = props
  return (
    <Duration
      from={group.createdAt}
      to={group.completedAt}
      now={now}
      liveKey={liveKey}
      fromField="createdAt"
      toField="completedAt"
    />
  )
}

function GroupPage({
  context,
  group,
  now,
}: {
  context: DashboardContext
  group: GroupLive
  now: number
}) {
  const key = `group:${group.id}`
  return (
    <section>
      <p class="crumbs">
        <a href={`${context.basePath}/groups`}>Groups</a> / <span class="token">{group.id}</span>
      </p>
      <h1 class="reason">{group.name ?? group.description}</h1>
      {group.name === null ? null : <p class="description">{group.description}</p>}
      <CompactNote compact={group.compact} what="group" />
      <dl class="summary">
        <dt>State</dt>
        <dd>
          <LiveText liveKey={key} field="state" text={group.state} />
        </dd>
        <dt>Jobs</dt>
        <dd>
          <LiveText liveKey={key} field="done" text={group.done} /> settled of{' '}
          <LiveText liveKey={key} field="jobs" text={group.jobs} />
        </dd>
        <dt>Created</dt>
        <dd>
          <At at={group.createdAt} now={now} />
        </dd>
        <dt>Completed</dt>
        <dd data-live={key} data-at-field="completedAt">
          <At at={group.completedAt} now={now} />
        </dd>
        <dt>Duration</dt>
        <dd>
          <GroupDuration liveKey={key} group={group} now={now} />
        </dd>
        <dt>Signals</dt>
        <dd>
          <SignalList signals={group.signals} createdAt={group.createdAt} now={now} />
        </dd>
      </dl>
      <StagesTable context={context} group={group} />
      {context.readOnly || group.state === 'complete' || group.state === 'stopped' ? null : (
        <ActionForm
          action={hrefOf(context.basePath, ['api', 'groups', group.id, 'cancel'])}
          label="Cancel group"
          tone="danger"
          liveKey={key}
          hideWhen="complete stopped"
          confirm={{
            text: `Cancel group "${group.description}"? Its running stage stops (queued jobs are cancelled; running ones may still finish) and the ${group.stages.filter((stage) => stage.status === 'pending').length} pending stages are skipped. This cannot be undone.`,
            button: 'Cancel group',
          }}
        >
          <label>
            <span class="sr-only">Cancel reason</span>
            <input name="reason" placeholder="reason (optional)" maxlength={200} />
          </label>
        </ActionForm>
      )}
      {context.readOnly || (group.state !== 'complete' && group.state !== 'stopped') ? null : (
        <ActionForm
          action={hrefOf(context.basePath, ['api', 'groups', group.id, 'delete'])}
          label={group.state === 'stopped' ? 'Delete cancelled group' : 'Delete completed group'}
          tone="danger"
          liveKey={key}
          confirm={{
            text: `Delete group "${group.description}" with its ${group.stages.length} stages and ${group.jobs} staged jobs? This cannot be undone.`,
            button: 'Delete group',
          }}
        />
      )}
    </section>
  )
}

function StagesTable({ context, group }: { context: DashboardContext; group: GroupLive }) {
  const key = `group:${group.id}`
  return (
    <table class="units stages">
      <thead>
        <tr>
          {['Stage', 'Status', 'Progress', 'Done / jobs', 'Failed', 'ETA'].map((header) => (
            <th scope="col">{header}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {group.stages.map((stage, i) => {
          const at = (field: string) => ['stages', String(i), field]
          const stagePath = ['groups', group.id, 'stages', String(stage.number)]
          return (
            <tr>
              <td>
                <a href={hrefOf(context.basePath, stagePath)}>{`Stage ${stage.number}`}</a>
              </td>
              <td>
                <LivePath liveKey={key} path={at('status')} value={stage.status} />
              </td>
              <td>
                <ProgressBar
                  liveKey={key}
                  value={stage.done}
                  max={stage.numJobs}
                  valueField={`stages.${i}.done`}
                  maxField={`stages.${i}.numJobs`}
                  label={`Stage ${stage.number}`}
                />
              </td>
              <td>
                <LivePath liveKey={key} path={at('done')} value={stage.done} /> /{' '}
                <LivePath liveKey={key} path={at('numJobs')} value={stage.numJobs} />
              </td>
              <td>
                <LivePath liveKey={key} path={at('failed')} value={stage.failed} />
              </td>
              <td>
                <LiveText
                  liveKey={key}
                  field={`stages.${i}.eta.text`}
                  text={stage.eta?.text ?? '—'}
                />
              </td>
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}
