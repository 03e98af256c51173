// The alerts panel of the evaluations page: the newest alerts from GET /api/alerts (newest first), raised and
// cleared, refreshed every few seconds. Each row names the type, the model, when, and the reason with its figures
// (the same Alert JSON as on fmnist.alerts). A condition still raised (its newest alert is RAISED) is marked active.
import { call, el, when } from './common.js';

(() => {

  const REFRESH_MS = 5000;
  const LIMIT = 20;
  const panel = document.getElementById('alerts');
  if (!panel) {
    return;
  }
  const list = panel.querySelector('.alert-list');
  const none = panel.querySelector('.alerts-none');
  const status = panel.querySelector('.alerts-status');

  const TYPES = {
    QUALITY_DROP: 'Quality drop',
    PREDICTION_DRIFT: 'Prediction drift',
    INPUT_DRIFT: 'Input drift',
    CHALLENGER_VERDICT: 'Challenger verdict',
  };

  function figureText(figures) {
    return Object.entries(figures || {})
      .map(([name, value]) => name + ' ' + (Number.isInteger(value) ? String(value) : Number(value).toPrecision(4)))
      .join(' · ');
  }

  function row(alert, active) {
    const state = (alert.state || '').toLowerCase();
    return el('li', { class: 'alert-row ' + state + (active ? ' active' : ''), 'data-alert-id': alert.id,
      'data-type': alert.type, 'data-state': alert.state, 'data-model-id': alert.modelId },
    el('span', { class: 'badge alert-' + state, text: alert.state }), ' ',
    el('strong', { class: 'alert-type', text: TYPES[alert.type] || alert.type }), ' · ',
    el('code', { class: 'alert-model', text: alert.modelId }),
    alert.modelVersion === undefined || alert.modelVersion === null ? null
      : el('span', { class: 'version', text: ' v' + alert.modelVersion }), ' · ',
    el('time', { class: 'alert-time', datetime: alert.timestamp || '', text: when(alert.timestamp) }),
    el('p', { class: 'alert-reason', text: alert.reason || '' }),
    el('p', { class: 'alert-figures', text: figureText(alert.figures) }));
  }

  async function refresh() {
    const answer = await call('/api/alerts?limit=' + LIMIT);
    if (!answer.ok) {
      status.textContent = 'alerts unavailable: ' + answer.message;
      status.hidden = false;
      return;
    }
    status.hidden = true;
    const alerts = answer.body || [];
    const newest = new Set();
    const seen = new Set();
    alerts.forEach((a) => {
      const key = a.type + '/' + a.modelId;
      if (!seen.has(key)) {
        seen.add(key);
        if (a.state === 'RAISED') {
          newest.add(a.id);
        }
      }
    });
    list.replaceChildren(...alerts.map((a) => row(a, newest.has(a.id))));
    none.hidden = alerts.length > 0;
    panel.dataset.loaded = 'yes';
    panel.dataset.active = String(newest.size);
  }

  refresh();
  setInterval(refresh, REFRESH_MS);
})();
