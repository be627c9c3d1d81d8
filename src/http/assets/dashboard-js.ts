/**
 * The dashboard's only script, served from /assets/dashboard.js with the page's nonce.
 * It writes user data with textContent only, and finds elements by comparing attributes
 * (never by building selectors from data). Its parts: live values (SSE), local times and
 * durations, actions with their confirmation, and card labels for narrow screens.
 */
export const DASHBOARD_JS = `'use strict';
(() => {
  const base = document.body.dataset.base || '';
  // Relative times and running durations count from the server's clock, whatever the viewer's.
  const skew = Number(document.body.dataset.now || Date.now()) - Date.now();
  const serverNow = () => Date.now() + skew;
  const liveState = document.querySelector('[data-role="live-state"]');
  const problem = document.querySelector('[data-role="problem"]');
  const MAX_KEYS = 200;

  const valueAt = (value, path) =>
    path.split('.').reduce((v, name) => (v === null || v === undefined ? undefined : v[name]), value);
  const textOf = (v) => (v === null || v === undefined ? '—' : typeof v === 'string' ? v : String(v));

  const setText = (el, text) => {
    if (el.tagName === 'INPUT') el.value = text;
    else el.textContent = text;
    el.dataset.state = text;
  };

  ${timeFunctions()}

  const showValue = (el, value) => {
    if (el.dataset.field) setText(el, textOf(valueAt(value, el.dataset.field)));
    if (el.dataset.path) {
      const v = JSON.parse(el.dataset.path).reduce(
        (v, name) => (v !== null && typeof v === 'object' && Object.hasOwn(v, name) ? v[name] : undefined), value);
      setText(el, v === null || v === undefined ? '—' : typeof v === 'string' ? v : JSON.stringify(v));
    }
    if (el.dataset.attrs) {
      for (const [attr, path] of Object.entries(JSON.parse(el.dataset.attrs)))
        el.setAttribute(attr, textOf(valueAt(value, path)));
    }
    if (el.tagName === 'PROGRESS') {
      el.max = Math.max(1, Number(valueAt(value, el.dataset.max)) || 0);
      el.value = Number(valueAt(value, el.dataset.value)) || 0;
    }
    if (el.dataset.durationFrom) showDuration(el, value);
    if (el.dataset.atField) showAtField(el, value);
    if (el.dataset.hideWhen) el.hidden = el.dataset.hideWhen.split(' ').includes(value.state);
    if (el.dataset.showWhen) el.hidden = !el.dataset.showWhen.split(' ').includes(value.state);
    if (el.dataset.changedField) el.hidden = textOf(valueAt(value, el.dataset.changedField)) === el.dataset.initial;
  };

  const show = (key, value) => {
    for (const el of document.querySelectorAll('[data-live]')) {
      if (el.dataset.live !== key) continue;
      if (value !== null) {
        showValue(el, value);
        continue;
      }
      el.classList.add('gone');
      if (el.dataset.field === 'state' || el.dataset.field === 'label') setText(el, el.dataset.goneText || 'expired');
      if (el.tagName === 'FORM') el.hidden = true;
    }
  };

  const connect = () => {
    const keys = [...new Set([...document.querySelectorAll('[data-live]')].map((el) => el.dataset.live))];
    if (keys.length === 0 || !('EventSource' in window)) return setLive('static');
    const query = new URLSearchParams(keys.slice(0, MAX_KEYS).map((key) => ['key', key]));
    const source = new EventSource(base + '/api/live?' + query);
    source.addEventListener('open', () => setLive('live'));
    source.addEventListener('error', () => setLive('reconnecting…'));
    source.addEventListener('update', (event) => {
      const update = JSON.parse(event.data);
      problem.hidden = true;
      show(update.key, update.value);
    });
    source.addEventListener('problem', (event) => {
      problem.textContent = JSON.parse(event.data).message;
      problem.hidden = false;
    });
  };

  const setLive = (text) => {
    liveState.textContent = text;
    liveState.dataset.state = text;
  };

  ${actionFunctions()}

  const labelCards = () => {
    for (const table of document.querySelectorAll('table.units')) {
      const headers = [...table.querySelectorAll('thead th')].map((th) => th.textContent.trim());
      for (const row of table.querySelectorAll('tbody tr'))
        [...row.children].forEach((cell, i) => { if (headers[i]) cell.dataset.label = headers[i]; });
    }
  };

  for (const form of document.querySelectorAll('form[data-action]'))
    form.addEventListener('submit', (event) => submitAction(form, event));
  for (const form of document.querySelectorAll('form[data-count-action]')) prepareCount(form);
  labelCards();
  localizeTimes();
  setInterval(localizeTimes, 10000);
  connect();
})();
`

/** Local absolute times, relative forms, and durations (mirrors pages/time.tsx). */
function timeFunctions(): string {
  return `const pad = (n) => String(n).padStart(2, '0');
  const localText = (ms) => {
    const d = new Date(ms);
    return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()) + ' ' +
      pad(d.getHours()) + ':' + pad(d.getMinutes()) + ':' + pad(d.getSeconds());
  };
  const ago = (ms) => {
    const s = Math.max(0, Math.round(ms / 1000));
    if (s < 60) return s + ' s ago';
    if (s < 3600) return Math.floor(s / 60) + ' min ago';
    if (s < 86400) return Math.floor(s / 3600) + ' h ago';
    return Math.floor(s / 86400) + ' d ago';
  };
  const duration = (ms) => {
    const span = Math.max(0, Math.round(ms));
    if (span < 1000) return span + ' ms';
    if (span < 60000) return (Math.floor(span / 100) / 10).toFixed(1) + ' s';
    const s = Math.floor(span / 1000);
    if (s < 3600) return Math.floor(s / 60) + ' min ' + (s % 60) + ' s';
    if (s < 86400) return Math.floor(s / 3600) + ' h ' + (Math.floor(s / 60) % 60) + ' min';
    return Math.floor(s / 86400) + ' d ' + (Math.floor(s / 3600) % 24) + ' h';
  };
  const zone = (() => { try { return Intl.DateTimeFormat().resolvedOptions().timeZone; } catch { return ''; } })();
  const localizeTime = (el) => {
    const at = Date.parse(el.dateTime);
    const relative = ago(serverNow() - at);
    const absolute = el.querySelector('[data-role="absolute"]');
    const hidden = el.querySelector('[data-role="relative"]');
    if (absolute) absolute.textContent = localText(at);
    if (hidden) hidden.textContent = ' (' + relative + ')';
    el.title = relative + (zone ? ' · ' + zone + ' time' : '');
  };
  const localizeTimes = () => {
    for (const el of document.querySelectorAll('time[data-at]')) localizeTime(el);
    for (const el of document.querySelectorAll('[data-since]'))
      el.textContent = duration(serverNow() - Number(el.dataset.since)) + ' so far';
  };
  const showDuration = (el, value) => {
    const from = valueAt(value, el.dataset.durationFrom);
    const to = valueAt(value, el.dataset.durationTo);
    if (typeof from !== 'number') return;
    if (typeof to === 'number') {
      delete el.dataset.since;
      delete el.dataset.state;
      el.textContent = duration(to - from);
    }
  };
  const showAtField = (el, value) => {
    const at = valueAt(value, el.dataset.atField);
    if (typeof at !== 'number') return;
    let time = el.querySelector('time');
    if (!time) {
      el.textContent = '';
      time = document.createElement('time');
      time.dataset.at = '';
      const absolute = document.createElement('span');
      absolute.dataset.role = 'absolute';
      const hidden = document.createElement('span');
      hidden.className = 'sr-only';
      hidden.dataset.role = 'relative';
      time.append(absolute, hidden);
      el.append(time);
    }
    time.dateTime = new Date(at).toISOString();
    localizeTime(time);
  };`
}

/** Buttons that POST JSON, behind the confirmation dialog when they ask for one. */
function actionFunctions(): string {
  return `const dialog = document.querySelector('dialog[data-role="confirm"]');
  const fieldsOf = (form) => {
    const fields = {};
    for (const el of form.elements) {
      if (!el.name || el.value === '') continue;
      fields[el.name] = el.type === 'number' || el.dataset.number !== undefined ? Number(el.value) : el.value;
    }
    if ('age' in fields && 'unit' in fields) {
      fields.olderThanMs = Math.round(fields.age * fields.unit);
      delete fields.age;
      delete fields.unit;
    }
    return fields;
  };
  const confirmed = (form) => new Promise((resolve) => {
    if (!form.dataset.confirm || !dialog) return resolve(true);
    const fields = fieldsOf(form);
    dialog.querySelector('[data-role="confirm-text"]').textContent =
      form.dataset.confirm.replace('{limit}', String(fields.limit ?? ''));
    const accept = dialog.querySelector('[data-role="accept"]');
    accept.textContent = form.dataset.confirmButton || 'Confirm';
    accept.className = form.classList.contains('danger') ? 'danger' : 'plain';
    const cancel = dialog.querySelector('[data-role="cancel"]');
    const done = (answer) => {
      accept.removeEventListener('click', yes);
      cancel.removeEventListener('click', no);
      dialog.removeEventListener('close', no);
      if (dialog.open) dialog.close();
      resolve(answer);
    };
    const yes = () => done(true);
    const no = () => done(false);
    accept.addEventListener('click', yes);
    cancel.addEventListener('click', no);
    dialog.addEventListener('close', no);
    dialog.showModal();
    cancel.focus();
  });
  const post = async (url, fields) => {
    const response = await fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(fields),
    });
    const body = await response.json();
    if (!response.ok) throw new Error(body.error ? body.error.message : response.statusText);
    return body;
  };
  const describeResult = (body) => {
    if (typeof body.retried === 'number') return 'Retried ' + body.retried + '; ' + body.failed + ' still failed.';
    if (typeof body.deleted === 'number' && typeof body.matched === 'number')
      return 'Deleted ' + body.deleted + '.' + (body.complete ? '' : ' More may be older: count again.');
    return 'Done.';
  };
  const submitAction = async (form, event) => {
    event.preventDefault();
    const flash = form.querySelector('[data-role="flash"]');
    const button = form.querySelector('button[type="submit"]');
    if (fieldsOf(form).limit === 0) {
      flash.textContent = 'Nothing to do.';
      return;
    }
    if (!(await confirmed(form))) {
      flash.textContent = 'Cancelled.';
      return;
    }
    button.disabled = true;
    try {
      flash.textContent = describeResult(await post(form.dataset.action, fieldsOf(form)));
      if (form.dataset.countAction) return form.dispatchEvent(new Event('recount'));
      if (form.dataset.repeatable !== undefined) button.disabled = false;
    } catch (error) {
      flash.textContent = error.message;
      button.disabled = false;
    }
  };
  const prepareCount = (form) => {
    const button = form.querySelector('button[type="submit"]');
    const count = form.querySelector('[data-role="count"]');
    const limit = form.querySelector('input[name="limit"]');
    const reset = () => { button.disabled = true; count.textContent = ''; limit.value = ''; };
    const recount = async () => {
      reset();
      const fields = fieldsOf(form);
      delete fields.limit;
      const query = new URLSearchParams(Object.entries(fields).map(([k, v]) => [k, String(v)]));
      try {
        const response = await fetch(form.dataset.countAction + '?' + query, { credentials: 'same-origin' });
        const body = await response.json();
        if (!response.ok) throw new Error(body.error ? body.error.message : response.statusText);
        count.textContent = body.matched + ' ' + body.state + ' item' + (body.matched === 1 ? '' : 's') +
          ' settled before ' + localText(body.cutoff) + (body.complete ? '' : ' (counted the first ' + body.scanned + ' only)') + '.';
        limit.value = String(body.matched);
        button.disabled = body.matched === 0;
      } catch (error) {
        count.textContent = error.message;
      }
    };
    for (const el of form.elements) if (el.name && el.name !== 'limit') el.addEventListener('input', reset);
    form.querySelector('[data-role="recount"]').addEventListener('click', recount);
    form.addEventListener('recount', recount);
    reset();
  };`
}
