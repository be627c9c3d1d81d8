import { DASHBOARD_CSS } from '../assets/dashboard-css.js'
import { DASHBOARD_JS } from '../assets/dashboard-js.js'
import type { DashboardApp } from '../face.js'

const FAVICON_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" fill="#2f6feb"/><rect x="3" y="10" width="10" height="3" fill="#fff"/><rect x="3" y="5" width="6" height="3" fill="#fff"/></svg>'

/** The script and stylesheet, shipped inside the package: no CDN, works offline. */
export function assetRoutes(app: DashboardApp): void {
  app.get('/assets/dashboard.js', (c) =>
    c.body(DASHBOARD_JS, 200, {
      'Content-Type': 'text/javascript; charset=utf-8',
      'Cache-Control': 'no-cache',
    }),
  )
  app.get('/assets/favicon.svg', (c) =>
    c.body(FAVICON_SVG, 200, { 'Content-Type': 'image/svg+xml', 'Cache-Control': 'max-age=86400' }),
  )
  app.get('/assets/dashboard.css', (c) =>
    c.body(DASHBOARD_CSS, 200, {
      'Content-Type': 'text/css; charset=utf-8',
      'Cache-Control': 'no-cache',
    }),
  )
}
