// The mistakes view: a gallery of a model's images rendered from their grey levels, each with its true and predicted
// class and its ten probabilities as bars. Without a cell: its recent misclassified images
// (GET /api/evaluations/{id}/mistakes); with ?true=&predicted= (a heatmap cell's link): that cell's retained images
// (GET /api/evaluations/{id}/cells/{t}/{p}). It reloads when the model's next evaluation arrives on the stream.
import * as charts from './charts.js';
import { CLASSES, call, drawPixels, el, live, ready, say, when } from './common.js';

const box = document.getElementById('gallery-box');
const gallery = document.getElementById('gallery');
const status = document.getElementById('gallery-status');
const empty = document.getElementById('gallery-empty');
const select = document.getElementById('mistakes-model');
const trueLabel = Number(box.dataset.true);
const predicted = Number(box.dataset.predicted);
const cell = trueLabel >= 0 && predicted >= 0;
const PUBLISH = 'printf \'{"id":"boot-1","png":"%s","label":9}\\n\' "$(base64 -w0 boot.png)" | kcat -P -b '
  + 'localhost:9092 -t fmnist.images.input -k boot-1';

function model() {
  return select.value || box.dataset.model || '';
}

function emptyState(html) {
  empty.replaceChildren(...html);
  empty.hidden = false;
}

function sample(s) {
  const item = el('li', { class: 'sample', 'data-id': s.id, 'data-true': String(s.trueLabel),
    'data-predicted': String(s.label) });
  const canvas = el('canvas', { class: 'pixels', width: '28', height: '28', role: 'img',
    'aria-label': 'image ' + s.id + ': ' + s.trueClassName + ' predicted as ' + s.className });
  if (drawPixels(canvas, s.pixels, s.width, s.height)) {
    item.appendChild(canvas);
  } else {
    item.appendChild(el('p', { class: 'no-pixels', text: 'Image not retained (evaluation-service keeps only the most '
      + 'recent input images).' }));
  }
  const p = s.probabilities || [];
  item.appendChild(el('p', { class: 'labels' },
    'True ', el('strong', { class: 'true-class', text: s.trueClassName || CLASSES[s.trueLabel] }),
    ' · predicted ', el('strong', { class: 'predicted-class', text: s.className || CLASSES[s.label] }),
    p.length ? ' (' + (p[s.label] * 100).toFixed(0) + ' %)' : null));
  item.appendChild(el('p', { class: 'sample-meta', text: s.id + ' · ' + when(s.timestamp) }));
  const bars = el('div', { class: 'prob-chart', role: 'img', 'aria-label': 'class probabilities of ' + s.id });
  item.appendChild(bars);
  return { item, bars, probabilities: p, label: s.label };
}

async function load() {
  const id = model();
  if (!id) {
    say(status, '', 'empty');
    emptyState([el('p', {}, el('strong', { text: 'No model evaluated yet.' }),
      ' Train one (', el('code', { text: './fmnist demo' }), ' or the ', el('a', { href: '/training', text: 'Training' }),
      ' form), then publish labelled images: their mistakes show up here.')]);
    return;
  }
  box.dataset.model = id;
  const path = '/api/evaluations/' + encodeURIComponent(id)
    + (cell ? '/cells/' + trueLabel + '/' + predicted : '/mistakes');
  const answer = await call(path);
  if (!answer.ok) {
    say(status, (answer.status === 404 && answer.reason && !answer.message.includes('does not offer')
      ? 'No image of model ' + id + ' retained yet: ' + answer.reason
      : 'The images cannot be shown: ' + answer.message), 'error');
    gallery.replaceChildren();
    return;
  }
  const samples = Array.isArray(answer.body) ? answer.body : [];
  gallery.querySelectorAll('.prob-chart').forEach((c) => {
    const instance = typeof echarts === 'undefined' ? null : echarts.getInstanceByDom(c);
    if (instance) {
      instance.dispose();
    }
  });
  const built = samples.map(sample);
  gallery.replaceChildren(...built.map((b) => b.item));
  built.forEach((b) => charts.draw(b.bars, charts.probabilityOption(CLASSES, b.probabilities, b.label, true),
    b.probabilities.length));
  box.dataset.count = String(samples.length);
  if (samples.length === 0) {
    say(status, '', 'empty');
    emptyState([el('p', {}, el('strong', { text: cell ? 'No image retained for this cell yet.'
      : 'No misclassified image yet.' }),
      ' Publish labelled images to fmnist.images.input (e.g. ', el('code', { text: './fmnist demo' }), ', or ',
      el('code', { text: PUBLISH }), '); this view reloads by itself when the model\'s next evaluation arrives.')]);
  } else {
    empty.hidden = true;
    say(status, samples.length + ' image(s), newest first' + (cell ? ' — ' + CLASSES[trueLabel] + ' predicted as '
      + CLASSES[predicted] : '') + '.', 'ok');
  }
}

let timer = null;
const source = live(new EventSource('/api/evaluations/stream'));
source.onmessage = (event) => {
  const e = JSON.parse(event.data);
  if (e.modelId === model() && box.dataset.loaded === 'yes') {
    clearTimeout(timer);
    timer = setTimeout(load, 1000);
  }
};

select.addEventListener('change', () => {
  const url = new URL(window.location.href);
  url.searchParams.set('model', select.value);
  window.history.replaceState(null, '', url);
  const all = document.getElementById('all-mistakes');
  if (all) {
    all.href = '/mistakes?model=' + encodeURIComponent(select.value);
  }
  load();
});
window.addEventListener('resize', () => charts.resizeAll(gallery));

load().finally(() => {
  box.dataset.loaded = 'yes';
  ready();
});
