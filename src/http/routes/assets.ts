import { DASHBOARD_CSS } from '../assets/dashboard-css.js'
import { DASHBOARD_JS } from '../assets/dashboard-js.js'
import type { DashboardApp } from '../face.js'

/** The script and stylesheet, shipped inside the package: no CDN, works offline. */
export function assetRoutes(app: DashboardApp): void {
  app.get('/assets/dashboard.js', (c) =>
    c.body(DASHBOARD_JS, 200, {
      'Content-Type': 'text/javascript; charset=utf-8',
      'Cache-Control': 'no-cache',
    }),
  )
  app.get('/assets/dashboard.css', (c) =>
    c.body(DASHBOARD_CSS, 200, {
      'Content-Type': 'text/css; charset=utf-8',
      'Cache-Control': 'no-cache',
    }),
  )
}
