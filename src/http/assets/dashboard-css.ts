/** The dashboard's stylesheet, served from /assets/dashboard.css (no inline styles anywhere). */
export const DASHBOARD_CSS = `
:root { color-scheme: light dark; --fg: #1d2330; --muted: #667085; --line: #d0d5dd; --bg: #f8f9fb;
  --card: #fff; --accent: #2f6feb; --ok: #1a7f37; --bad: #c0362c; --warn: #b7791f; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6e8ee; --muted: #98a2b3; --line: #344054;
  --bg: #111418; --card: #1a1f26; --accent: #6ea8fe; } }
* { box-sizing: border-box; }
[hidden] { display: none !important; }
body { margin: 0; font: 14px/1.45 system-ui, sans-serif; color: var(--fg); background: var(--bg); }
header { display: flex; gap: 1.5rem; align-items: center; padding: .7rem 1.5rem; background: var(--card);
  border-bottom: 1px solid var(--line); }
header nav { display: flex; gap: 1rem; flex: 1; }
a { color: var(--accent); text-decoration: none; }
a:hover { text-decoration: underline; }
.brand { font-weight: 700; color: var(--fg); }
main { padding: 1rem 1.5rem; max-width: 1200px; }
h1 { font-size: 1.4rem; margin: .4rem 0 1rem; }
h2 { font-size: 1.1rem; }
.live-state { font-size: .8rem; color: var(--muted); }
.live-state[data-state="live"]::before { content: "● "; color: var(--ok); }
.problem { margin: 0; padding: .5rem 1.5rem; background: var(--warn); color: #fff; }
table.units { border-collapse: collapse; width: 100%; background: var(--card); }
table.units th, table.units td { text-align: left; padding: .45rem .6rem; border-bottom: 1px solid var(--line);
  vertical-align: middle; }
table.units th { font-weight: 600; color: var(--muted); font-size: .85rem; }
.token { font-family: ui-monospace, monospace; word-break: break-all; }
.reason { white-space: pre-wrap; word-break: break-word; }
progress { width: 12rem; height: .8rem; accent-color: var(--accent); }
main > section > progress { width: 100%; height: 1.1rem; }
[data-state="finished"], [data-state="succeeded"] { color: var(--ok); }
[data-state="stopped"], [data-state="failed"], [data-state="expired"] { color: var(--bad); }
[data-state="open"], [data-state="closed"] { color: var(--accent); }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(16rem, 1fr)); gap: 1rem; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: .4rem 1rem 1rem; }
.card .total { font-size: 2rem; margin: 0; }
.card dl, dl.summary { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; }
dt { color: var(--muted); } dd { margin: 0; }
.crumbs { color: var(--muted); margin: 0; }
.empty { color: var(--muted); }
.next { display: inline-block; margin-top: 1rem; }
form.action { display: flex; gap: .5rem; align-items: center; margin: 1rem 0; }
form.action input { padding: .35rem .5rem; border: 1px solid var(--line); border-radius: 6px; background: var(--card); color: var(--fg); }
button { padding: .4rem .9rem; border-radius: 6px; border: 1px solid var(--bad); background: var(--bad); color: #fff; cursor: pointer; }
button:disabled { opacity: .5; cursor: default; }
.gone { opacity: .5; }
.error h1 { color: var(--bad); }
.throughput { margin: 0 0 1rem; display: flex; gap: 1rem; align-items: center; }
.throughput svg { background: var(--card); border: 1px solid var(--line); border-radius: 6px; }
.throughput polyline { fill: none; stroke: var(--accent); stroke-width: 2; }
.throughput figcaption { color: var(--muted); }
.links { display: flex; gap: 1rem; }
nav.tabs { display: flex; gap: .5rem; margin: .5rem 0 1rem; }
nav.tabs a { padding: .3rem .7rem; border: 1px solid var(--line); border-radius: 6px; background: var(--card); }
nav.tabs a[aria-current="page"] { border-color: var(--accent); font-weight: 600; }
td.actions { white-space: nowrap; }
td.actions form.action { display: inline-flex; margin: 0 .3rem 0 0; }
.report { margin-top: .6rem; }
`
