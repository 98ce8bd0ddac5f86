// The sandbox console: polls GET /state every second and acts only through the control API
// (the same calls as curl and the drill CLI). Plain browser JavaScript, no build step, no dependencies.

const POLL_MS = 1000;
const TRAFFIC_EVERY_MS = 200;

const MILESTONES = [
  ['start', 'Started'],
  ['inverted', 'Check inverted'],
  ['unhealthy', 'Detected'],
  ['moved', 'Traffic moved'],
  ['restoreRequested', 'Restore requested'],
  ['restored', 'Restored'],
  ['back', 'Back to normal'],
];

const $ = (id) => document.getElementById(id);

/** Creates an element; `props` are properties (className, textContent, ...) or attributes (data-*, aria-*). */
function h(tag, props = {}, children = []) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key.includes('-')) node.setAttribute(key, value);
    else node[key] = value;
  }
  for (const child of children) node.append(child);
  return node;
}

const seconds = (ms) => (ms === null || ms === undefined ? '–' : `${(ms / 1000).toFixed(1)} s`);
const offset = (ms) => `+${(ms / 1000).toFixed(1)} s`;
const clock = (iso) => new Date(iso).toLocaleTimeString([], { hour12: false });

/** Sets text only when it changed, so screen readers and selections are not disturbed every second. */
function setText(node, text) {
  if (node.textContent !== text) node.textContent = text;
}

let previous = null;
const pending = new Set();
const cards = new Map();

// ---- actions: each one is a control API call -------------------------------------------------------

async function call(method, path, body) {
  const res = await fetch(path, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  const json = text ? JSON.parse(text) : null;
  if (!res.ok) throw new Error(json?.detail ?? `${method} ${path} answered ${res.status}`);
  return json;
}

async function act(key, label, method, path, body) {
  if (pending.has(key)) return;
  pending.add(key);
  showError('');
  announce(`${label}…`);
  refreshButtons();
  try {
    await call(method, path, body);
    announce(`${label}: done.`);
  } catch (e) {
    showError(`${label} failed: ${e.message}`);
  } finally {
    pending.delete(key);
    await poll();
  }
}

function announce(text) {
  setText($('announce'), `${new Date().toLocaleTimeString([], { hour12: false })} ${text}`);
}

function showError(text) {
  const node = $('error');
  node.hidden = text === '';
  setText(node, text);
}

// ---- regions ----------------------------------------------------------------------------------------

/** Builds a region's card once; later polls only update its text, so focus stays on its buttons. */
function regionCard(region) {
  const slug = region.replace(/[^a-z0-9-]/gi, '');
  const button = (action) =>
    h('button', { type: 'button', className: 'action', 'data-action': action, 'data-region': region });
  const card = {
    root: h('article', { className: 'region', 'aria-labelledby': `region-${slug}` }),
    title: h('h3', { id: `region-${slug}` }, [region]),
    serving: h('span', { className: 'tag serving' }),
    api: h('dd'),
    table: h('dd'),
    check: h('dd'),
    flags: h('dd'),
    route: h('dd'),
    rps: h('dd'),
    errors: h('dd'),
    replicationIn: h('dd'),
    itemRoutes: h('dd'),
    routingHealth: h('dd'),
    results: h('ol', { className: 'results', 'aria-label': `Last health checks of ${region}, oldest first` }),
    buttons: {
      api: button('api'),
      table: button('table'),
      invert: button('invert'),
      disable: button('disable'),
    },
    chaos: {
      percentage: h('input', {
        type: 'number',
        min: '1',
        max: '100',
        step: '1',
        value: '100',
        id: `percent-${slug}`,
        className: 'number',
      }),
      delay: h('input', {
        type: 'number',
        min: '1',
        max: '900000',
        step: '100',
        value: '3000',
        id: `delay-${slug}`,
        className: 'number',
      }),
      buttons: {
        replication: button('replication'),
        errors: button('errors'),
        latency: button('latency'),
        clear: button('clear-faults'),
      },
    },
  };
  const row = (term, value) => [h('dt', { textContent: term }), value];
  card.root.append(
    h('header', { className: 'region-head' }, [card.title, card.serving]),
    h('dl', { className: 'facts' }, [
      ...row('API', card.api),
      ...row('Table', card.table),
      ...row('Health check', card.check),
      ...row('Check settings', card.flags),
      ...row('Routing', card.route),
      ...row('Requests', card.rps),
      ...row('Error rate', card.errors),
      ...row('Replication', card.replicationIn),
      ...row('Item routes', card.itemRoutes),
      ...row('Routing health', card.routingHealth),
    ]),
    h('p', { className: 'results-label', textContent: 'Last checks (oldest first):', 'aria-hidden': 'true' }),
    card.results,
    h('div', { className: 'buttons' }, Object.values(card.buttons)),
    h('fieldset', { className: 'chaos' }, [
      h('legend', { textContent: `Chaos scenarios in ${region}` }),
      h('div', { className: 'chaos-inputs' }, [
        h('label', { htmlFor: card.chaos.percentage.id, textContent: 'Invocations hit (%)' }),
        card.chaos.percentage,
        h('label', { htmlFor: card.chaos.delay.id, textContent: 'Delay (ms)' }),
        card.chaos.delay,
      ]),
      h('div', { className: 'buttons' }, Object.values(card.chaos.buttons)),
    ]),
  );
  for (const b of [...Object.values(card.buttons), ...Object.values(card.chaos.buttons)])
    b.addEventListener('click', () => onRegionButton(region, b));
  card.chaos.percentage.addEventListener('input', () => refreshButtons());
  return card;
}

function onRegionButton(region, button) {
  const r = previous?.regions?.[region];
  if (!r) return;
  const enc = encodeURIComponent(region);
  const hc = r.healthCheck;
  switch (button.dataset.action) {
    case 'api':
      if (r.up) act(`api ${region}`, `Stopping the API of ${region}`, 'POST', `/regions/${enc}/stop`);
      else act(`api ${region}`, `Starting the API of ${region}`, 'POST', `/regions/${enc}/start`);
      break;
    case 'table':
      if (r.tableUp)
        act(`table ${region}`, `Failing the table of ${region}`, 'POST', `/regions/${enc}/table/fail`);
      else
        act(`table ${region}`, `Restoring the table of ${region}`, 'POST', `/regions/${enc}/table/restore`);
      break;
    case 'invert':
      act(
        `invert ${region}`,
        `${hc.inverted ? 'Un-inverting' : 'Inverting'} the health check of ${region}`,
        'PUT',
        `/health-checks/${enc}`,
        {
          inverted: !hc.inverted,
        },
      );
      break;
    case 'replication':
      if (r.replicationPaused)
        act(
          `replication ${region}`,
          `Resuming replication of ${region}'s replica`,
          'POST',
          `/regions/${enc}/replication/resume`,
        );
      else
        act(
          `replication ${region}`,
          `Pausing replication of ${region}'s replica`,
          'POST',
          `/regions/${enc}/replication/pause`,
        );
      break;
    case 'errors':
    case 'latency': {
      const card = cards.get(region);
      const invocationPercentage = Number(card.chaos.percentage.value);
      const faults = { ...(r.functionFaults ?? {}) };
      if (button.dataset.action === 'errors') faults.errors = { invocationPercentage };
      else
        faults.latency = { invocationPercentage, startupDelayMilliseconds: Number(card.chaos.delay.value) };
      act(
        `faults ${region}`,
        `Impairing the item routes of ${region}`,
        'PUT',
        `/regions/${enc}/function-faults`,
        faults,
      );
      break;
    }
    case 'clear-faults':
      act(
        `faults ${region}`,
        `Clearing the item-route faults of ${region}`,
        'DELETE',
        `/regions/${enc}/function-faults`,
      );
      break;
    case 'disable':
      act(
        `disable ${region}`,
        `${hc.disabled ? 'Enabling' : 'Disabling'} the health check of ${region}`,
        'PUT',
        `/health-checks/${enc}`,
        {
          disabled: !hc.disabled,
        },
      );
      break;
  }
}

function status(node, ok, okText, badText) {
  setText(node, `${ok ? '✓' : '✕'} ${ok ? okText : badText}`);
  node.dataset.state = ok ? 'ok' : 'bad';
}

function renderRegion(card, region, r, state) {
  const serving = state.routing.serving === region;
  setText(card.serving, serving ? '➜ Serving traffic' : 'Not serving');
  card.serving.dataset.state = serving ? 'on' : 'off';
  card.root.dataset.serving = String(serving);
  status(card.api, r.up, 'Up', 'Down (connections refused)');
  status(card.table, r.tableUp, 'Up', 'Failing');
  const hc = r.healthCheck;
  status(card.check, hc.healthy, 'Healthy', 'Unhealthy');
  const flags = [hc.inverted && 'inverted', hc.disabled && 'disabled (counts as healthy)'].filter(Boolean);
  setText(
    card.flags,
    `${flags.length ? `⚠ ${flags.join(', ')}` : 'normal'}; every ${hc.intervalSeconds} s, threshold ${hc.failureThreshold}`,
  );
  card.flags.dataset.state = flags.length ? 'warn' : 'ok';
  const { mode, latencyMs, primaryRegion } = state.routing;
  const order = state.regions ? Object.keys(state.regions) : [];
  const role =
    region === primaryRegion
      ? 'primary'
      : order.indexOf(region) === (order.indexOf(primaryRegion) + 1) % order.length
        ? 'secondary'
        : 'standby';
  setText(card.route, mode === 'failover' ? `failover ${role}` : `latency ${latencyMs[region] ?? '?'} ms`);
  const t = r.traffic;
  setText(card.rps, t ? `${t.requestsPerSecond.toFixed(1)} req/s (${t.requests} in total)` : 'not counted');
  if (t && t.errorRate !== null) {
    const pct = (t.errorRate * 100).toFixed(t.errorRate > 0 && t.errorRate < 0.01 ? 1 : 0);
    status(card.errors, t.errorRate === 0, `${pct} %`, `${pct} % of requests failed`);
  } else {
    setText(card.errors, 'no requests');
    card.errors.dataset.state = 'none';
  }
  renderResults(card.results, hc.lastResults);
  const b = card.buttons;
  setButton(b.api, `api ${region}`, r.up ? 'Stop API' : 'Start API', region);
  setButton(b.table, `table ${region}`, r.tableUp ? 'Fail table' : 'Restore table', region);
  setButton(b.invert, `invert ${region}`, hc.inverted ? 'Un-invert check' : 'Invert check', region);
  setButton(b.disable, `disable ${region}`, hc.disabled ? 'Enable check' : 'Disable check', region);
  b.api.dataset.kind = r.up ? 'break' : 'fix';
  b.table.dataset.kind = r.tableUp ? 'break' : 'fix';
  b.invert.dataset.kind = hc.inverted ? 'fix' : 'break';
  b.disable.dataset.kind = hc.disabled ? 'fix' : 'break';
  renderChaos(card, region, r);
}

/** The chaos scenarios' state and buttons; hidden when the sandbox cannot inject these faults. */
function renderChaos(card, region, r) {
  const supported = r.replicationPaused !== undefined;
  card.root.querySelector('fieldset.chaos').hidden = !supported;
  if (!supported) return;
  const paused = r.replicationPaused;
  setText(card.replicationIn, paused ? '⚠ Paused to and from this region: writes queue up' : 'Running');
  card.replicationIn.dataset.state = paused ? 'warn' : 'ok';
  const f = r.functionFaults;
  setText(card.itemRoutes, f ? `⚠ ${describeFaults(f)}` : 'Normal');
  card.itemRoutes.dataset.state = f ? 'warn' : 'ok';
  // The calculated check, when routing follows the item-route alarm too (config healthCheck.itemRouteAlarm).
  const rh = r.routingHealth;
  if (rh) {
    const alarm = rh.children.itemRouteAlarm;
    const health = rh.children.health.healthy ? '/health ✓' : '/health ✕';
    status(
      card.routingHealth,
      rh.healthy,
      `Healthy (${health}, item-route alarm ${alarm.state})`,
      `Unhealthy (${health}, item-route alarm ${alarm.state}: ${alarm.reason})`,
    );
  } else {
    setText(card.routingHealth, '/health check only');
    card.routingHealth.dataset.state = 'none';
  }
  const c = card.chaos.buttons;
  const pct = card.chaos.percentage.value || '?';
  setButton(
    c.replication,
    `replication ${region}`,
    paused ? 'Resume replication' : 'Pause replication',
    region,
  );
  c.replication.dataset.kind = paused ? 'fix' : 'break';
  setButton(c.errors, `faults ${region}`, `Fail ${pct} % of item routes`, region);
  c.errors.dataset.kind = 'break';
  setButton(c.latency, `faults ${region}`, `Slow ${pct} % of item routes`, region);
  c.latency.dataset.kind = 'break';
  setButton(c.clear, `faults ${region}`, 'Clear item-route faults', region);
  c.clear.dataset.kind = 'fix';
  c.clear.hidden = !f;
}

/** The same words as the timeline: "50 % of invocations fail; 100 % start 3000 ms late". */
function describeFaults(f) {
  const parts = [];
  if (f.errors) parts.push(`${f.errors.invocationPercentage} % of invocations fail`);
  if (f.latency)
    parts.push(`${f.latency.invocationPercentage} % start ${f.latency.startupDelayMilliseconds} ms late`);
  return parts.join('; ');
}

function setButton(button, key, text, region) {
  setText(button, text);
  const label = `${text} of ${region}`;
  if (button.getAttribute('aria-label') !== label) button.setAttribute('aria-label', label);
  const busy = pending.has(key);
  button.setAttribute('aria-busy', String(busy));
  button.setAttribute('aria-disabled', String(busy));
}

function renderResults(list, results) {
  const items = results.map((r) => {
    const what = r.ok ? 'passed' : 'failed';
    const answer = r.status === null ? 'no answer' : `HTTP ${r.status}`;
    return { text: r.ok ? '✓' : '✕', label: `${clock(r.at)} ${what} (${answer})`, ok: r.ok };
  });
  const key = items.map((i) => i.label).join('|');
  if (list.dataset.key === key) return;
  list.dataset.key = key;
  list.replaceChildren(
    ...items.map((i) =>
      h('li', { className: i.ok ? 'ok' : 'bad', title: i.label }, [
        h('span', { 'aria-hidden': 'true', textContent: i.text }),
        h('span', { className: 'visually-hidden', textContent: i.label }),
      ]),
    ),
  );
  if (items.length === 0) list.append(h('li', { className: 'none', textContent: 'none yet' }));
}

function refreshButtons() {
  if (previous)
    for (const [region, card] of cards) renderRegion(card, region, previous.regions[region], previous);
}

// ---- routing, replication, timeline, drill ---------------------------------------------------------

function renderRouting(state) {
  const { routing } = state;
  setText($('serving'), routing.serving ?? 'nowhere');
  setText($('routing-reason'), routing.reason ?? '');
  setText(
    $('routing-mode'),
    routing.mode === 'failover'
      ? `failover (primary ${routing.primaryRegion})`
      : 'latency (lowest latency among healthy regions)',
  );
}

function renderReplication(state) {
  const rows = Object.entries(state.replication).map(([pair, p]) =>
    h('tr', {}, [
      h('th', { scope: 'row', textContent: pair.replace('->', ' → ') }),
      h('td', { textContent: String(p.pending), 'data-state': p.pending > 0 ? 'warn' : 'ok' }),
      h('td', { textContent: `${p.lagMs} ms` }),
    ]),
  );
  const body = $('replication');
  const key = JSON.stringify(state.replication);
  if (body.dataset.key === key) return;
  body.dataset.key = key;
  body.replaceChildren(...rows);
}

function renderTimeline(timeline) {
  const root = $('timeline');
  const key = JSON.stringify(timeline);
  if (root.dataset.key === key) return;
  root.dataset.key = key;
  if (!timeline) return;
  const cause = { fault: 'Fault', drill: 'Drill', observed: 'Observed failure' }[timeline.cause];
  const open = timeline.endedAt === null;
  const startLabel = { fault: 'Fault injected', drill: 'Drill started', observed: 'First failed check' }[
    timeline.cause
  ];
  const steps = MILESTONES.filter(([m]) => m !== 'inverted' || timeline.milestones.inverted).map(
    ([m, name]) => {
      const label = m === 'start' ? startLabel : name;
      const point = timeline.milestones[m];
      return h('li', { className: point ? 'reached' : 'waiting' }, [
        h('span', { className: 'mark', 'aria-hidden': 'true', textContent: point ? '●' : '○' }),
        h('span', { className: 'step-label', textContent: label }),
        h('span', {
          className: 'step-time',
          textContent: point ? offset(point.offsetMs) : open ? 'waiting' : 'not reached',
        }),
      ]);
    },
  );
  const d = timeline.durations;
  root.replaceChildren(
    h('p', { className: 'incident-title' }, [
      h('strong', { textContent: `${cause}: ${timeline.title}` }),
      ` — started ${clock(timeline.startedAt)}, ${open ? 'in progress' : `over at ${clock(timeline.endedAt)}`}`,
    ]),
    h('ol', { className: 'steps', 'aria-label': 'Milestones' }, steps),
    h('dl', { className: 'durations' }, [
      h('dt', { textContent: 'Time to detect' }),
      h('dd', { textContent: seconds(d.detectMs) }),
      h('dt', { textContent: 'Time to move traffic' }),
      h('dd', { textContent: seconds(d.failoverMs) }),
      h('dt', { textContent: 'Time to fail back' }),
      h('dd', { textContent: seconds(d.failbackMs) }),
    ]),
    h('h3', { textContent: 'Events' }),
    h(
      'ol',
      { className: 'events' },
      timeline.events.map((e) =>
        h('li', { 'data-kind': e.kind }, [
          h('span', { className: 'event-time', textContent: offset(e.offsetMs) }),
          ` ${e.text}`,
        ]),
      ),
    ),
  );
}

function renderDrill(state) {
  const drill = state.drill ?? null;
  const select = $('drill-region');
  const regions = Object.keys(state.regions);
  if (select.options.length !== regions.length) {
    select.replaceChildren(...regions.map((r) => h('option', { value: r, textContent: r })));
    select.value = state.routing.serving ?? regions[0];
  }
  const running = drill?.status === 'running';
  $('drill-run').disabled = running;
  $('drill-cancel').disabled = !running;
  const root = $('drill');
  if (!drillLog.isConnected) root.after(drillLog);
  const key = JSON.stringify(drill);
  if (root.dataset.key === key) return;
  root.dataset.key = key;
  if (!drill) {
    root.replaceChildren(h('p', { className: 'empty', textContent: 'No drill has run yet.' }));
    return;
  }
  const words = { running: '… Running', passed: '✓ Passed', failed: '✕ Failed', cancelled: '✕ Cancelled' };
  const children = [
    h('p', { className: 'drill-status', 'data-state': drill.status }, [
      h('strong', { textContent: words[drill.status] }),
      ` drill of ${drill.region}, started ${clock(drill.startedAt)}`,
    ]),
  ];
  if (drill.error) children.push(h('p', { className: 'drill-error', textContent: drill.error }));
  const report = drill.report;
  if (report) {
    const e = report.expectedSeconds;
    const rows = [
      ['Time to detect', seconds(report.durations.detectMs), `~${e.detectSeconds} s`],
      ['Time to fail over', seconds(report.durations.failoverMs), `~${e.failoverSeconds} s`],
      [
        'Time to fail back',
        seconds(report.durations.failbackMs),
        `~${e.restoreSeconds + e.failbackSeconds} s`,
      ],
      ['Probes failed', `${report.probes.failed} of ${report.probes.total}`, '0'],
      ['Traffic went to', report.failoverRegion ?? '–', 'another region'],
      [
        'Data check (RPO)',
        report.dataCheck
          ? report.dataCheck.found
            ? `found in ${report.dataCheck.readFrom}`
            : 'not found'
          : 'not run',
        'found',
      ],
    ];
    children.push(
      h('table', { className: 'report' }, [
        h('caption', {
          textContent:
            'Measured by the drill; expected times follow the config (interval × threshold), not a faster sandbox',
        }),
        h('thead', {}, [
          h(
            'tr',
            {},
            ['Measure', 'Measured', 'Expected'].map((t) => h('th', { scope: 'col', textContent: t })),
          ),
        ]),
        h(
          'tbody',
          {},
          rows.map(([a, b, c]) =>
            h('tr', {}, [
              h('th', { scope: 'row', textContent: a }),
              h('td', { textContent: b }),
              h('td', { textContent: c }),
            ]),
          ),
        ),
      ]),
    );
  }
  root.replaceChildren(...children);
  // The log is kept and updated in place, so a keyboard user reading it does not lose focus every second.
  const pre = drillLog.querySelector('pre');
  if (drillLog.dataset.id !== String(drill.id)) {
    drillLog.dataset.id = String(drill.id);
    drillLog.open = running;
  }
  setText(pre, drill.log.join('\n'));
  pre.scrollTop = pre.scrollHeight;
  drillLog.hidden = false;
}

const drillLog = h('details', { className: 'drill-log', hidden: true }, [
  h('summary', { textContent: 'Drill log' }),
  h('pre', { className: 'log', tabIndex: 0 }),
]);

// ---- announcements of what changed ------------------------------------------------------------------

function changes(before, now) {
  if (!before) return [];
  const out = [];
  if (before.routing.serving !== now.routing.serving)
    out.push(`Traffic now goes to ${now.routing.serving ?? 'nowhere'}.`);
  for (const [region, r] of Object.entries(now.regions)) {
    const b = before.regions[region];
    if (!b) continue;
    if (b.up !== r.up) out.push(`${region} API is ${r.up ? 'up' : 'down'}.`);
    if (b.tableUp !== r.tableUp) out.push(`${region} table is ${r.tableUp ? 'up' : 'failing'}.`);
    if (b.replicationPaused !== r.replicationPaused && r.replicationPaused !== undefined)
      out.push(`Replication of ${region}'s replica is ${r.replicationPaused ? 'paused' : 'resumed'}.`);
    if (JSON.stringify(b.functionFaults ?? null) !== JSON.stringify(r.functionFaults ?? null))
      out.push(`${region} item routes: ${r.functionFaults ? describeFaults(r.functionFaults) : 'normal'}.`);
    if (b.healthCheck.healthy !== r.healthCheck.healthy) {
      out.push(`${region} health check is ${r.healthCheck.healthy ? 'healthy' : 'unhealthy'}.`);
    }
  }
  const bd = before.drill;
  const nd = now.drill;
  if (nd && (bd?.id !== nd.id || bd.status !== nd.status)) out.push(`Drill of ${nd.region}: ${nd.status}.`);
  return out;
}

// ---- polling ----------------------------------------------------------------------------------------

let polling = null;

async function poll() {
  polling ??= (async () => {
    try {
      const res = await fetch('/state', { cache: 'no-store' });
      if (!res.ok) throw new Error(`GET /state answered ${res.status}`);
      render(await res.json());
      const conn = $('connection');
      conn.dataset.state = 'live';
      setText(conn, `● Live, updated ${new Date().toLocaleTimeString([], { hour12: false })}`);
    } catch (e) {
      const conn = $('connection');
      conn.dataset.state = 'lost';
      setText(conn, `✕ Cannot reach the sandbox (${e.message}). Is npm start running?`);
    } finally {
      polling = null;
    }
  })();
  return polling;
}

function render(state) {
  const news = changes(previous, state);
  previous = state;
  const container = $('regions');
  for (const region of Object.keys(state.regions)) {
    if (!cards.has(region)) {
      const card = regionCard(region);
      cards.set(region, card);
      container.append(card.root);
    }
  }
  const first = Object.values(state.regions)[0];
  if (first) setText($('threshold'), String(first.healthCheck.failureThreshold));
  refreshButtons();
  renderRouting(state);
  renderReplication(state);
  renderTimeline(state.timeline ?? null);
  renderDrill(state);
  if (news.length > 0) announce(news.join(' '));
  else if (!document.body.dataset.ready) announce('Connected; the page updates every second.');
  document.body.dataset.ready = 'true';
}

function loop() {
  poll().finally(() => setTimeout(loop, POLL_MS));
}

// ---- drill and test traffic -------------------------------------------------------------------------

$('drill-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const region = $('drill-region').value;
  act('drill', `Starting a drill of ${region}`, 'POST', '/drills', {
    region,
    dataCheck: $('drill-data-check').checked,
  });
});
$('drill-cancel').addEventListener('click', () =>
  act('drill-cancel', 'Cancelling the drill', 'DELETE', '/drills/current'),
);

let trafficTimer = null;
let routerUrl = null;
$('test-traffic').addEventListener('change', async (event) => {
  clearInterval(trafficTimer);
  trafficTimer = null;
  if (!event.target.checked) {
    announce('Test traffic stopped.');
    return;
  }
  try {
    routerUrl ??= (await call('GET', '/endpoints.json')).router;
  } catch (e) {
    showError(`Cannot find the router: ${e.message}`);
    event.target.checked = false;
    return;
  }
  // no-cors: the page only needs the request to be made; the router counts it, the page reads /state.
  const send = () => fetch(`${routerUrl}/health`, { mode: 'no-cors', cache: 'no-store' }).catch(() => {});
  trafficTimer = setInterval(send, TRAFFIC_EVERY_MS);
  announce('Sending test traffic through the router.');
});

loop();
