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
