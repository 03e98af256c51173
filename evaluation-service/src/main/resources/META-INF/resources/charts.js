// The charts of a model's panel, drawn with Apache ECharts: the global `echarts` of
// /webjars/echarts/5.3.1/dist/echarts.min.js (the org.webjars.npm:echarts jar, served from the classpath).
// - per class: precision, recall and F1 of the latest evaluation as grouped bars;
// - over time: accuracy and macro-F1 of the model's stored snapshots (GET /api/evaluations/{id}/history) plus every
//   evaluation the stream delivers since, as lines.

const COLOURS = ['#9fb3c8', '#3e8ed0', '#0b4f8a'];
const LINE_COLOURS = ['#0b7a4b', '#c65d00'];

/** @return the ECharts option of the per-class bars of one Evaluation */
export function perClassOption(e) {
  const metric = (name) => e.perClass.map((c) => (c[name] === null || c[name] === undefined ? null : c[name]));
  return {
    animation: false,
    color: COLOURS,
    tooltip: { trigger: 'axis', valueFormatter: (v) => (v === null || v === undefined ? '–' : v.toFixed(4)) },
    legend: { top: 0 },
    grid: { left: 36, right: 8, top: 28, bottom: 64 },
    xAxis: { type: 'category', data: e.perClass.map((c) => c.className), axisLabel: { rotate: 40, interval: 0 } },
    yAxis: { type: 'value', min: 0, max: 1 },
    series: [
      { name: 'Precision', type: 'bar', data: metric('precision') },
      { name: 'Recall', type: 'bar', data: metric('recall') },
      { name: 'F1', type: 'bar', data: metric('f1') },
    ],
  };
}

/** @return the ECharts option of the accuracy and macro-F1 lines of a model's snapshots, oldest first */
export function historyOption(points) {
  return {
    animation: false,
    color: LINE_COLOURS,
    tooltip: { trigger: 'axis', valueFormatter: (v) => (v === null || v === undefined ? '–' : v.toFixed(4)) },
    legend: { top: 0 },
    grid: { left: 36, right: 12, top: 28, bottom: 40 },
    xAxis: {
      type: 'category',
      data: points.map((p) => p.timestamp),
      axisLabel: { formatter: (t) => new Date(t).toLocaleTimeString() },
    },
    yAxis: { type: 'value', min: 0, max: 1 },
    series: [
      { name: 'Accuracy', type: 'line', showSymbol: true, data: points.map((p) => p.accuracy) },
      { name: 'Macro-F1', type: 'line', showSymbol: true, data: points.map((p) => p.macroF1) },
    ],
  };
}

function chart(container, option) {
  const existing = echarts.getInstanceByDom(container);
  const instance = existing || echarts.init(container, null, { renderer: 'canvas' });
  instance.setOption(option, { notMerge: true });
  return instance;
}

/** Draws (or redraws) the per-class bars of a panel's section. */
export function drawPerClass(section, e) {
  const container = section.querySelector('.per-class-chart');
  if (container) {
    chart(container, perClassOption(e));
  }
}

/** Draws (or redraws) the history lines of a panel's section; `loaded` says whether the stored snapshots are in. */
export function drawHistory(section, points, loaded) {
  const container = section.querySelector('.history-chart');
  const note = section.querySelector('.history-note');
  if (!container) {
    return;
  }
  chart(container, historyOption(points));
  if (note) {
    note.textContent = !loaded
      ? 'Loading the stored snapshots…'
      : points.length < 2
        ? 'One snapshot so far: each evaluation the service emits adds a point (publish more labelled predictions).'
        : points.length + ' snapshots, oldest first.';
  }
}

/** Releases the charts of a section that leaves the page. */
export function dispose(section) {
  section.querySelectorAll('.chart').forEach((c) => {
    const instance = echarts.getInstanceByDom(c);
    if (instance) {
      instance.dispose();
    }
  });
}

/** Fits every chart of the page to its container. */
export function resizeAll(root) {
  root.querySelectorAll('.chart').forEach((c) => {
    const instance = echarts.getInstanceByDom(c);
    if (instance) {
      instance.resize();
    }
  });
}

// The other views' charts: the same library, one option builder each; `draw` (re)draws a chart into its container
// and records how many points it holds in the container's data-points (tests and end-to-end checks read it).

/** Draws (or redraws) `option` into `container`; @return the ECharts instance, null when ECharts did not load */
export function draw(container, option, points) {
  if (!container || typeof echarts === 'undefined') {
    return null;
  }
  const instance = chart(container, option);
  container.dataset.points = String(points === undefined ? 0 : points);
  return instance;
}

/** @return the option of ten class probabilities as bars, the predicted class highlighted */
export function probabilityOption(classes, probabilities, predicted, compact) {
  return {
    animation: false,
    tooltip: { trigger: 'axis', valueFormatter: (v) => (v === null || v === undefined ? '–' : v.toFixed(4)) },
    grid: compact ? { left: 4, right: 4, top: 4, bottom: 4 } : { left: 40, right: 12, top: 12, bottom: 70 },
    xAxis: { type: 'category', data: classes, axisLabel: compact ? { show: false } : { rotate: 40, interval: 0 },
      axisTick: { show: !compact } },
    yAxis: { type: 'value', min: 0, max: 1, show: !compact },
    series: [{
      name: 'Probability',
      type: 'bar',
      data: probabilities.map((p, i) => ({ value: p, itemStyle: { color: i === predicted ? '#c65d00' : '#3e8ed0' } })),
    }],
  };
}

/** @return the option of per-class F1 differences (B − A) as bars, green up, red down */
export function deltaOption(classes, deltas) {
  return {
    animation: false,
    tooltip: { trigger: 'axis', valueFormatter: (v) => (v === null || v === undefined ? '–' : v.toFixed(4)) },
    grid: { left: 48, right: 8, top: 16, bottom: 64 },
    xAxis: { type: 'category', data: classes, axisLabel: { rotate: 40, interval: 0 } },
    yAxis: { type: 'value' },
    series: [{
      name: 'F1 B − A',
      type: 'bar',
      data: deltas.map((d) => ({ value: d, itemStyle: { color: d === null || d >= 0 ? '#0b7a4b' : '#c0392b' } })),
    }],
  };
}

/** @return the option of a heatmap of row-share differences (B − A, in percentage points) of two matrices */
export function differenceOption(classes, cells, limit) {
  const max = Math.max(1, limit);
  return {
    animation: false,
    tooltip: {
      formatter: (p) => classes[p.value[1]] + ' → ' + classes[p.value[0]] + ': '
        + (p.value[2] >= 0 ? '+' : '') + p.value[2].toFixed(1) + ' points',
    },
    grid: { left: 90, right: 12, top: 12, bottom: 110 },
    xAxis: { type: 'category', data: classes, name: 'predicted', nameLocation: 'middle', nameGap: 92,
      axisLabel: { rotate: 50, interval: 0 }, splitArea: { show: true } },
    yAxis: { type: 'category', data: classes, inverse: true, axisLabel: { interval: 0 }, splitArea: { show: true } },
    visualMap: { min: -max, max: max, calculable: false, orient: 'horizontal', left: 'center', bottom: 0,
      itemHeight: 120, inRange: { color: ['#c0392b', '#f7f7f7', '#0b7a4b'] } },
    series: [{ name: 'B − A', type: 'heatmap', data: cells,
      label: { show: true, fontSize: 9, formatter: (p) => (Math.abs(p.value[2]) < 0.05 ? '' : p.value[2].toFixed(1)) } }],
  };
}

/** @return the option of per-epoch curves: loss (right axis) and training / validation accuracy (left axis) */
export function epochOption(points) {
  return {
    animation: false,
    color: ['#c65d00', '#3e8ed0', '#0b7a4b'],
    tooltip: { trigger: 'axis', valueFormatter: (v) => (v === null || v === undefined ? '–' : v.toFixed(4)) },
    legend: { top: 0 },
    grid: { left: 40, right: 48, top: 28, bottom: 36 },
    xAxis: { type: 'category', name: 'epoch', nameLocation: 'middle', nameGap: 24, data: points.map((p) => p.epoch) },
    yAxis: [{ type: 'value', min: 0, max: 1, name: 'accuracy' }, { type: 'value', name: 'loss', scale: true }],
    series: [
      { name: 'Loss', type: 'line', yAxisIndex: 1, showSymbol: true, data: points.map((p) => p.loss) },
      { name: 'Train accuracy', type: 'line', showSymbol: true, data: points.map((p) => p.trainAccuracy) },
      { name: 'Validation accuracy', type: 'line', showSymbol: true, data: points.map((p) => p.validationAccuracy) },
    ],
  };
}

/** @return the option of the loss every N batches, x = batches done since the start */
export function batchOption(points) {
  return {
    animation: false,
    color: ['#c65d00'],
    tooltip: { trigger: 'axis', valueFormatter: (v) => (v === null || v === undefined ? '–' : v.toFixed(4)) },
    legend: { top: 0 },
    grid: { left: 48, right: 12, top: 28, bottom: 36 },
    xAxis: { type: 'category', name: 'batch', nameLocation: 'middle', nameGap: 24, data: points.map((p) => p.step) },
    yAxis: { type: 'value', scale: true },
    series: [{ name: 'Loss', type: 'line', showSymbol: points.length < 60, data: points.map((p) => p.loss) }],
  };
}
