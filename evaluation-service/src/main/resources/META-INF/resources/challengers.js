// The models view's Challengers panel: each model in shadow against the production model on the same labelled images
// (its Evaluation's `comparison`): paired images, both accuracies, the accuracy delta with its 95 % interval, McNemar's
// exact p, per-class F1 deltas and the verdict. The first view comes from GET /api/comparisons (and GET /api/models for
// the models in shadow not compared yet); then every Evaluation on GET /api/evaluations/stream that carries a
// comparison refreshes its card, and registry changes (models.js re-dispatches /api/models/stream as `fmnist:model`)
// add or drop cards. Promote and Unshadow call the registry through the gateway with the operator token.
import { CLASSES, authorised, call, closeOnLeave, el, percent, say, when } from './common.js';

const panel = document.getElementById('challenger-list');
const status = document.getElementById('challengers-status');
const cards = {};    // modelId -> its card element
const latest = {};   // modelId -> { modelId, modelVersion, comparison, timestamp }
const models = {};   // modelId -> its GET /api/models entry

const VERDICT_TEXT = {
  BETTER: 'significantly better than production',
  WORSE: 'significantly worse than production',
  NO_DIFFERENCE: 'no significant difference yet',
  INSUFFICIENT: 'too few paired images for a verdict',
};

const signed = (x, digits) => (x === null || x === undefined ? '–' : (x >= 0 ? '+' : '') + x.toFixed(digits));
const points = (x) => (x === null || x === undefined ? '–' : signed(x * 100, 2) + ' pts');
const pValue = (p) => (p === null || p === undefined ? '–' : p === 0 ? '< 1e-300' : p < 0.001 ? p.toExponential(2) : p.toFixed(4));
const nameOf = (id) => (models[id] && models[id].name ? models[id].name + ' v' + models[id].version : id);

function figure(label, css, value) {
  return el('div', { class: css }, el('dt', { text: label }), el('dd', { text: value }));
}

function f1Table(deltas) {
  return el('table', { class: 'f1-deltas' },
    el('caption', { text: 'Per-class F1, challenger − champion' }),
    el('thead', {}, el('tr', {}, ...CLASSES.map((c) => el('th', { scope: 'col', text: c })))),
    el('tbody', {}, el('tr', {}, ...CLASSES.map((c, i) => {
      const d = deltas && deltas[i];
      return el('td', { class: d > 0 ? 'gain' : d < 0 ? 'loss' : 'even', 'data-class': String(i), text: signed(d, 4) });
    }))));
}

function card(id) {
  const standing = latest[id];
  const c = standing && standing.comparison;
  const verdict = c ? c.verdict : 'WAITING';
  const node = el('article', { class: 'challenger', 'data-model-id': id, 'data-verdict': verdict },
    el('h3', {}, nameOf(id), c ? ' vs ' + nameOf(c.championId) + ' (production) ' : ' ',
      el('span', { class: 'badge verdict-' + verdict.toLowerCase(), text: c ? verdict : 'WAITING' })),
    el('p', { class: 'verdict-text', text: c ? VERDICT_TEXT[verdict] || verdict
      : 'In shadow: no paired labelled prediction yet (the challenger and the production model must both predict the same labelled images).' }));
  if (c) {
    node.appendChild(el('dl', { class: 'figures' },
      figure('Paired images', 'paired', String(c.pairedImages)),
      figure('Champion accuracy', 'champion-accuracy', percent(c.championAccuracy)),
      figure('Challenger accuracy', 'challenger-accuracy', percent(c.challengerAccuracy)),
      figure('Delta (' + Math.round(c.confidence * 100) + ' % interval)', 'delta',
        points(c.accuracyDelta) + ' [' + points(c.deltaLow) + ', ' + points(c.deltaHigh) + ']'),
      figure('McNemar p', 'p-value', pValue(c.mcnemarP)),
      figure('Only champion / only challenger right', 'discordant', c.championOnly + ' / ' + c.challengerOnly),
      figure('Macro-F1 delta', 'macro-f1-delta', signed(c.macroF1Delta, 4))));
    node.appendChild(el('div', { class: 'table-scroll' }, f1Table(c.f1Delta)));
    node.appendChild(el('p', { class: 'updated', text: 'Updated ' + when(standing.timestamp) }));
  }
  node.appendChild(el('div', { class: 'challenger-actions' },
    el('button', { type: 'button', class: 'promote', 'data-model-id': id, text: 'Promote' }), ' ',
    el('button', { type: 'button', class: 'unshadow', 'data-model-id': id, text: 'Unshadow' }),
    el('p', { class: 'result', role: 'status', 'aria-live': 'polite' })));
  return node;
}

function show(id) {
  const fresh = card(id);
  if (cards[id]) {
    cards[id].replaceWith(fresh);
  } else {
    panel.appendChild(fresh);
  }
  cards[id] = fresh;
  summary();
}

function drop(id) {
  if (cards[id]) {
    cards[id].remove();
    delete cards[id];
  }
  delete latest[id];
  summary();
}

function summary() {
  const n = Object.keys(cards).length;
  say(status, n === 0 ? 'No model in shadow. Put one beside production with its Shadow button below, or '
    + './fmnist shadow <model>.' : n + ' model(s) in shadow, compared live with production.', n === 0 ? 'empty' : 'ok');
}

async function act(button, method, path, what) {
  const result = button.parentElement.querySelector('.result');
  say(result, what + '…', 'loading');
  button.disabled = true;
  const answer = await call(path, { method, headers: authorised() });
  button.disabled = false;
  say(result, answer.ok ? what + ': done.' : what + ' refused: ' + answer.message, answer.ok ? 'ok' : 'error');
  result.dataset.status = String(answer.status);
}

panel.addEventListener('click', (event) => {
  const button = event.target.closest('button.promote, button.unshadow');
  if (!button) {
    return;
  }
  const id = button.dataset.modelId;
  const reason = encodeURIComponent((document.getElementById('action-reason') || {}).value || 'from the dashboard');
  const path = '/api/training/models/' + encodeURIComponent(id);
  if (button.classList.contains('promote')) {
    act(button, 'POST', path + '/promote?reason=' + reason, 'Promote ' + nameOf(id));
  } else {
    act(button, 'DELETE', path + '/shadow?reason=' + reason, 'Unshadow ' + nameOf(id));
  }
});

// registry changes, as models.js receives them from /api/models/stream
document.addEventListener('fmnist:model', (event) => {
  const m = event.detail;
  models[m.modelId] = m;
  if (m.status === 'SHADOW') {
    show(m.modelId);
  } else if (cards[m.modelId]) {
    drop(m.modelId);
  }
});

/** Loads the first view, then follows the evaluation stream; resolves once the first view is shown. */
export async function start() {
  const [overview, comparisons] = await Promise.all([call('/api/models'), call('/api/comparisons')]);
  if (overview.ok && Array.isArray(overview.body)) {
    overview.body.forEach((m) => {
      models[m.modelId] = m;
    });
  }
  if (comparisons.ok && Array.isArray(comparisons.body)) {
    comparisons.body.forEach((s) => {
      latest[s.modelId] = s;
    });
  } else {
    say(status, 'The comparisons could not be read: ' + comparisons.message, 'error');
  }
  Object.values(models).filter((m) => m.status === 'SHADOW').forEach((m) => show(m.modelId));
  Object.keys(latest).forEach(show);
  if (comparisons.ok) {
    summary();
  }
  const source = closeOnLeave(new EventSource('/api/evaluations/stream'));
  source.onmessage = (event) => {
    const e = JSON.parse(event.data);
    if (!e.comparison) {
      return;
    }
    const previous = latest[e.modelId];
    if (previous && previous.timestamp && e.timestamp && Date.parse(previous.timestamp) > Date.parse(e.timestamp)) {
      return;
    }
    latest[e.modelId] = { modelId: e.modelId, modelVersion: e.modelVersion, comparison: e.comparison,
      timestamp: e.timestamp };
    if (!models[e.modelId] || models[e.modelId].status === 'SHADOW') {
      show(e.modelId);
    }
  };
}
