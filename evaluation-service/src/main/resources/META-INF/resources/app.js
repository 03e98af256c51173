// Keeps the server-rendered dashboard up to date from GET /api/evaluations/stream (server-sent events).
// Every event is one Evaluation; its model's panel is rebuilt with the same markup the server renders.
// What the registry says of each model (name, status, registered test accuracy) comes from GET /api/models and then
// GET /api/models/stream; a change re-renders the model's panel and puts the production model first.
// Each panel also holds two ECharts charts (charts.js): per-class bars of the latest evaluation, and accuracy and
// macro-F1 over time from the stored snapshots (GET /api/evaluations/{id}/history) plus what the stream adds.
// Each heatmap cell shows its count and share of the row and links to its images (/mistakes?model=&true=&predicted=);
// beside the per-class table, the worst confusions (largest off-diagonal cells) link there too.
import * as charts from './charts.js';
import { closeOnLeave, live, ready } from './common.js';

(() => {

  const DIAGONAL_HUE = 212;
  const CONFUSION_HUE = 4;
  const models = document.getElementById('models');
  const empty = document.getElementById('empty');
  const latest = {};   // modelId -> its latest Evaluation
  const registry = {}; // modelId -> its entry of GET /api/models
  const history = {};  // modelId -> { points: Map timestamp -> point, loaded: whether the stored snapshots are in }

  const percent = (x) => (x * 100).toFixed(2) + ' %';
  const decimal = (x) => (x === null || x === undefined ? '–' : x.toFixed(4));

  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    Object.entries(props || {}).forEach(([key, value]) => {
      if (key === 'text') {
        node.textContent = value;
      } else {
        node.setAttribute(key, value);
      }
    });
    children.forEach((child) => node.appendChild(child));
    return node;
  }

  function figure(label, css, value, extra) {
    return el('div', extra ? { class: extra } : {}, el('dt', { text: label }), el('dd', { class: css, text: String(value) }));
  }

  const cellHref = (modelId, t, p) => '/mistakes?model=' + encodeURIComponent(modelId) + '&true=' + t
    + '&predicted=' + p;
  const share = (count, rowTotal) => (rowTotal === 0 ? 0 : count / rowTotal);
  const sharePercent = (count, rowTotal) => (count === 0 ? '' : (share(count, rowTotal) * 100).toFixed(1) + ' %');

  function cell(e, t, p, count, rowTotal) {
    const diagonal = t === p;
    const s = share(count, rowTotal);
    const css = (diagonal ? 'diag' : 'off') + (s > 0.55 ? ' strong' : '');
    const style = 'background-color: hsla(' + (diagonal ? DIAGONAL_HUE : CONFUSION_HUE) + ', 70%, 45%, '
      + s.toFixed(2) + ')';
    const pct = sharePercent(count, rowTotal);
    const label = e.classes[t] + ' predicted as ' + e.classes[p] + ': ' + count
      + (count === 0 ? '' : ' (' + pct + ' of ' + e.classes[t] + ')');
    return el('td', { class: css, style: style },
      el('a', { class: 'cell', href: cellHref(e.modelId, t, p), 'data-true': String(t), 'data-predicted': String(p),
        'data-count': String(count), 'aria-label': label },
      el('span', { class: 'n', text: String(count) }), el('span', { class: 'pct', text: pct })));
  }

  function matrixTable(e) {
    const head = el('tr', {}, el('th'), ...e.classes.map((c) => el('th', { scope: 'col', text: c })));
    const rows = e.confusionMatrix.map((row, t) => {
      const total = row.reduce((a, b) => a + b, 0);
      return el('tr', {}, el('th', { scope: 'row', text: e.classes[t] }), ...row.map((n, p) => cell(e, t, p, n, total)));
    });
    return el('div', { class: 'matrix-scroll' }, el('table', { class: 'matrix' },
      el('caption', { text: 'Confusion matrix (rows: true class, columns: predicted class)' }),
      el('thead', {}, head), el('tbody', {}, ...rows)));
  }

  function worstBox(e) {
    const confusions = [];
    e.confusionMatrix.forEach((row, t) => {
      const total = row.reduce((a, b) => a + b, 0);
      row.forEach((n, p) => {
        if (t !== p && n > 0) {
          confusions.push({ t, p, n, pct: sharePercent(n, total) });
        }
      });
    });
    // as the server orders them: largest first, ties in matrix order
    const worst = confusions.map((c, i) => Object.assign(c, { i }))
      .sort((a, b) => (b.n - a.n) || (a.i - b.i)).slice(0, 5);
    const box = el('div', { class: 'worst-box' }, el('h3', { text: 'Worst confusions' }));
    if (worst.length === 0) {
      box.appendChild(el('p', { class: 'worst-none', text: 'No confusion yet: every counted image is on the diagonal.' }));
    }
    box.appendChild(el('ol', { class: 'worst' }, ...worst.map((c) => el('li', {},
      el('a', { href: cellHref(e.modelId, c.t, c.p), text: e.classes[c.t] + ' → ' + e.classes[c.p] }),
      document.createTextNode(': '), el('span', { class: 'worst-count', text: String(c.n) }),
      document.createTextNode(' (' + c.pct + ' of ' + e.classes[c.t] + ')')))));
    return box;
  }

  function perClassTable(e) {
    const head = el('tr', {}, ...['Class', 'Precision', 'Recall', 'F1', 'Support'].map((h) => el('th', { scope: 'col', text: h })));
    const rows = e.perClass.map((c) => el('tr', {},
      el('th', { scope: 'row', text: c.className }), el('td', { text: decimal(c.precision) }),
      el('td', { text: decimal(c.recall) }), el('td', { text: decimal(c.f1) }), el('td', { text: String(c.support) })));
    return el('table', { class: 'per-class' }, el('caption', { text: 'Per class' }), el('thead', {}, head),
      el('tbody', {}, ...rows));
  }

  function panel(e) {
    const recent = e.recent;
    const r = registry[e.modelId];
    const status = r && r.status ? r.status : 'UNREGISTERED';
    const statusCss = 'status-' + status.toLowerCase();
    return el('section', { class: 'model ' + statusCss, 'data-model-id': e.modelId, 'data-status': status },
      el('h2', {}, el('span', { class: 'model-name', text: r && r.name ? r.name : e.modelId }),
        document.createTextNode(' '),
        el('span', { class: 'version', text: 'v' + (r && r.status ? r.version : e.modelVersion) }),
        document.createTextNode(' '),
        el('span', { class: 'badge ' + statusCss, text: status })),
      el('p', { class: 'registry' }, document.createTextNode('id '),
        el('code', { class: 'model-id', text: e.modelId }),
        document.createTextNode(' · architecture '),
        el('span', { class: 'architecture', text: r && r.architecture ? r.architecture : '–' })),
      el('dl', { class: 'figures' },
        figure('Images', 'count', e.count),
        figure('Accuracy', 'accuracy', percent(e.accuracy)),
        figure('Registered test accuracy', 'registered-accuracy',
          r && r.registeredTestAccuracy !== null && r.registeredTestAccuracy !== undefined
            ? percent(r.registeredTestAccuracy) : '–', 'registered'),
        figure('Macro-F1', 'macro-f1', decimal(e.macroF1)),
        figure('Weighted F1', 'weighted-f1', decimal(e.weightedF1)),
        figure('Recent accuracy', 'recent-accuracy', recent ? percent(recent.accuracy) : '–', 'recent'),
        figure('Recent macro-F1', 'recent-macro-f1', recent ? decimal(recent.macroF1) : '–', 'recent')),
      el('p', { class: 'updated' }, document.createTextNode('Snapshot '),
        el('time', { class: 'timestamp', text: e.timestamp }),
        document.createTextNode(' · recent = last '),
        el('span', { class: 'recent-count', text: String(recent ? recent.count : 0) }),
        document.createTextNode(' predictions')),
      el('div', { class: 'panels' }, matrixTable(e), el('div', { class: 'side' }, perClassTable(e), worstBox(e))),
      el('div', { class: 'charts' },
        el('figure', { class: 'chart-box' },
          el('figcaption', { text: 'Per class: precision, recall and F1' }),
          el('div', { class: 'chart per-class-chart', role: 'img', 'aria-label': 'Per-class precision, recall and F1' })),
        el('figure', { class: 'chart-box' },
          el('figcaption', { text: 'Accuracy and macro-F1 over time' }),
          el('div', { class: 'chart history-chart', role: 'img', 'aria-label': 'Accuracy and macro-F1 over time' }),
          el('p', { class: 'history-note chart-note' }))));
  }

  const point = (e) => ({ timestamp: e.timestamp, count: e.count, accuracy: e.accuracy, macroF1: e.macroF1 });

  function points(modelId) {
    const h = history[modelId];
    return h ? Array.from(h.points.values())
      .sort((a, b) => (Date.parse(a.timestamp) - Date.parse(b.timestamp)) || (a.count - b.count)) : [];
  }

  function sectionOf(modelId) {
    return Array.from(models.querySelectorAll('section.model')).find((s) => s.dataset.modelId === modelId);
  }

  function drawHistory(modelId) {
    const section = sectionOf(modelId);
    if (section) {
      charts.drawHistory(section, points(modelId), history[modelId].loaded);
    }
  }

  // Adds an evaluation to its model's history; the first one of a model also loads the stored snapshots.
  function remember(e) {
    let h = history[e.modelId];
    if (!h) {
      h = { points: new Map(), loaded: false };
      history[e.modelId] = h;
      fetch('/api/evaluations/' + encodeURIComponent(e.modelId) + '/history')
        .then((r) => (r.ok ? r.json() : []))
        .then((stored) => stored.forEach((s) => h.points.set(s.timestamp, point(s))))
        .catch(() => {})
        .finally(() => {
          h.loaded = true;
          drawHistory(e.modelId);
        });
    }
    h.points.set(e.timestamp, point(e));
  }

  function render(e) {
    const fresh = panel(e);
    place(fresh);
    charts.drawPerClass(fresh, e);
    charts.drawHistory(fresh, points(e.modelId), history[e.modelId].loaded);
  }

  // Production first, then by model id (as the server renders).
  const before = (a, b) => {
    const pa = a.dataset.status === 'PRODUCTION' ? 0 : 1;
    const pb = b.dataset.status === 'PRODUCTION' ? 0 : 1;
    return pa !== pb ? pa < pb : a.dataset.modelId < b.dataset.modelId;
  };

  function place(fresh) {
    const sections = Array.from(models.querySelectorAll('section.model'));
    const existing = sections.find((s) => s.dataset.modelId === fresh.dataset.modelId);
    if (existing) {
      charts.dispose(existing);
      existing.remove();
    }
    const after = sections.find((s) => s !== existing && before(fresh, s));
    models.insertBefore(fresh, after || null);
  }

  function show(e) {
    latest[e.modelId] = e;
    remember(e);
    render(e);
    empty.hidden = true;
    document.body.dataset.updates = String(Number(document.body.dataset.updates || 0) + 1);
  }

  function register(m) {
    registry[m.modelId] = m;
    if (latest[m.modelId]) {
      render(latest[m.modelId]);
    }
  }

  function connect() {
    const source = live(new EventSource('/api/evaluations/stream'));
    source.onmessage = (event) => show(JSON.parse(event.data));
  }

  function followRegistry() {
    const source = closeOnLeave(new EventSource('/api/models/stream'));
    source.onmessage = (event) => register(JSON.parse(event.data));
    // What the stream has already delivered is at least as new as this first answer.
    fetch('/api/models').then((r) => (r.ok ? r.json() : [])).then((all) => all
      .filter((m) => !registry[m.modelId])
      .forEach(register))
      .catch(() => {})
      .finally(ready);
  }

  window.addEventListener('resize', () => charts.resizeAll(models));
  followRegistry();
  connect();
})();
