// The models view: the registry as a sortable table. The server renders the first rows from evaluation-service's own
// registry view; this module joins GET /api/models (live accuracy, status, kept live by /api/models/stream) with
// training-service's GET /api/training/models (hyper-parameters, dataset, validation/test accuracy, created) through
// the gateway, and says so when the gateway cannot reach it. Promote / roll back call the registry's API with the
// operator token; a model's audited status history comes from GET /api/training/models/{id}. Two versions are compared
// side by side from their live evaluations (GET /api/evaluations/{id}) or, before any, their registered test metrics.
// Shadow / Unshadow put a model beside production or take it back (POST / DELETE /api/training/models/{id}/shadow);
// the Challengers panel (challengers.js) shows each shadow model's live comparison and hears of registry changes here.
import * as charts from './charts.js';
import * as challengers from './challengers.js';
import { CLASSES, authorised, call, decimal, el, live, percent, ready, say, when } from './common.js';

const table = document.getElementById('registry');
const tbody = table.querySelector('tbody');
const gateway = document.getElementById('gateway-status');
const result = document.getElementById('action-result');
const emptyState = document.getElementById('models-empty');
const overview = {}; // modelId -> GET /api/models entry
const entries = {};  // modelId -> ModelVersion from training-service
let trainingReachable = false;
const sort = { key: null, dir: 1 };

const statusOf = (id) => (entries[id] && entries[id].status) || (overview[id] && overview[id].status) || 'UNREGISTERED';
const nameOf = (id) => (entries[id] && entries[id].name) || (overview[id] && overview[id].name) || id;
const versionOf = (id) => (entries[id] ? entries[id].version : overview[id] && overview[id].version) || 0;

const KEYS = {
  name: (id) => nameOf(id).toLowerCase(),
  version: versionOf,
  architecture: (id) => ((entries[id] && entries[id].architecture) || (overview[id] && overview[id].architecture) || ''),
  dataset: (id) => (entries[id] && entries[id].datasetId) || '',
  validation: (id) => (entries[id] && entries[id].validation ? entries[id].validation.accuracy : -1),
  test: (id) => testAccuracy(id) ?? -1,
  live: (id) => (overview[id] && overview[id].liveAccuracy !== null ? overview[id].liveAccuracy : -1),
  status: statusOf,
  created: (id) => (entries[id] && entries[id].createdAt) || '',
};

function testAccuracy(id) {
  if (entries[id] && entries[id].test) {
    return entries[id].test.accuracy;
  }
  return overview[id] && overview[id].registeredTestAccuracy !== null ? overview[id].registeredTestAccuracy : null;
}

function params(id) {
  const h = entries[id] && entries[id].hyperParameters;
  if (!h) {
    return '–';
  }
  const shown = ['epochs', 'batchSize', 'learningRate', 'seed', 'hiddenLayers', 'optimizer', 'optimiser', 'activation'];
  const keys = Object.keys(h).sort((a, b) => {
    const ia = shown.indexOf(a) < 0 ? 99 : shown.indexOf(a);
    const ib = shown.indexOf(b) < 0 ? 99 : shown.indexOf(b);
    return ia - ib || a.localeCompare(b);
  });
  return keys.slice(0, 5).map((k) => k + '=' + (typeof h[k] === 'object' ? JSON.stringify(h[k]) : h[k])).join(', ')
    + (keys.length > 5 ? ', …' : '');
}

function ids() {
  const all = Array.from(new Set([...Object.keys(overview), ...Object.keys(entries)]));
  if (sort.key) {
    const key = KEYS[sort.key];
    return all.sort((a, b) => {
      const x = key(a);
      const y = key(b);
      return (x < y ? -1 : x > y ? 1 : 0) * sort.dir || a.localeCompare(b);
    });
  }
  // production first, then newest first (by creation when known, else by id)
  return all.sort((a, b) => ((statusOf(a) === 'PRODUCTION' ? 0 : 1) - (statusOf(b) === 'PRODUCTION' ? 0 : 1))
    || KEYS.created(b).localeCompare(KEYS.created(a)) || a.localeCompare(b));
}

function row(id) {
  const o = overview[id];
  const e = entries[id];
  const status = statusOf(id);
  const css = 'status-' + status.toLowerCase();
  const promotable = status !== 'PRODUCTION' && (e || (o && o.status));
  return el('tr', { 'data-model-id': id, 'data-status': status },
    el('th', { scope: 'row', class: 'name', text: nameOf(id) }),
    el('td', { class: 'version', text: String(versionOf(id)) }),
    el('td', { class: 'architecture', text: KEYS.architecture(id) || '–' }),
    el('td', { class: 'params', text: params(id) }),
    el('td', { class: 'dataset', text: (e && e.datasetId) || '–' }),
    el('td', { class: 'validation', text: e && e.validation ? percent(e.validation.accuracy) : '–' }),
    el('td', { class: 'test', text: percent(testAccuracy(id)) }),
    el('td', { class: 'live' }, o && o.liveAccuracy !== null ? percent(o.liveAccuracy) : '–',
      el('span', { class: 'live-count', text: ' · ' + (o ? o.liveCount : 0) + ' images' })),
    el('td', { class: 'status' }, el('span', { class: 'badge ' + css, text: status })),
    el('td', { class: 'created', text: e ? when(e.createdAt) : '–' }),
    el('td', { class: 'row-actions' },
      el('button', { type: 'button', class: 'details', 'data-model-id': id, text: 'History' }),
      promotable ? ' ' : null,
      promotable ? el('button', { type: 'button', class: 'promote', 'data-model-id': id, text: 'Promote' }) : null,
      shadowable(status) ? ' ' : null,
      status === 'SHADOW' ? el('button', { type: 'button', class: 'unshadow', 'data-model-id': id, text: 'Unshadow' })
        : shadowable(status) ? el('button', { type: 'button', class: 'shadow', 'data-model-id': id, text: 'Shadow' })
          : null));
}

// A registered or archived model can go in shadow, a model in shadow can leave it.
function shadowable(status) {
  return status === 'SHADOW' || status === 'REGISTERED' || status === 'ARCHIVED';
}

function render() {
  const all = ids();
  tbody.replaceChildren(...all.map(row));
  emptyState.hidden = all.length > 0;
  table.querySelectorAll('th[aria-sort]').forEach((th) => {
    const key = th.querySelector('button.sort').dataset.key;
    th.setAttribute('aria-sort', key === sort.key ? (sort.dir > 0 ? 'ascending' : 'descending') : 'none');
  });
  fillCompareChoices(all);
}

async function loadRegistry() {
  const answer = await call('/api/training/models');
  if (answer.ok && Array.isArray(answer.body)) {
    trainingReachable = true;
    Object.keys(entries).forEach((k) => delete entries[k]);
    answer.body.forEach((entry) => {
      if (entry && entry.model) {
        entries[entry.model.modelId] = entry.model;
      }
    });
    say(gateway, 'Registry from training-service: ' + answer.body.length + ' version(s).', 'ok');
  } else {
    trainingReachable = false;
    say(gateway, answer.message + '. Showing evaluation-service\'s own registry view (no hyper-parameters, dataset, '
      + 'validation accuracy or creation time; promote and roll back need training-service).', 'error');
  }
}

async function loadOverview() {
  const answer = await call('/api/models');
  if (answer.ok && Array.isArray(answer.body)) {
    answer.body.forEach((m) => {
      overview[m.modelId] = m;
    });
  }
}

function showResult(text, state, status) {
  say(result, text, state);
  result.dataset.status = String(status || '');
}

async function act(path, what, method) {
  showResult(what + '…', 'loading');
  const answer = await call(path, { method: method || 'POST', headers: authorised() });
  if (answer.ok) {
    const m = answer.body && answer.body.model;
    if (m) {
      entries[m.modelId] = m;
    }
    showResult(what + ': done' + (m ? ' — ' + m.name + ' v' + m.version + ' is now ' + m.status : '') + '.', 'ok',
      answer.status);
    await Promise.all([loadRegistry(), loadOverview()]);
    render();
    if (m && !document.getElementById('detail').hidden) {
      showDetail(m.modelId);
    }
  } else {
    showResult(what + ' refused: ' + answer.message, 'error', answer.status);
  }
}

function reason() {
  return document.getElementById('action-reason').value.trim() || 'from the dashboard';
}

async function showDetail(id) {
  const detail = document.getElementById('detail');
  const status = document.getElementById('detail-status');
  const list = document.getElementById('history');
  const figures = document.getElementById('detail-figures');
  detail.hidden = false;
  detail.dataset.modelId = id;
  document.getElementById('detail-title').textContent = 'Status history of ' + nameOf(id) + ' v' + versionOf(id);
  say(status, 'Loading…', 'loading');
  list.replaceChildren();
  figures.replaceChildren();
  const answer = await call('/api/training/models/' + encodeURIComponent(id));
  if (!answer.ok) {
    say(status, answer.message, 'error');
    return;
  }
  const m = answer.body.model;
  entries[id] = m;
  const fig = (label, value) => el('div', {}, el('dt', { text: label }), el('dd', { text: value }));
  figures.replaceChildren(
    fig('Model id', m.modelId), fig('Job', m.jobId || '–'), fig('Dataset', m.datasetId || '–'),
    fig('Validation accuracy', m.validation ? percent(m.validation.accuracy) : '–'),
    fig('Test accuracy', m.test ? percent(m.test.accuracy) : '–'),
    fig('Parameters', String(m.parameterCount)), fig('Training', m.trainingSeconds.toFixed(1) + ' s'),
    el('div', { class: 'params-figure' }, el('dt', { text: 'Hyper-parameters' }),
      el('dd', { text: Object.entries(m.hyperParameters || {}).map(([k, v]) => k + '=' + JSON.stringify(v)).join(', ') })));
  const history = answer.body.history || [];
  say(status, history.length ? history.length + ' audited status change(s), oldest first.' : 'No status change recorded.',
    'ok');
  list.replaceChildren(...history.map((h) => el('li', { 'data-status': h.status },
    el('span', { class: 'badge status-' + String(h.status).toLowerCase(), text: h.status }),
    ' ' + (h.previousStatus ? 'from ' + h.previousStatus : 'registered') + ' · ' + when(h.changedAt)
      + (h.reason ? ' · ' + h.reason : ''))));
  render();
}

// --- comparison ---
const compareA = document.getElementById('compare-a');
const compareB = document.getElementById('compare-b');
const metricsCache = {};

function fillCompareChoices(all) {
  [compareA, compareB].forEach((select, n) => {
    const current = select.value;
    select.replaceChildren(...all.map((id) => el('option', { value: id,
      text: nameOf(id) + ' v' + versionOf(id) + ' · ' + statusOf(id) })));
    if (all.includes(current)) {
      select.value = current;
    } else if (all.length) {
      const production = all.find((id) => statusOf(id) === 'PRODUCTION');
      const a = production || all[0];
      select.value = n === 0 ? a : (all.find((id) => id !== a) || a);
    }
  });
}

// The figures compared: the live evaluation, else the registered test metrics.
async function metrics(id) {
  if (overview[id] && overview[id].evaluatedAt) {
    const answer = await call('/api/evaluations/' + encodeURIComponent(id));
    if (answer.ok) {
      return Object.assign({ source: 'live' }, answer.body);
    }
  }
  const e = entries[id];
  if (e && e.test) {
    return Object.assign({ source: 'registered test split', classes: CLASSES }, e.test);
  }
  return null;
}

const rowShares = (m) => m.confusionMatrix.map((r) => {
  const total = r.reduce((a, b) => a + b, 0);
  return r.map((n) => (total === 0 ? 0 : (100 * n) / total));
});

async function compare() {
  const status = document.getElementById('compare-status');
  const figures = document.getElementById('compare-figures');
  const a = compareA.value;
  const b = compareB.value;
  if (!a || !b) {
    say(status, 'No model to compare yet: train one (./fmnist demo or the Training view).', 'empty');
    document.getElementById('compare-charts').hidden = true;
    return;
  }
  const [ma, mb] = await Promise.all([metrics(a), metrics(b)]);
  metricsCache[a] = ma;
  metricsCache[b] = mb;
  const missing = [[a, ma], [b, mb]].filter(([, m]) => !m).map(([id]) => nameOf(id) + ' v' + versionOf(id));
  if (missing.length) {
    say(status, 'Nothing to compare for ' + missing.join(' and ') + ' yet: no live evaluation (publish labelled '
      + 'predictions, e.g. ./fmnist demo) and no registered test metrics.', 'empty');
    figures.replaceChildren();
    document.getElementById('compare-charts').hidden = true;
    return;
  }
  document.getElementById('compare-charts').hidden = false;
  say(status, 'A = ' + nameOf(a) + ' v' + versionOf(a) + ' (' + ma.source + '), B = ' + nameOf(b) + ' v' + versionOf(b)
    + ' (' + mb.source + ').', 'ok');
  const line = (label, fa, fb, format) => el('tr', {}, el('th', { scope: 'row', text: label }),
    el('td', { text: format(fa) }), el('td', { text: format(fb) }),
    el('td', { class: 'delta', text: fa === null || fb === null || fa === undefined || fb === undefined ? '–'
      : (fb - fa >= 0 ? '+' : '') + format(fb - fa) }));
  const count = (x) => (x === null || x === undefined ? '–' : String(Math.round(x)));
  figures.replaceChildren(
    el('thead', {}, el('tr', {}, el('th'), el('th', { scope: 'col', text: 'A' }), el('th', { scope: 'col', text: 'B' }),
      el('th', { scope: 'col', text: 'B − A' }))),
    el('tbody', {}, line('Images', ma.count, mb.count, count), line('Accuracy', ma.accuracy, mb.accuracy, percent),
      line('Macro-F1', ma.macroF1, mb.macroF1, decimal), line('Weighted F1', ma.weightedF1, mb.weightedF1, decimal)));
  const classes = ma.classes || CLASSES;
  const deltas = classes.map((c, i) => {
    const fa = ma.perClass[i] && ma.perClass[i].f1;
    const fb = mb.perClass[i] && mb.perClass[i].f1;
    return fa === null || fa === undefined || fb === null || fb === undefined ? null : fb - fa;
  });
  charts.draw(document.getElementById('f1-delta-chart'), charts.deltaOption(classes, deltas), deltas.length);
  const sa = rowShares(ma);
  const sb = rowShares(mb);
  const cells = [];
  let limit = 0;
  sa.forEach((r, t) => r.forEach((x, p) => {
    const d = sb[t][p] - x;
    limit = Math.max(limit, Math.abs(d));
    cells.push([p, t, Math.round(d * 10) / 10]);
  }));
  charts.draw(document.getElementById('diff-chart'), charts.differenceOption(classes, cells, limit), cells.length);
}

let compareTimer = null;
function compareSoon() {
  clearTimeout(compareTimer);
  compareTimer = setTimeout(compare, 500);
}

// --- wiring ---
table.querySelector('thead').addEventListener('click', (event) => {
  const button = event.target.closest('button.sort');
  if (!button) {
    return;
  }
  const key = button.dataset.key;
  sort.dir = sort.key === key ? -sort.dir : 1;
  sort.key = key;
  render();
  table.querySelector('button.sort[data-key="' + key + '"]').focus();
});
tbody.addEventListener('click', (event) => {
  const promote = event.target.closest('button.promote');
  const details = event.target.closest('button.details');
  const shadow = event.target.closest('button.shadow, button.unshadow');
  if (shadow) {
    const id = shadow.dataset.modelId;
    const leaving = shadow.classList.contains('unshadow');
    act('/api/training/models/' + encodeURIComponent(id) + '/shadow?reason=' + encodeURIComponent(reason()),
      (leaving ? 'Unshadow ' : 'Shadow ') + nameOf(id) + ' v' + versionOf(id), leaving ? 'DELETE' : 'POST');
  } else if (promote) {
    const id = promote.dataset.modelId;
    act('/api/training/models/' + encodeURIComponent(id) + '/promote?reason=' + encodeURIComponent(reason()),
      'Promote ' + nameOf(id) + ' v' + versionOf(id));
  } else if (details) {
    showDetail(details.dataset.modelId);
  }
});
document.getElementById('rollback').addEventListener('click', () => act('/api/training/models/rollback', 'Roll back'));
compareA.addEventListener('change', compare);
compareB.addEventListener('change', compare);
window.addEventListener('resize', () => charts.resizeAll(document));

const models = live(new EventSource('/api/models/stream'));
models.onmessage = (event) => {
  const m = JSON.parse(event.data);
  overview[m.modelId] = m;
  render();
  document.dispatchEvent(new CustomEvent('fmnist:model', { detail: m }));
  if (trainingReachable && entries[m.modelId] && entries[m.modelId].status !== m.status) {
    loadRegistry().then(render);
  }
  if (m.modelId === compareA.value || m.modelId === compareB.value) {
    compareSoon();
  }
};
// Two streams on this page (a browser holds at most six connections to a host across its tabs): the registry's, and the
// evaluations' for the Challengers panel; the side-by-side comparison of two versions refreshes every 15 s.
setInterval(() => {
  if (!document.hidden && [compareA.value, compareB.value].some((id) => overview[id] && overview[id].evaluatedAt)) {
    compareSoon();
  }
}, 15000);

Promise.all([loadOverview(), loadRegistry(), challengers.start()])
  .then(() => {
    render();
    return compare();
  })
  .catch((e) => say(gateway, 'The registry could not be shown: ' + e.message, 'error'))
  .finally(ready);
