/**
 * The dashboard's only script, served from /assets/dashboard.js with the page's nonce.
 * It writes user data with textContent only, and finds elements by comparing attributes
 * (never by building selectors from data).
 */
export const DASHBOARD_JS = `'use strict';
(() => {
  const base = document.body.dataset.base || '';
  const liveState = document.querySelector('[data-role="live-state"]');
  const problem = document.querySelector('[data-role="problem"]');
  const MAX_KEYS = 200;

  const valueAt = (value, path) =>
    path.split('.').reduce((v, name) => (v === null || v === undefined ? undefined : v[name]), value);

  const setText = (el, text) => {
    el.textContent = text;
    el.dataset.state = text;
  };

  const show = (key, value) => {
    for (const el of document.querySelectorAll('[data-live]')) {
      if (el.dataset.live !== key) continue;
      if (value === null) {
        el.classList.add('gone');
        if (el.dataset.field === 'state') setText(el, el.dataset.goneText || 'expired');
        if (el.tagName === 'FORM') el.hidden = true;
        continue;
      }
      if (el.dataset.field) {
        const v = valueAt(value, el.dataset.field);
        setText(el, v === null || v === undefined ? '—' : String(v));
      }
      if (el.dataset.path) {
        const v = JSON.parse(el.dataset.path).reduce(
          (v, name) => (v !== null && typeof v === 'object' && Object.hasOwn(v, name) ? v[name] : undefined), value);
        setText(el, v === null || v === undefined ? '—' : typeof v === 'string' ? v : JSON.stringify(v));
      }
      if (el.dataset.points) el.setAttribute('points', String(valueAt(value, el.dataset.points) || ''));
      if (el.tagName === 'PROGRESS') {
        el.max = Math.max(1, Number(valueAt(value, el.dataset.max)) || 0);
        el.value = Number(valueAt(value, el.dataset.value)) || 0;
      }
      if (el.dataset.hideWhen) el.hidden = el.dataset.hideWhen.split(' ').includes(value.state);
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

  const ago = (ms) => {
    const s = Math.max(0, Math.round(ms / 1000));
    if (s < 60) return s + ' s ago';
    if (s < 3600) return Math.floor(s / 60) + ' min ago';
    if (s < 86400) return Math.floor(s / 3600) + ' h ago';
    return Math.floor(s / 86400) + ' d ago';
  };
  const refreshAges = () => {
    for (const el of document.querySelectorAll('time[data-age]')) el.textContent = ago(Date.now() - Date.parse(el.dateTime));
  };

  const submitAction = async (form, event) => {
    event.preventDefault();
    const flash = form.querySelector('[data-role="flash"]');
    const button = form.querySelector('button');
    const fields = Object.fromEntries([...new FormData(form)].filter(([, v]) => v !== ''));
    button.disabled = true;
    try {
      const response = await fetch(form.dataset.action, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(fields),
      });
      const body = await response.json();
      if (!response.ok) throw new Error(body.error ? body.error.message : response.statusText);
      flash.textContent = 'Done.';
    } catch (error) {
      flash.textContent = error.message;
      button.disabled = false;
    }
  };

  for (const form of document.querySelectorAll('form[data-action]')) {
    form.addEventListener('submit', (event) => submitAction(form, event));
  }
  setInterval(refreshAges, 10000);
  connect();
})();
`
