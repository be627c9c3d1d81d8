import type { Child } from 'hono/jsx'
import type { DashboardContext } from '../face.js'
import { ConfirmDialog } from './actions.js'

export interface LayoutProps {
  context: DashboardContext
  nonce: string
  title: string
  children?: Child
}

/** The frame of every page: navigation, the stylesheet and the one script, with this response's nonce. */
export function Layout({ context, nonce, title, children }: LayoutProps) {
  const base = context.basePath
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · jobledger`}</title>
        <link rel="stylesheet" href={`${base}/assets/dashboard.css`} />
        <link rel="icon" href={`${base}/assets/favicon.svg`} type="image/svg+xml" />
      </head>
      <body
        data-base={base}
        data-read-only={String(context.readOnly)}
        data-now={String(context.ledger.now())}
      >
        <a class="skip" href="#main">
          Skip to content
        </a>
        <header>
          <a class="brand" href={`${base}/`}>
            jobledger
          </a>
          <nav aria-label="Sections">
            {context.nav.map((link) => (
              <a href={`${base}${link.path}`}>{link.label}</a>
            ))}
          </nav>
          <span class="live-state" data-role="live-state" role="status">
            connecting…
          </span>
        </header>
        <p class="problem" data-role="problem" role="alert" hidden></p>
        <main id="main" tabindex={-1}>
          {children}
        </main>
        {context.readOnly ? null : <ConfirmDialog />}
        <script nonce={nonce} src={`${base}/assets/dashboard.js`}></script>
      </body>
    </html>
  )
}
