// Actions on groups from the dashboard: cancel (stop the running stage, skip the rest), delete
// a cancelled group, each audited through the ledger's logger; the page offers the buttons
// only when they apply and never in read-only mode.
import { describe, expect, it } from 'vitest'
import type { Logger } from '../src/index.js'
import { dashboardOnMemory } from './support/dashboard-fixture.js'
import { seedGroup, stagesLedger } from './support/dashboard-seeds.js'

const post = (body = '{}') => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/json' },
  body,
})

function recordingLogger(): { logger: Logger; infos: object[] } {
  const infos: object[] = []
  const ignore = () => {}
  return {
    logger: { debug: ignore, info: (c) => infos.push(c), warn: ignore, error: ignore },
    infos,
  }
}

describe('group actions', () => {
  it('cancels a running group, audits it, then deletes it as a cancelled group', async () => {
    const { options, payloads } = stagesLedger()
    const { logger, infos } = recordingLogger()
    const { ledger, app } = dashboardOnMemory({ readOnly: false }, { ...options, logger })
    const id = await seedGroup(ledger, payloads, 'g')
    const page = await (await app.request(`/groups/${id}`)).text()
    expect(page).toContain('Cancel group')
    expect(page).not.toContain('Delete cancelled group')
    const cancelled = await app.request(`/api/groups/${id}/cancel`, post('{"reason":"bad file"}'))
    expect(cancelled.status).toBe(200)
    expect(await cancelled.json()).toMatchObject({ stopped: true })
    const record = await (await ledger.group(id)).record()
    expect(record).toMatchObject({ state: 'stopped', stopReason: 'bad file' })
    expect(infos).toContainEqual(
      expect.objectContaining({ action: 'cancel', unit: `group:${id}`, by: 'dashboard' }),
    )
    const after = await (await app.request(`/groups/${id}`)).text()
    expect(after).toContain('Delete cancelled group')
    expect(after).not.toMatch(/>Cancel group</)
    expect((await app.request(`/api/groups/${id}/delete`, post())).status).toBe(200)
    expect(infos).toContainEqual(
      expect.objectContaining({ action: 'delete', unit: `group:${id}`, by: 'dashboard' }),
    )
  })

  it('refuses cancel when read-only and shows no action buttons', async () => {
    const { options, payloads } = stagesLedger()
    const { ledger, app } = dashboardOnMemory({}, options)
    const id = await seedGroup(ledger, payloads, 'g')
    expect((await app.request(`/api/groups/${id}/cancel`, post())).status).toBe(403)
    expect((await (await ledger.group(id)).record()).state).not.toBe('stopped')
    expect(await (await app.request(`/groups/${id}`)).text()).not.toContain('Cancel group')
  })

  it('audits a job stop from the dashboard', async () => {
    const { logger, infos } = recordingLogger()
    const { ledger, app } = dashboardOnMemory({ readOnly: false }, { logger })
    await ledger.job('j').push('a')
    expect((await app.request('/api/jobs/j/stop', post('{"reason":"enough"}'))).status).toBe(200)
    expect(infos).toContainEqual({
      action: 'stop',
      unit: 'job:j',
      by: 'dashboard',
      reason: 'enough',
    })
  })

  it('shows a failed staged job with its error class, message and collapsed stack, grouped on its stage', async () => {
    const { options, payloads } = stagesLedger()
    const { ledger, app } = dashboardOnMemory({}, options)
    const id = await seedGroup(ledger, payloads, 'g')
    const staged = await ledger.stagedJob(payloads.shift())
    await staged
      .run(() => {
        throw new TypeError('row 7 has no date')
      })
      .catch(() => {})
    const stage = await (await app.request(`/groups/${id}/stages/1`)).text()
    expect(stage).toContain('Errors by message')
    expect(stage).toContain('TypeError: row 7 has no date')
    const jobs = await (await ledger.group(id)).stage(1).jobs()
    const failed = jobs.find((job) => job.error !== null)!
    const page = await (await app.request(`/groups/${id}/jobs/${failed.id}`)).text()
    expect(page).toContain('<strong class="error-class">TypeError</strong>')
    expect(page).toContain('row 7 has no date')
    expect(page).toMatch(/<details class="stack"><summary>Stack trace<\/summary>/)
  })
})
