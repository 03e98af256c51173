// The training view: jobs from training-service (GET /api/training/jobs through the gateway) merged with the jobs
// evaluation-service has seen progress of (GET /api/progress); the selected job's curves from its stored progress
// (GET /api/progress/{jobId}) plus GET /api/progress/stream, so points appear while it trains; a form that submits a
// job (POST /api/training/jobs with the operator token) and shows refusals with their reason. /training?job={id}
// opens that job's curves.
import * as charts from './charts.js';
import { authorised, call, el, live, ready, say, when } from './common.js';

const status = document.getElementById('training-status');
const tbody = document.querySelector('#jobs tbody');
const jobsEmpty = document.getElementById('jobs-empty');
const detail = document.getElementById('job-detail');
const summary = document.getElementById('job-summary');
const epochChart = document.getElementById('epoch-chart');
const batchChart = document.getElementById('batch-chart');
const result = document.getElementById('job-result');
const views = {};     // jobId -> JobView from training-service
const summaries = {}; // jobId -> {jobId, status, epoch, totalEpochs, modelId, points, timestamp}
const records = [];   // the selected job's TrainingProgress records
let selected = null;
const problems = { training: null, progress: null };

function jobIds() {
  const stamp = (id) => (views[id] && views[id].submittedAt) || (summaries[id] && summaries[id].timestamp) || '';
  return Array.from(new Set([...Object.keys(views), ...Object.keys(summaries)]))
    .sort((a, b) => stamp(b).localeCompare(stamp(a)) || a.localeCompare(b));
}

function jobStatus(id) {
  const v = views[id];
  const s = summaries[id];
  if (s && v && s.timestamp && (!v.lastProgress || s.timestamp > (v.lastProgress.timestamp || ''))) {
    return s.status;
  }
  return (v && v.status) || (s && s.status) || 'SUBMITTED';
}

function row(id) {
  const v = views[id];
  const s = summaries[id];
  const progress = s || (v && v.lastProgress) || null;
  const model = (v && v.modelId) || (s && s.modelId);
  const st = jobStatus(id);
  return el('tr', { 'data-job-id': id, 'data-status': st, class: id === selected ? 'selected' : null },
    el('th', { scope: 'row' }, el('button', { type: 'button', class: 'select-job link', 'data-job-id': id,
      'aria-pressed': id === selected ? 'true' : 'false', text: (v && v.request && v.request.modelName) || id })),
    el('td', { text: (v && v.architecture) || (v && v.request && v.request.architecture) || '–' }),
    el('td', {}, el('span', { class: 'badge job-' + st.toLowerCase(), text: st }),
      v && v.message ? el('span', { class: 'job-message', text: ' ' + v.message }) : null),
    el('td', { text: progress ? progress.epoch + ' / ' + progress.totalEpochs : '–' }),
    el('td', { text: when(v && v.submittedAt) }),
    el('td', {}, model ? el('a', { href: '/models', text: model }) : '–'));
}

function renderJobs() {
  const all = jobIds();
  tbody.replaceChildren(...all.map(row));
  jobsEmpty.hidden = all.length > 0 || Boolean(problems.training && problems.progress);
  const parts = [problems.training, problems.progress].filter(Boolean);
  say(status, parts.length ? parts.join(' · ') : all.length + ' job(s); curves update live.', parts.length ? 'error' : 'ok');
}

async function loadJobs() {
  const [training, progress] = await Promise.all([call('/api/training/jobs?limit=50'), call('/api/progress')]);
  if (training.ok && Array.isArray(training.body)) {
    training.body.forEach((v) => {
      views[v.jobId] = v;
    });
    problems.training = null;
  } else {
    problems.training = training.message + ' (only jobs with stored progress are listed)';
  }
  if (progress.ok && Array.isArray(progress.body)) {
    progress.body.forEach((s) => {
      summaries[s.jobId] = s;
    });
    problems.progress = null;
  } else {
    problems.progress = 'training progress is not available: ' + progress.message;
  }
  renderJobs();
  return progress.ok;
}

// Per epoch: the records at an epoch's end (no batch); every N batches: the mid-epoch records.
function curves() {
  const epochs = new Map();
  const batches = new Map();
  records.forEach((r) => {
    if (r.loss === null || r.loss === undefined) {
      return;
    }
    if (r.batch === null || r.batch === undefined) {
      if (r.epoch > 0) {
        epochs.set(r.epoch, { epoch: r.epoch, loss: r.loss, trainAccuracy: r.trainAccuracy ?? null,
          validationAccuracy: r.validationAccuracy ?? null });
      }
    } else {
      const step = Math.max(0, r.epoch - 1) * (r.batchesPerEpoch || 0) + r.batch;
      batches.set(step, { step, loss: r.loss });
    }
  });
  return {
    epochs: Array.from(epochs.values()).sort((a, b) => a.epoch - b.epoch),
    batches: Array.from(batches.values()).sort((a, b) => a.step - b.step),
  };
}

function drawCurves() {
  const c = curves();
  charts.draw(epochChart, charts.epochOption(c.epochs), c.epochs.length);
  charts.draw(batchChart, charts.batchOption(c.batches), c.batches.length);
  detail.dataset.records = String(records.length);
  const last = records[records.length - 1];
  if (!selected) {
    return;
  }
  if (!last) {
    say(summary, 'No progress stored for this job yet: its curves fill in once it starts training.', 'empty');
    return;
  }
  const parts = [last.status, 'epoch ' + last.epoch + ' / ' + last.totalEpochs];
  if (last.batch !== null && last.batch !== undefined) {
    parts.push('batch ' + last.batch + ' / ' + (last.batchesPerEpoch || '?'));
  }
  if (last.imagesPerSecond) {
    parts.push(Math.round(last.imagesPerSecond) + ' images/s');
  }
  if (last.etaSeconds && last.status === 'RUNNING') {
    parts.push('about ' + Math.round(last.etaSeconds) + ' s left');
  }
  if (last.modelId) {
    parts.push('model ' + last.modelId);
  }
  if (last.message) {
    parts.push(last.message);
  }
  say(summary, parts.join(' · ') + ' — ' + c.epochs.length + ' epoch point(s), ' + c.batches.length
    + ' batch point(s).', 'ok');
}

async function select(id) {
  selected = id;
  const url = new URL(window.location.href);
  url.searchParams.set('job', id);
  window.history.replaceState(null, '', url);
  detail.dataset.jobId = id;
  records.length = 0;
  document.getElementById('job-title').textContent = 'Job ' + id;
  renderJobs();
  say(summary, 'Loading its progress…', 'loading');
  const answer = await call('/api/progress/' + encodeURIComponent(id));
  if (selected !== id) {
    return;
  }
  if (!answer.ok) {
    say(summary, 'Its curves cannot be shown: ' + answer.message, 'error');
    return;
  }
  const seen = new Set(records.map(key));
  (answer.body || []).forEach((r) => {
    if (!seen.has(key(r))) {
      records.push(r);
    }
  });
  records.sort((a, b) => String(a.timestamp).localeCompare(String(b.timestamp)));
  drawCurves();
}

const key = (r) => [r.timestamp, r.status, r.epoch, r.batch].join('|');

function follow() {
  const source = live(new EventSource('/api/progress/stream'));
  source.onmessage = (event) => {
    const r = JSON.parse(event.data);
    const s = summaries[r.jobId] || { jobId: r.jobId, points: 0 };
    summaries[r.jobId] = Object.assign(s, { status: r.status, epoch: r.epoch, totalEpochs: r.totalEpochs,
      modelId: r.modelId || s.modelId, points: (s.points || 0) + 1, timestamp: r.timestamp });
    renderJobs();
    if (r.jobId === selected && !records.some((x) => key(x) === key(r))) {
      records.push(r);
      drawCurves();
    }
    if (['COMPLETED', 'FAILED', 'CANCELLED'].includes(r.status)) {
      loadJobs();
    }
  };
}

async function catalog() {
  const note = document.getElementById('catalog-status');
  const [architectures, datasets] = await Promise.all([call('/api/training/architectures'),
    call('/api/training/datasets')]);
  if (architectures.ok) {
    document.getElementById('architectures').replaceChildren(...architectures.body.map((a) => el('option',
      { value: a.name, text: a.name + ' — ' + a.description })));
  }
  if (datasets.ok) {
    document.getElementById('datasets').replaceChildren(...datasets.body.map((d) => el('option',
      { value: d.name || d.datasetId, text: (d.name || d.datasetId) + ' (' + d.datasetId + ')' })));
  }
  const names = (answer, field) => (answer.ok ? answer.body.map((x) => x[field]).join(', ') : null);
  say(note, architectures.ok && datasets.ok
    ? 'Architectures: ' + names(architectures, 'name') + '. Datasets: ' + (names(datasets, 'name') || 'none announced yet'
      + ' (ingest one, e.g. ./fmnist demo)') + '.'
    : 'The lists of architectures and datasets are not available (' + (architectures.ok ? datasets : architectures).message
      + '); type the names.', architectures.ok && datasets.ok ? 'ok' : 'error');
}

function job() {
  const value = (id) => document.getElementById(id).value.trim();
  const number = (id) => (value(id) === '' ? undefined : Number(value(id)));
  const body = {
    architecture: value('job-architecture'),
    dataset: value('job-dataset'),
    epochs: number('job-epochs'),
    batchSize: number('job-batch-size'),
    learningRate: number('job-learning-rate'),
    seed: number('job-seed'),
    modelName: value('job-name') || undefined,
  };
  Object.keys(body).forEach((k) => (body[k] === undefined || body[k] === '' ? delete body[k] : null));
  return body;
}

document.getElementById('job-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const button = document.getElementById('job-submit');
  button.disabled = true;
  say(result, 'Submitting…', 'loading');
  result.dataset.status = '';
  const answer = await call('/api/training/jobs', {
    method: 'POST',
    headers: authorised({ 'Content-Type': 'application/json' }),
    body: JSON.stringify(job()),
  });
  button.disabled = false;
  result.dataset.status = String(answer.status);
  if (answer.ok && answer.body && answer.body.jobId) {
    const id = answer.body.jobId;
    result.dataset.jobId = id;
    say(result, 'Submitted job ' + id + ': its curves below fill in as it trains.', 'ok');
    views[id] = views[id] || { jobId: id, request: answer.body.job, status: 'QUEUED',
      architecture: answer.body.job && answer.body.job.architecture, submittedAt: new Date().toISOString() };
    select(id);
    loadJobs();
  } else {
    say(result, 'Refused: ' + answer.message, 'error');
  }
});

tbody.addEventListener('click', (event) => {
  const button = event.target.closest('button.select-job');
  if (button) {
    select(button.dataset.jobId);
  }
});
window.addEventListener('resize', () => charts.resizeAll(document));

charts.draw(epochChart, charts.epochOption([]), 0);
charts.draw(batchChart, charts.batchOption([]), 0);
Promise.all([loadJobs(), catalog()])
  .then(([progressServed]) => {
    if (progressServed) {
      follow();
    } else {
      document.getElementById('connection').textContent = 'no progress stream';
    }
    const asked = new URLSearchParams(window.location.search).get('job');
    const first = asked || jobIds().find((id) => jobStatus(id) === 'RUNNING') || jobIds()[0];
    if (first) {
      return select(first);
    }
    return null;
  })
  .finally(ready);
