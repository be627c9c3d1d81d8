/** The dashboard's stylesheet, served from /assets/dashboard.css (no inline styles anywhere). */
export const DASHBOARD_CSS = `
:root { color-scheme: light dark; --fg: #1d2330; --muted: #5d6678; --line: #d0d5dd; --bg: #f8f9fb;
  --card: #fff; --accent: #1f5fd6; --ok: #1a7f37; --bad: #b42318; --warn: #8a5a00; --focus: #1f5fd6;
  --plain-bg: #eef2f8; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6e8ee; --muted: #a4adbd; --line: #344054;
  --bg: #111418; --card: #1a1f26; --accent: #7eb1ff; --ok: #5fd47e; --bad: #ff8a80; --warn: #f0b35a;
  --focus: #9cc3ff; --plain-bg: #243042; } }
* { box-sizing: border-box; }
[hidden] { display: none !important; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; font: 14px/1.45 system-ui, sans-serif; color: var(--fg); background: var(--bg); }
td, dd, figcaption, .notice, .flash, [data-role="count"] { overflow-wrap: break-word; }
th { overflow-wrap: normal; }
.sr-only { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
.skip { position: absolute; left: .5rem; top: -3rem; padding: .4rem .8rem; background: var(--card);
  border: 2px solid var(--focus); border-radius: 6px; z-index: 10; }
.skip:focus { top: .5rem; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; border-radius: 3px; }
main:focus { outline: none; }
header { display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; align-items: center; padding: .7rem 1.5rem;
  background: var(--card); border-bottom: 1px solid var(--line); }
header nav { display: flex; flex-wrap: wrap; gap: .3rem 1rem; flex: 1; }
a { color: var(--accent); text-decoration: none; }
a:hover, main p a, main h2 a, main h3 a { text-decoration: underline; text-underline-offset: 2px; }
.brand { font-weight: 700; color: var(--fg); }
main { padding: 1rem 1.5rem; max-width: 1200px; }
h1 { font-size: 1.4rem; margin: .4rem 0 1rem; }
h2 { font-size: 1.1rem; }
.muted, .live-state { color: var(--muted); }
.live-state { font-size: .8rem; }
.live-state[data-state="live"]::before { content: "● "; color: var(--ok); }
.problem { margin: 0; padding: .5rem 1.5rem; background: var(--warn); color: #fff; }
.notice { margin: .5rem 0; padding: .4rem .8rem; border: 1px solid var(--accent); border-radius: 6px;
  background: var(--card); }
table.units { border-collapse: collapse; width: 100%; background: var(--card); }
table.units th, table.units td { text-align: left; padding: .45rem .6rem; border-bottom: 1px solid var(--line);
  vertical-align: top; }
table.units th { font-weight: 600; color: var(--muted); font-size: .85rem; }
.token { font-family: ui-monospace, monospace; word-break: break-all; }
.reason { white-space: pre-wrap; word-break: break-word; }
progress { width: 12rem; max-width: 100%; height: .8rem; accent-color: var(--accent); }
main > section > progress { width: 100%; height: 1.1rem; }
[data-state="finished"], [data-state="succeeded"], [data-state="successful"], [data-state="complete"],
[data-state="completed"], [data-state="settled"] { color: var(--ok); }
[data-state="stopped"], [data-state="failed"], [data-state="expired"], [data-state="deleted"] { color: var(--bad); }
[data-state="open"], [data-state="running"], [data-state="working"] { color: var(--accent); }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr)); gap: 1rem; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: .4rem 1rem 1rem; }
.card .total { font-size: 2rem; margin: 0; }
.card dl, dl.summary { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; }
dt { color: var(--muted); } dd { margin: 0; min-width: 0; }
.crumbs { color: var(--muted); margin: 0; }
.empty { color: var(--muted); }
.next { display: inline-block; margin-top: 1rem; }
form.action { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; margin: 1rem 0; }
form.action input, form.action select { padding: .35rem .5rem; border: 1px solid var(--muted); border-radius: 6px;
  background: var(--card); color: var(--fg); font: inherit; }
form.action input[type="number"] { width: 6rem; }
label { display: inline-flex; gap: .3rem; align-items: center; }
button { padding: .4rem .9rem; border-radius: 6px; cursor: pointer; font: inherit; min-height: 2rem; }
button.plain { border: 1px solid var(--accent); background: var(--plain-bg); color: var(--accent); }
button.danger { border: 1px solid var(--bad); background: var(--bad); color: #fff; }
@media (prefers-color-scheme: dark) { button.danger { color: #1a0000; } }
button:disabled { opacity: .5; cursor: default; }
.flash:empty { display: none; }
.gone { opacity: .5; }
.error h1 { color: var(--bad); }
.links { display: flex; flex-wrap: wrap; gap: .5rem 1rem; }
nav.tabs { display: flex; flex-wrap: wrap; gap: .5rem; margin: .5rem 0 1rem; }
nav.tabs a { padding: .3rem .7rem; border: 1px solid var(--line); border-radius: 6px; background: var(--card); }
nav.tabs a[aria-current="page"] { border-color: var(--accent); font-weight: 600; }
form.search { display: flex; flex-wrap: wrap; gap: .4rem .6rem; align-items: center; margin: 0 0 1rem; }
form.search input, form.search select { padding: .35rem .5rem; border: 1px solid var(--muted); border-radius: 6px;
  background: var(--card); color: var(--fg); font: inherit; max-width: 100%; }
a.unit-link { display: inline-flex; flex-direction: column; }
.unit-name { font-weight: 600; }
p.description { color: var(--muted); }
td.actions form.action { display: inline-flex; margin: 0 .3rem .3rem 0; }
.report { margin-top: .6rem; }
.bulk { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: .2rem 1rem; margin: 1rem 0; }
.bulk h2 { margin: .6rem 0 0; }
details > summary { cursor: pointer; }
details pre, .json pre { margin: .3rem 0; padding: .5rem; max-height: 24rem; overflow: auto; background: var(--bg);
  border: 1px solid var(--line); border-radius: 6px; white-space: pre-wrap; word-break: break-word; }
code, pre { font-family: ui-monospace, monospace; font-size: .85rem; }
.error-entry + .error-entry { margin-top: .4rem; border-top: 1px dashed var(--line); padding-top: .4rem; }
.error-line { margin: 0; white-space: pre-wrap; word-break: break-word; }
.error-class { color: var(--bad); }
.reasons td.count { font-variant-numeric: tabular-nums; }
dialog.confirm { border: 1px solid var(--line); border-radius: 10px; background: var(--card); color: var(--fg);
  max-width: min(32rem, calc(100vw - 2rem)); padding: 1rem 1.2rem; }
dialog.confirm::backdrop { background: rgb(0 0 0 / .45); }
dialog.confirm h2 { margin-top: 0; }
dialog .buttons { display: flex; gap: .6rem; justify-content: flex-end; flex-wrap: wrap; }
.throughput { margin: 0 0 1.5rem; background: var(--card); border: 1px solid var(--line); border-radius: 8px;
  padding: .4rem 1rem .8rem; }
.throughput-head { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; }
.throughput-head h2 { margin: .4rem 0; }
.throughput-head nav.tabs { margin: 0; }
.throughput svg { width: 100%; height: auto; display: block; }
.throughput .grid { stroke: var(--line); stroke-width: 1; }
.throughput text { fill: var(--muted); font-size: 11px; }
.throughput .y-label { text-anchor: end; }
.throughput .x-label { text-anchor: middle; }
.throughput .series { fill: none; stroke-width: 2; stroke-linecap: round; stroke-linejoin: round; }
.throughput .series.items { stroke: var(--accent); }
.throughput .series.parts { stroke: var(--ok); stroke-dasharray: 5 3; }
.throughput figcaption { color: var(--muted); }
.throughput figcaption > [data-field="summary"] { display: block; }
.legend::before { content: ""; display: inline-block; width: 1.2rem; height: 0; margin-right: .3rem;
  vertical-align: middle; border-top: 2px solid var(--accent); }
.legend.parts::before { border-top: 2px dashed var(--ok); }
@media (max-width: 640px) {
  header { padding: .6rem 1rem; }
  main { padding: .8rem 1rem; }
  table.units, table.units tbody, table.units tr, table.units td { display: block; width: 100%; }
  table.units thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  table.units { background: transparent; }
  table.units tr { background: var(--card); border: 1px solid var(--line); border-radius: 8px; margin: 0 0 .7rem;
    padding: .3rem .2rem; }
  table.units td { border-bottom: none; padding: .25rem .6rem; }
  table.units td[data-label]::before { content: attr(data-label); display: block; color: var(--muted);
    font-size: .75rem; font-weight: 600; }
  progress { width: 100%; }
  .card dl, dl.summary { grid-template-columns: 1fr; gap: 0; }
  dl.summary dd { margin-bottom: .4rem; }
}
`
