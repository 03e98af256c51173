// What every view shares: the header (operator token kept in sessionStorage, the live badge), a DOM helper, the
// calls to evaluation-service's API and its gateway with a message for every way they can fail, and drawing the
// 28×28 grey levels of an image into a canvas.

export const CLASSES = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag',
  'Ankle boot'];
export const TOKEN_KEY = 'fmnist.operatorToken';
export const TOKEN_HINT = 'paste an operator token in the header (get one with ./fmnist token)';

export const percent = (x) => (x === null || x === undefined ? '–' : (x * 100).toFixed(2) + ' %');
export const decimal = (x) => (x === null || x === undefined ? '–' : x.toFixed(4));
export const when = (t) => (t ? new Date(t).toLocaleString() : '–');

/** @return a new element; props are attributes ('text' sets the text), children nodes or strings (null skipped) */
export function el(tag, props, ...children) {
  const node = document.createElement(tag);
  Object.entries(props || {}).forEach(([key, value]) => {
    if (value === null || value === undefined || value === false) {
      return;
    }
    if (key === 'text') {
      node.textContent = value;
    } else {
      node.setAttribute(key, value === true ? '' : value);
    }
  });
  children.forEach((child) => {
    if (child !== null && child !== undefined) {
      node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
    }
  });
  return node;
}

/** @return the saved operator token, '' when none */
export function token() {
  try {
    return sessionStorage.getItem(TOKEN_KEY) || '';
  } catch (e) {
    return '';
  }
}

/** @return headers carrying the operator token (when one is saved) on top of `extra` */
export function authorised(extra) {
  const headers = Object.assign({}, extra || {});
  const t = token();
  if (t) {
    headers.Authorization = 'Bearer ' + t;
  }
  return headers;
}

const GATEWAYS = [['/api/training/', 'training-service'], ['/api/inference/', 'inference-service']];

/** @return the service a gateway path goes to, null for evaluation-service's own API */
export function serviceOf(path) {
  const hit = GATEWAYS.find(([prefix]) => path.startsWith(prefix));
  return hit ? hit[1] : null;
}

/**
 * Calls the API and never throws: resolves to {ok, status, body, reason, message}; `message` says for people what
 * went wrong (an upstream the gateway cannot reach, a refusal's ApiError reason, a missing token, no answer at all).
 */
export async function call(path, options) {
  const opts = options || {};
  const method = opts.method || 'GET';
  const service = serviceOf(path);
  let response;
  try {
    response = await fetch(path, opts);
  } catch (e) {
    return { ok: false, status: 0, body: null, reason: String(e.message || e),
      message: 'evaluation-service did not answer ' + method + ' ' + path + ': ' + (e.message || e) };
  }
  let body = null;
  try {
    const text = await response.text();
    body = text ? JSON.parse(text) : null;
  } catch (e) {
    body = null;
  }
  if (response.ok) {
    return { ok: true, status: response.status, body };
  }
  const reason = body && typeof body.reason === 'string' && body.reason
    ? body.reason
    : (response.status + ' ' + (response.statusText || '')).trim();
  let message;
  if (service && (response.status === 502 || response.status === 504)) {
    message = service + ' is not reachable through the gateway: ' + reason;
  } else if (service && response.status === 404 && !(body && body.reason)) {
    message = service + ' is not reachable through the gateway: ' + method + ' ' + path
      + ' answered 404 (this evaluation-service has no gateway route for it)';
  } else if (response.status === 401 || response.status === 403) {
    message = response.status + ' ' + reason + (token() ? ' (check the operator token in the header)'
      : ' — ' + TOKEN_HINT);
  } else if (!service && response.status === 404 && !(body && body.reason)) {
    message = method + ' ' + path + ' answered 404: this evaluation-service does not offer it';
  } else {
    message = response.status + ' ' + reason;
  }
  return { ok: false, status: response.status, body, reason, message };
}

/** Shows a message in a status element; `state` (ok, error, loading, …) lands in data-state for styles and tests. */
export function say(node, text, state) {
  if (node) {
    node.textContent = text;
    node.dataset.state = state || 'ok';
    node.hidden = !text;
  }
}

let reloadOnReturn = false;

/**
 * Closes an EventSource when the page is left: a page kept in the back/forward cache would otherwise hold its
 * connection, and a browser has only six per host across all its tabs (the next page's requests would wait). A page
 * shown again from that cache reloads, so its streams start afresh.
 */
export function closeOnLeave(source) {
  window.addEventListener('pagehide', () => source.close());
  if (!reloadOnReturn) {
    reloadOnReturn = true;
    window.addEventListener('pageshow', (event) => {
      if (event.persisted) {
        window.location.reload();
      }
    });
  }
  return source;
}

/** Follows an EventSource in the header's badge (and closes it when the page is left). */
export function live(source) {
  closeOnLeave(source);
  const badge = document.getElementById('connection');
  source.addEventListener('open', () => {
    badge.textContent = 'live';
    badge.className = 'connection live';
  });
  source.addEventListener('error', () => {
    badge.textContent = 'reconnecting…';
    badge.className = 'connection down';
  });
  return source;
}

/** Hides the live badge of a view that follows no stream. */
export function noStream() {
  document.getElementById('connection').hidden = true;
}

/** Marks the view's first load as done (tests wait for it). */
export function ready() {
  document.body.dataset.ready = 'yes';
}

/** @return the grey levels of a base64 string of width × height bytes, null when absent or of another size */
export function greyLevels(base64, width, height) {
  if (!base64) {
    return null;
  }
  try {
    const raw = atob(base64);
    if (raw.length !== width * height) {
      return null;
    }
    const out = new Uint8Array(raw.length);
    for (let i = 0; i < raw.length; i++) {
      out[i] = raw.charCodeAt(i);
    }
    return out;
  } catch (e) {
    return null;
  }
}

/** Draws grey levels into a canvas of the image's size (CSS scales it up, pixelated); @return whether it drew */
export function drawPixels(canvas, base64, width, height) {
  const w = width || 28;
  const h = height || 28;
  const grey = greyLevels(base64, w, h);
  if (!grey) {
    return false;
  }
  canvas.width = w;
  canvas.height = h;
  const context = canvas.getContext('2d');
  const image = context.createImageData(w, h);
  grey.forEach((g, i) => {
    image.data[i * 4] = g;
    image.data[i * 4 + 1] = g;
    image.data[i * 4 + 2] = g;
    image.data[i * 4 + 3] = 255;
  });
  context.putImageData(image, 0, 0);
  canvas.dataset.drawn = 'yes';
  return true;
}

function header() {
  const form = document.getElementById('token-form');
  if (!form) {
    return;
  }
  const input = document.getElementById('operator-token');
  const state = document.getElementById('token-state');
  const show = () => {
    state.textContent = token() ? 'token saved for this tab' : 'no token';
    state.dataset.saved = token() ? 'yes' : 'no';
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const value = input.value.trim();
    try {
      if (value) {
        sessionStorage.setItem(TOKEN_KEY, value);
      } else {
        sessionStorage.removeItem(TOKEN_KEY);
      }
    } catch (e) {
      state.textContent = 'this browser keeps no session storage: ' + e.message;
      return;
    }
    input.value = '';
    show();
  });
  document.getElementById('token-forget').addEventListener('click', () => {
    try {
      sessionStorage.removeItem(TOKEN_KEY);
    } catch (e) {
      // nothing kept
    }
    input.value = '';
    show();
  });
  show();
}

header();
