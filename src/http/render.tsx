import type { Context } from 'hono'
import type { Child } from 'hono/jsx'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { describeError, ERROR_STATUS } from './error-status.js'
import type { DashboardContext, DashboardEnv } from './face.js'
import { ErrorPage } from './pages/components.js'
import { Layout } from './pages/layout.js'

/** Renders a page in the frame; hono/jsx escapes every string, so user text stays text. */
export function renderPage(
  c: Context<DashboardEnv>,
  context: DashboardContext,
  title: string,
  body: Child,
  status: ContentfulStatusCode = 200,
): Response | Promise<Response> {
  const nonce = c.get('secureHeadersNonce') ?? ''
  const page = (
    <Layout context={context} nonce={nonce} title={title}>
      {body}
    </Layout>
  )
  return c.html(`<!doctype html>${page}`, status, { 'Cache-Control': 'no-store' })
}

/** Runs a page handler; a library error becomes an error page with the matching status. */
export async function page(
  c: Context<DashboardEnv>,
  context: DashboardContext,
  build: () => Promise<{ title: string; body: Child }>,
): Promise<Response> {
  try {
    const { title, body } = await build()
    return await renderPage(c, context, title, body)
  } catch (error) {
    const { error: described } = describeError(error)
    const body = <ErrorPage code={described.code} message={described.message} />
    return await renderPage(c, context, described.code, body, ERROR_STATUS[described.code])
  }
}
