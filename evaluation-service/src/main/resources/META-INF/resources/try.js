// The try-it view: a PNG or JPEG picked or dropped is POSTed as it is (its own Content-Type) to inference-service's
// POST /predict?include=input through the gateway; the answer's 28×28 grey input, predicted class, model and ten
// probabilities (an ECharts bar chart) are shown, refusals with their reason.
import * as charts from './charts.js';
import { CLASSES, call, drawPixels, noStream, ready, say } from './common.js';

const input = document.getElementById('try-file');
const zone = document.getElementById('drop-zone');
const status = document.getElementById('try-status');
const result = document.getElementById('try-result');

async function predict(file) {
  if (!file) {
    return;
  }
  if (file.type && !['image/png', 'image/jpeg'].includes(file.type)) {
    say(status, file.name + ' is ' + file.type + ': pick a PNG or JPEG.', 'error');
    return;
  }
  say(status, 'Sending ' + file.name + '…', 'loading');
  const answer = await call('/api/inference/predict?include=input', {
    method: 'POST',
    headers: { 'Content-Type': file.type || 'application/octet-stream' },
    body: file,
  });
  status.dataset.status = String(answer.status);
  if (!answer.ok) {
    const why = answer.status === 503 ? 'no model is being served yet (train one: ./fmnist demo or the Training view): '
      + answer.reason : answer.message;
    say(status, 'Refused: ' + why, 'error');
    result.hidden = true;
    return;
  }
  const p = answer.body;
  result.hidden = false;
  result.dataset.label = String(p.label);
  document.getElementById('try-class').textContent = p.className || CLASSES[p.label];
  document.getElementById('try-model').textContent = 'Model ' + p.modelId + ' v' + p.modelVersion
    + (p.latencyMs !== undefined ? ' · ' + Number(p.latencyMs).toFixed(1) + ' ms' : '');
  const canvas = document.getElementById('try-input');
  const drawn = p.input && drawPixels(canvas, p.input.pixels, p.input.width, p.input.height);
  canvas.dataset.drawn = drawn ? 'yes' : 'no';
  const probabilities = p.probabilities || [];
  charts.draw(document.getElementById('try-chart'), charts.probabilityOption(CLASSES, probabilities, p.label, false),
    probabilities.length);
  say(status, file.name + ': ' + (p.className || CLASSES[p.label]) + ' with probability '
    + (probabilities[p.label] * 100).toFixed(1) + ' %' + (drawn ? '' : ' (the answer held no input image)') + '.', 'ok');
}

input.addEventListener('change', () => predict(input.files[0]));
['dragenter', 'dragover'].forEach((type) => zone.addEventListener(type, (event) => {
  event.preventDefault();
  zone.classList.add('over');
}));
['dragleave', 'drop'].forEach((type) => zone.addEventListener(type, () => zone.classList.remove('over')));
zone.addEventListener('drop', (event) => {
  event.preventDefault();
  predict(event.dataTransfer.files[0]);
});
window.addEventListener('resize', () => charts.resizeAll(result));
noStream();
ready();
