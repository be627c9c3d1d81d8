/** A Redis URL with its password replaced by ***, safe for logs and error messages. */
export function maskRedisUrl(url: string): string {
  try {
    const parsed = new URL(url)
    if (parsed.password) parsed.password = '***'
    return parsed.toString().replace(/\/$/, '')
  } catch {
    return url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@')
  }
}
