import type { Hono } from 'hono'
import type { Ledger } from '../ledger.js'
import type { LiveHub } from './live/live-hub.js'
import type { LiveSource } from './live/live-source.js'

export type DashboardEnv = { Variables: { secureHeadersNonce?: string } }

export type DashboardApp = Hono<DashboardEnv>

/** What every route and page of the dashboard can reach. */
export interface DashboardContext {
  readonly ledger: Ledger
  readonly readOnly: boolean
  /** Where the dashboard is mounted, '' or '/path' without a trailing slash. */
  readonly basePath: string
  readonly live: LiveHub
  /** Links of the navigation bar, from every face. */
  readonly nav: readonly NavLink[]
}

export interface NavLink {
  path: string
  label: string
}

/** Counts of one kind of unit for the overview page. */
export interface OverviewCard {
  kind: string
  label: string
  /** Page listing the units, relative to the dashboard root. */
  path: string
  /** Units counted; `more` says the count stopped at the sample size. */
  total: number
  more: boolean
  byState: Record<string, number>
}

/**
 * One face of the ledger as the dashboard shows it. A face registers its JSON routes on the
 * `/api` app, its pages on the root app, the live sources its pages watch, and a card on the
 * overview. Adding a face is one file per concern and one line in faces.ts.
 */
export interface DashboardFace {
  readonly name: string
  readonly nav?: NavLink
  api?(api: DashboardApp, context: DashboardContext): void
  pages?(app: DashboardApp, context: DashboardContext): void
  live?(ledger: Ledger): LiveSource[]
  overview?(ledger: Ledger): Promise<OverviewCard>
}
