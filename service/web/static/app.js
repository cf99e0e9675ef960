'use strict';
// storywatch live page: loads JSON from the worker's API and follows its SSE stream.
// Alert and article text comes from scraped news and may contain HTML, so every piece of
// server data enters the DOM as text (text nodes, setAttribute), never as markup.

const MAX_ALERTS = 500; // the feed keeps at most this many alerts in memory
const TYPE_LABELS = {
  'storywatch.story.new': 'new story',
  'storywatch.event.new': 'new event',
  'storywatch.event.status_changed': 'status change',
  'storywatch.statement.new': 'statement',
  'storywatch.sentiment.shift': 'tone shift',
};
const SEVERITIES = ['info', 'low', 'medium', 'high'];
const SVG_NS = 'http://www.w3.org/2000/svg';

const state = {
  alerts: [], // newest first
  seen: new Set(), // ids of held alerts: delivery is at-least-once, so repeats are dropped
  liveCount: 0, // alerts received over the stream so far (see loadAlerts)
  streamOpened: false, // after the first open, a re-open means we may have missed alerts
  route: { view: 'feed' },
  storyToken: 0, // lets a story response that arrives after navigating away be ignored
  timers: {},
};

// ---- Helpers that tolerate any missing or mistyped field ----
const $ = (id) => document.getElementById(id);
const isObj = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const obj = (v) => (isObj(v) ? v : {});
const arr = (v) => (Array.isArray(v) ? v : []);
const str = (v) => (v === null || v === undefined ? '' : String(v));
const num = (v) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const names = (v) => arr(v).map(str).filter(Boolean);

// Builds an element. Children that are not nodes become text nodes, so data is never parsed.
function el(tag, attrs, ...children) {
  return build(document.createElement(tag), attrs, children);
}
function svg(tag, attrs, ...children) {
  return build(document.createElementNS(SVG_NS, tag), attrs, children);
}
function build(node, attrs, children) {
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (/^on/i.test(key) || key === 'style') continue; // no handlers or inline styles (CSP)
    node.setAttribute(key, String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

// Only http(s) links are followed; anything else (javascript:, data:) is shown as nothing.
function safeUrl(value) {
  const url = str(value).trim();
  return /^https?:\/\//i.test(url) ? url : null;
}
const storyHref = (id) => '#/stories/' + encodeURIComponent(id);
const severityClass = (sev) => (SEVERITIES.includes(sev) ? sev : 'unknown');
const typeLabel = (type) => TYPE_LABELS[type] || str(type).replace(/^storywatch\./, '') || 'alert';
const typeClass = (type) =>
  TYPE_LABELS[type] ? 'type-' + type.replace(/^storywatch\./, '').replace(/[._]/g, '-') : 'type-other';
const plural = (n, word) => (num(n) === null ? `? ${word}s` : `${n} ${word}${n === 1 ? '' : 's'}`);

// Times are shown in UTC: news times from many countries read best on one clock.
function fmtTime(iso) {
  const date = new Date(str(iso));
  if (!iso || Number.isNaN(date.getTime())) return str(iso);
  return date.toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
}
const timeEl = (iso) => el('time', { class: 'time', datetime: str(iso) || null }, fmtTime(iso) || '—');

// Resolves to {ok, status, body} and never rejects, so callers need no try/catch.
async function getJSON(url) {
  try {
    const res = await fetch(url, { headers: { Accept: 'application/json' } });
    let body = null;
    try {
      body = await res.json();
    } catch (_) {
      body = null; // an empty or non-JSON body counts as no data
    }
    return { ok: res.ok, status: res.status, body: obj(body) };
  } catch (_) {
    return { ok: false, status: 0, body: { error: 'Cannot reach the server.' } };
  }
}
const failure = (res, what) =>
  str(res.body.error) || `Could not load ${what} (${res.status ? 'HTTP ' + res.status : 'offline'}).`;

function showNotice(id, text) {
  const node = $(id);
  node.textContent = text;
  node.hidden = !text;
}

// ---- Pieces shared by the feed, the stories list and the story timeline ----
function badges(type, severity) {
  return [
    el('span', { class: `badge type ${typeClass(type)}` }, typeLabel(type)),
    el('span', { class: `badge severity sev-${severityClass(severity)}` }, str(severity) || 'unknown'),
  ];
}

function evidence(item, tag) {
  const ev = obj(item);
  const sentence = str(ev.sentence);
  const source = str(ev.source);
  const url = safeUrl(ev.url);
  if (!sentence && !source && !url) return null;
  return el(tag, { class: 'evidence' },
    sentence ? el('q', { class: 'sentence' }, sentence) : null,
    source || url ? el('span', { class: 'source' }, ' — ', source || 'source') : null,
    url ? [' ', el('a', { class: 'source-link', href: url, rel: 'noopener noreferrer', target: '_blank' }, 'article ↗')] : null);
}

function alertAttrs(alert, kind) {
  const sev = str(obj(alert.data).severity);
  return {
    class: `${kind} severity-${severityClass(sev)}`,
    'data-alert-id': str(alert.id),
    'data-type': str(alert.type),
    'data-severity': sev,
  };
}

// ---- Feed ----
function alertItem(alert) {
  const data = obj(alert.data);
  const story = obj(data.story);
  const storyId = str(alert.subject || story.id);
  const title = str(story.title) || storyId;
  return el('li', alertAttrs(alert, 'alert'),
    el('div', { class: 'alert-head' },
      timeEl(alert.time), badges(alert.type, data.severity),
      title && storyId ? el('a', { class: 'story-link', href: storyHref(storyId) }, title) : null),
    el('p', { class: 'summary' }, str(data.summary)),
    evidence(arr(data.evidence)[0], 'p'));
}

function matchesFilter(alert) {
  const type = $('filter-type').value;
  const severity = $('filter-severity').value;
  return (!type || alert.type === type) && (!severity || obj(alert.data).severity === severity);
}

function renderFeed() {
  $('feed').replaceChildren(...state.alerts.filter(matchesFilter).map(alertItem));
  updateFeedNotice();
}

function updateFeedNotice() {
  if ($('feed').children.length) return showNotice('feed-notice', '');
  showNotice('feed-notice', state.alerts.length
    ? 'No alerts match these filters.'
    : 'No alerts yet. They appear here as soon as the worker raises them.');
}

// Adds alerts that are not held yet, in the given order; returns how many were added.
function hold(list, into) {
  let added = 0;
  for (const alert of list) {
    if (!isObj(alert)) continue;
    const id = str(alert.id);
    if (id && state.seen.has(id)) continue;
    if (id) state.seen.add(id);
    into.push(alert);
    added += 1;
  }
  return added;
}

// Drops the oldest alerts beyond MAX_ALERTS; returns the dropped ones.
function trim() {
  const dropped = state.alerts.splice(MAX_ALERTS);
  for (const alert of dropped) state.seen.delete(str(alert.id));
  return dropped;
}

async function loadAlerts() {
  const before = state.liveCount;
  const res = await getJSON('/api/alerts?limit=200');
  if (!res.ok) return showNotice('feed-notice', failure(res, 'alerts'));
  // Alerts that came over the stream during the request are the newest: keep them on top.
  const arrived = state.alerts.slice(0, state.liveCount - before);
  const merged = [];
  state.seen.clear();
  hold([...arrived, ...arr(res.body.alerts), ...state.alerts], merged);
  state.alerts = merged;
  trim();
  renderFeed();
}

function onLiveAlert(alert) {
  if (!isObj(alert)) return;
  if (!hold([alert], [])) return; // a repeat of an alert already shown
  state.alerts.unshift(alert);
  state.liveCount += 1;
  const feed = $('feed');
  if (matchesFilter(alert)) feed.prepend(alertItem(alert));
  for (const gone of trim()) {
    // The dropped alert is the oldest, so if it is shown it is the feed's last item.
    const last = feed.lastElementChild;
    if (last && last.getAttribute('data-alert-id') === str(gone.id)) last.remove();
  }
  updateFeedNotice();
  // Keep the other views current; refreshes are debounced as alerts come in bursts.
  const subject = str(alert.subject || obj(obj(alert.data).story).id);
  if (state.route.view === 'stories') scheduleRefresh('stories');
  if (state.route.view === 'story' && state.route.id === subject) scheduleRefresh('story');
}

// ---- Counters ----
function renderCounters(counters) {
  const c = obj(counters);
  const articles = obj(c.articles);
  const values = {
    processed: articles.processed, duplicate: articles.duplicate, invalid: articles.invalid,
    alerts: c.alerts, stories: c.stories, dlq: c.dlq,
  };
  for (const node of document.querySelectorAll('[data-counter]')) {
    const value = num(values[node.getAttribute('data-counter')]);
    if (value === null) continue; // keep the last known number
    node.textContent = String(value);
    // Dead letters need a person's attention, so a non-zero count stands out.
    if (node.getAttribute('data-counter') === 'dlq') node.parentElement.classList.toggle('warn', value > 0);
  }
}

async function loadCounters() {
  const res = await getJSON('/api/counters');
  if (res.ok) renderCounters(res.body);
}

// ---- Stories list ----
function storyItem(story) {
  const id = str(story.id);
  const latest = obj(story.latest);
  const actors = names(story.actors);
  return el('li', { class: 'story', 'data-story-id': id },
    id ? el('a', { class: 'story-title', href: storyHref(id) }, str(story.title) || id)
      : el('span', { class: 'story-title' }, str(story.title) || 'untitled story'),
    el('div', { class: 'meta' },
      actors.length ? el('span', { class: 'actors' }, actors.join(', ')) : null,
      el('span', { class: 'sources' }, plural(story.sources, 'source')),
      el('span', { class: 'alerts-count' }, plural(story.alerts, 'alert')),
      el('span', { class: 'last-seen' }, 'last seen ', timeEl(story.last_seen))),
    latest.summary || latest.type
      ? el('p', { class: 'latest' }, badges(latest.type, latest.severity), ' ', str(latest.summary))
      : null);
}

async function loadStories() {
  const res = await getJSON('/api/stories');
  if (state.route.view !== 'stories') return;
  if (!res.ok) return showNotice('stories-notice', failure(res, 'stories'));
  const stories = arr(res.body.stories).filter(isObj);
  $('stories').replaceChildren(...stories.map(storyItem));
  showNotice('stories-notice', stories.length ? '' : 'No stories yet.');
}

// ---- Story view ----
async function loadStory(id, fresh) {
  const token = ++state.storyToken;
  if (fresh) {
    // A newly opened story starts blank rather than showing the previous one.
    $('story-title').textContent = 'Loading…';
    $('story-body').hidden = true;
    showNotice('story-error', '');
  }
  const res = await getJSON('/api/stories/' + encodeURIComponent(id));
  if (token !== state.storyToken || state.route.view !== 'story') return;
  if (!res.ok) {
    $('story-title').textContent = 'Story';
    $('story-body').hidden = true;
    return showNotice('story-error', failure(res, 'the story'));
  }
  renderStory(res.body, id);
}

function renderStory(body, id) {
  const story = obj(body.story);
  const title = str(story.title) || id;
  $('story-title').textContent = title;
  document.title = `${title} · storywatch`;
  showNotice('story-error', '');
  $('story-body').hidden = false;

  const meta = [
    ['Actors', names(story.actors).join(', ') || '—'],
    ['First seen', timeEl(story.first_seen)],
    ['Last seen', timeEl(story.last_seen)],
    ['Sources', [plural(story.sources, 'source'), names(story.outlets).length ? ` (${names(story.outlets).join(', ')})` : '']],
  ];
  $('story-meta').replaceChildren(...meta.map(([k, v]) => el('div', {}, el('dt', {}, k), el('dd', {}, v))));

  drawChart($('sentiment-chart'), body.sentiment);

  const developments = arr(body.developments).filter(isObj);
  $('timeline').replaceChildren(...(developments.length
    ? developments.map(developmentItem)
    : [el('li', { class: 'empty' }, 'No developments yet.')]));

  const events = arr(body.events).filter(isObj);
  $('events').tBodies[0].replaceChildren(...(events.length
    ? events.map(eventRow)
    : [el('tr', { class: 'empty' }, el('td', { colspan: 6 }, 'No events recorded yet.'))]));
}

function developmentItem(alert) {
  const data = obj(alert.data);
  const proofs = arr(data.evidence).map((ev) => evidence(ev, 'li')).filter(Boolean);
  return el('li', alertAttrs(alert, 'development'),
    el('div', { class: 'alert-head' }, timeEl(alert.time), badges(alert.type, data.severity)),
    el('p', { class: 'summary' }, str(data.summary)),
    proofs.length ? el('ul', { class: 'evidence-list' }, proofs) : null);
}

function eventRow(event) {
  const history = arr(event.history).map((h) => str(obj(h).status)).filter(Boolean);
  const targets = names(event.targets);
  const status = str(event.status);
  return el('tr', { class: 'event' },
    el('td', { class: 'event-type' }, str(event.type) || '—'),
    el('td', {}, el('span', { class: 'status' }, status || '—')),
    el('td', {}, names(event.actors).join(', ') || '—', targets.length ? ` → ${targets.join(', ')}` : ''),
    el('td', {}, str(event.when) || '—'),
    el('td', {}, str(event.location) || '—'),
    el('td', { class: 'history' }, (history.length ? history : [status || '—']).join(' → ')));
}

// Line chart of article tone and the story's baseline over time, in a fixed viewBox that
// CSS scales to the page width. Colours and strokes come from classes in app.css.
function drawChart(chart, sentiment) {
  const W = 720, H = 260, left = 48, right = 110, top = 16, bottom = 36;
  const plotW = W - left - right, plotH = H - top - bottom;
  const points = arr(sentiment).filter(isObj)
    .map((p) => ({ t: Date.parse(str(p.at)), at: str(p.at), a: num(p.article), b: num(p.baseline) }))
    .filter((p) => Number.isFinite(p.t))
    .sort((p, q) => p.t - q.t);
  const articles = points.filter((p) => p.a !== null);
  chart.setAttribute('viewBox', `0 0 ${W} ${H}`);
  if (articles.length < 2) {
    chart.replaceChildren(svg('text', { class: 'chart-empty', x: W / 2, y: H / 2, 'text-anchor': 'middle' },
      'not enough reports yet'));
    return;
  }
  const t0 = points[0].t, t1 = points[points.length - 1].t;
  // Same-instant reports are spread evenly rather than stacked on one x.
  points.forEach((p, i) => {
    p.x = left + (t1 > t0 ? (p.t - t0) / (t1 - t0) : i / (points.length - 1)) * plotW;
  });
  const y = (v) => top + ((1 - Math.max(-1, Math.min(1, v))) / 2) * plotH;
  const line = (list, key) => list.map((p) => `${p.x.toFixed(1)},${y(p[key]).toFixed(1)}`).join(' ');
  const dayLong = t1 - t0 > 2 * 86400e3; // long spans label dates, short ones times
  const xLabel = (p) => {
    const iso = new Date(p.t).toISOString();
    return dayLong ? iso.slice(0, 10) : iso.slice(5, 16).replace('T', ' ');
  };

  const parts = [];
  for (const v of [-1, -0.5, 0, 0.5, 1]) {
    parts.push(svg('line', { class: v === 0 ? 'zero' : 'grid', x1: left, x2: left + plotW, y1: y(v), y2: y(v) }));
    parts.push(svg('text', { class: 'tick', x: left - 6, y: y(v) + 4, 'text-anchor': 'end' }, v > 0 ? `+${v}` : String(v)));
  }
  const ticks = points.length > 2 ? [points[0], points[Math.floor(points.length / 2)], points[points.length - 1]]
    : [points[0], points[points.length - 1]];
  ticks.forEach((p, i) => parts.push(svg('text', {
    class: 'tick', x: p.x, y: H - bottom + 18,
    'text-anchor': i === 0 ? 'start' : i === ticks.length - 1 ? 'end' : 'middle',
  }, xLabel(p))));
  parts.push(svg('text', { class: 'axis-title', x: 12, y: top + plotH / 2, 'text-anchor': 'middle',
    transform: `rotate(-90 12 ${top + plotH / 2})` }, 'tone'));
  parts.push(svg('text', { class: 'axis-title', x: left + plotW / 2, y: H - 2, 'text-anchor': 'middle' }, 'time (UTC)'));

  const baselines = points.filter((p) => p.b !== null);
  if (baselines.length) parts.push(svg('polyline', { class: 'series-baseline', points: line(baselines, 'b') }));
  parts.push(svg('polyline', { class: 'series-article', points: line(articles, 'a') }));
  for (const p of articles) {
    parts.push(svg('circle', { class: 'point-article', cx: p.x.toFixed(1), cy: y(p.a).toFixed(1), r: 3.5 },
      svg('title', {}, `${fmtTime(p.at)}: ${p.a.toFixed(2)}`)));
  }
  // Legend, right of the plot.
  const legend = [['series-article', 'article'], ...(baselines.length ? [['series-baseline', 'baseline']] : [])];
  legend.forEach(([cls, label], i) => {
    const ly = top + 10 + i * 20;
    parts.push(svg('line', { class: cls, x1: W - right + 12, x2: W - right + 36, y1: ly, y2: ly }));
    parts.push(svg('text', { class: 'legend', x: W - right + 42, y: ly + 4 }, label));
  });
  chart.replaceChildren(...parts);
}

// ---- Routing: #/ feed, #/stories list, #/stories/<id> one story ----
function parseRoute() {
  const hash = location.hash.replace(/^#\/?/, '');
  if (hash === 'stories' || hash === 'stories/') return { view: 'stories' };
  if (hash.startsWith('stories/')) {
    let id = hash.slice('stories/'.length);
    try {
      id = decodeURIComponent(id);
    } catch (_) {
      // a malformed escape: use the id as written
    }
    return { view: 'story', id };
  }
  return { view: 'feed' };
}

function route() {
  state.route = parseRoute();
  const view = state.route.view;
  for (const name of ['feed', 'stories', 'story']) $(`${name}-view`).hidden = view !== name;
  for (const link of document.querySelectorAll('[data-route]')) {
    const current = link.getAttribute('data-route') === (view === 'story' ? 'stories' : view);
    if (current) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  if (view !== 'story') document.title = 'storywatch';
  if (view === 'stories') loadStories();
  if (view === 'story') loadStory(state.route.id, true);
}

function scheduleRefresh(what) {
  clearTimeout(state.timers[what]);
  state.timers[what] = setTimeout(() => {
    if (what === 'stories' && state.route.view === 'stories') loadStories();
    if (what === 'story' && state.route.view === 'story') loadStory(state.route.id, false);
  }, 300);
}

// ---- Live stream ----
function setConnection(live) {
  const node = $('connection');
  node.textContent = live ? 'live' : 'reconnecting…';
  node.className = `connection ${live ? 'live' : 'down'}`;
}

// One malformed message must not stop the page from handling the next ones.
function safely(handler) {
  return (event) => {
    try {
      let payload = null;
      try {
        payload = JSON.parse(event.data);
      } catch (_) {
        return; // not JSON: ignore
      }
      handler(payload);
    } catch (err) {
      console.warn('storywatch: could not handle a stream message', err);
    }
  };
}

function connect() {
  if (typeof EventSource !== 'function') return setConnection(false);
  const stream = new EventSource('/api/stream');
  stream.onopen = () => {
    setConnection(true);
    // After a drop, fetch what was missed; dedupe by id keeps repeats out.
    if (state.streamOpened) {
      loadAlerts();
      loadCounters();
    }
    state.streamOpened = true;
  };
  stream.onerror = () => {
    setConnection(false);
    // EventSource retries by itself, except when the server refused the stream outright.
    if (stream.readyState === EventSource.CLOSED) {
      stream.close();
      setTimeout(connect, 5000);
    }
  };
  stream.addEventListener('alert', safely(onLiveAlert));
  stream.addEventListener('counters', safely(renderCounters));
}

function init() {
  $('filter-type').addEventListener('change', renderFeed);
  $('filter-severity').addEventListener('change', renderFeed);
  window.addEventListener('hashchange', route);
  route();
  loadCounters();
  loadAlerts();
  connect();
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
else init();
