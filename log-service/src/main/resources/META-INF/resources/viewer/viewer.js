'use strict';
// The imagecast log viewer: plain browser JavaScript, no build step. Every data call carries the
// viewer token as a bearer header, which is why live tail uses fetch() streaming, not EventSource.
(function () {
  const LEVEL_COLORS = { fatal: '#6a1b9a', error: '#d32f2f', warn: '#f9a825', info: '#1976d2', debug: '#78909c', trace: '#b0bec5', '': '#9e9e9e' };
  const RANGES = { '15m': 9e5, '1h': 36e5, '6h': 216e5, '24h': 864e5, '7d': 6048e5 };
  const $ = (id) => document.getElementById(id);
  const state = { cursor: null, tailAbort: null };

  function token() {
    return sessionStorage.getItem('imagecast.token') || '';
  }

  function adoptTokenFromFragment() {
    const match = /(?:^|[#&])token=([^&]+)/.exec(location.hash);
    if (match) {
      sessionStorage.setItem('imagecast.token', decodeURIComponent(match[1]));
      history.replaceState(null, '', location.pathname + location.search);
    }
  }

  function status(text, isError) {
    $('status').textContent = text;
    $('status').className = isError ? 'error' : '';
  }

  async function api(path, params) {
    const url = new URL(path, location.origin);
    for (const [key, value] of params || []) url.searchParams.append(key, value);
    const response = await fetch(url, { headers: { Authorization: 'Bearer ' + token() } });
    if (!response.ok) {
      let detail = response.status + ' ' + response.statusText;
      const body = await response.text();
      try { detail = JSON.parse(body).detail || detail; } catch (e) { if (body) detail = body; }
      if (response.status === 401) detail = 'not signed in: paste a viewer token above';
      throw new Error(detail);
    }
    return response;
  }

  function timeRange() {
    const choice = $('range').value;
    if (choice === 'custom') {
      const from = $('from').value ? new Date($('from').value) : new Date(Date.now() - 36e5);
      const to = $('to').value ? new Date($('to').value) : new Date();
      return { from, to };
    }
    const to = new Date();
    return { from: new Date(to.getTime() - RANGES[choice]), to };
  }

  function filters() {
    return {
      service: $('service').value, node: $('node').value, level: $('level').value,
      session: $('session').value.trim(), text: $('text').value, regex: $('regex').checked,
    };
  }

  function restParams(f) {
    const params = [];
    for (const key of ['service', 'node', 'level', 'session']) if (f[key]) params.push([key, f[key]]);
    if (f.text) params.push([f.regex ? 'regex' : 'contains', f.text]);
    return params;
  }

  function logqlString(value) {
    return '"' + value.replace(/\\/g, '\\\\').replace(/"/g, '\\"') + '"';
  }

  function logql(f) {
    const matchers = [];
    for (const key of ['service', 'node', 'level', 'session']) if (f[key]) matchers.push(key + '=' + logqlString(f[key]));
    let query = '{' + matchers.join(', ') + '}';
    if (f.text) query += (f.regex ? ' |~ ' : ' |= ') + logqlString(f.text);
    return query;
  }

  function formatTime(iso) {
    const d = new Date(iso);
    const pad = (n, w) => String(n).padStart(w || 2, '0');
    return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()) + ' ' + pad(d.getHours()) + ':' +
      pad(d.getMinutes()) + ':' + pad(d.getSeconds()) + '.' + pad(d.getMilliseconds(), 3);
  }

  function cell(row, text, className) {
    const td = row.insertCell();
    td.textContent = text || '';
    if (className) td.className = className;
    return td;
  }

  function renderLine(line, prepend) {
    const row = document.createElement('tr');
    row.className = 'level-' + line.level + (prepend ? ' fresh' : '');
    row.dataset.id = line.id;
    cell(row, formatTime(line.timestamp));
    cell(row, line.level);
    cell(row, line.service);
    cell(row, line.node);
    const sessionCell = row.insertCell();
    if (line.sessionId) {
      const link = document.createElement('a');
      link.href = '#session=' + encodeURIComponent(line.sessionId);
      link.className = 'session-link';
      link.textContent = line.sessionId;
      link.addEventListener('click', (event) => { event.preventDefault(); selectSession(line.sessionId); });
      sessionCell.appendChild(link);
    }
    const message = cell(row, line.message, 'message');
    if (line.exception) {
      const details = document.createElement('details');
      const summary = document.createElement('summary');
      summary.textContent = line.exception.split('\n')[0];
      const pre = document.createElement('pre');
      pre.textContent = line.exception;
      details.append(summary, pre);
      message.appendChild(details);
    }
    const rows = $('rows');
    if (prepend) rows.insertBefore(row, rows.firstChild); else rows.appendChild(row);
  }

  async function loadLines(more) {
    const f = filters();
    const { from, to } = timeRange();
    const params = restParams(f);
    params.push(['from', from.toISOString()], ['to', to.toISOString()], ['limit', '200']);
    if (more && state.cursor) params.push(['cursor', state.cursor]);
    const page = await (await api('/api/v1/logs', params)).json();
    if (!more) $('rows').replaceChildren();
    page.lines.forEach((line) => renderLine(line, false));
    state.cursor = page.nextCursor;
    $('older').hidden = !page.nextCursor;
    return page.lines.length;
  }

  async function loadHistogram() {
    const f = filters();
    const { from, to } = timeRange();
    const span = to.getTime() - from.getTime();
    const stepSeconds = Math.max(1, Math.round(span / 60 / 1000));
    const query = 'sum by (level) (count_over_time(' + logql(f) + ' [' + stepSeconds + 's]))';
    const body = await (await api('/loki/api/v1/query_range', [
      ['query', query], ['start', String(from.getTime() * 1e6)], ['end', String(to.getTime() * 1e6)], ['step', stepSeconds + 's'],
    ])).json();
    drawHistogram(body.data.result, from.getTime() / 1000, to.getTime() / 1000, stepSeconds);
  }

  function drawHistogram(result, start, end, step) {
    const svg = $('histogram');
    svg.replaceChildren();
    const buckets = Math.max(1, Math.ceil((end - start) / step));
    const stacks = new Array(buckets + 1).fill(0);
    const bars = [];
    const order = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', ''];
    result.sort((a, b) => order.indexOf(a.metric.level || '') - order.indexOf(b.metric.level || ''));
    for (const series of result) {
      for (const [t, v] of series.values) {
        const index = Math.min(buckets, Math.max(0, Math.round((t - start) / step)));
        bars.push({ index, level: series.metric.level || '', base: stacks[index], value: Number(v) });
        stacks[index] += Number(v);
      }
    }
    const max = Math.max(1, ...stacks);
    svg.setAttribute('viewBox', '0 0 ' + (buckets + 1) + ' 100');
    const ns = 'http://www.w3.org/2000/svg';
    for (const bar of bars) {
      const rect = document.createElementNS(ns, 'rect');
      rect.setAttribute('x', bar.index + 0.05);
      rect.setAttribute('width', 0.9);
      rect.setAttribute('y', 100 - ((bar.base + bar.value) / max) * 100);
      rect.setAttribute('height', (bar.value / max) * 100);
      rect.setAttribute('fill', LEVEL_COLORS[bar.level] || LEVEL_COLORS['']);
      rect.setAttribute('class', 'bar level-' + (bar.level || 'none'));
      const title = document.createElementNS(ns, 'title');
      title.textContent = (bar.level || 'no level') + ': ' + bar.value;
      rect.appendChild(title);
      svg.appendChild(rect);
    }
    $('legend').replaceChildren(...result.map((series) => {
      const span = document.createElement('span');
      const swatch = document.createElement('i');
      swatch.style.background = LEVEL_COLORS[series.metric.level || ''] || LEVEL_COLORS[''];
      const total = series.values.reduce((sum, [, v]) => sum + Number(v), 0);
      span.append(swatch, (series.metric.level || 'no level') + ' ' + total);
      return span;
    }));
  }

  async function loadLabelValues() {
    const { from, to } = timeRange();
    for (const name of ['service', 'node', 'level']) {
      const select = $(name);
      const current = select.value;
      const body = await (await api('/loki/api/v1/label/' + name + '/values', [
        ['start', String(from.getTime() * 1e6)], ['end', String(to.getTime() * 1e6)],
      ])).json();
      select.replaceChildren(new Option('any', ''), ...body.data.map((value) => new Option(value, value)));
      select.value = body.data.includes(current) ? current : '';
    }
  }

  async function refresh() {
    if (!token()) {
      status('Paste a viewer token to see logs (imagecast token viewer, or the launcher\'s link).', true);
      return;
    }
    status('Loading…');
    try {
      const [count] = await Promise.all([loadLines(false), loadHistogram()]);
      status(count === 0 ? 'No lines match.' : 'Showing ' + $('rows').rows.length + ' lines, newest first.');
    } catch (error) {
      status(error.message, true);
    }
    const session = $('session').value.trim();
    $('session-bar').hidden = !session;
    $('session-name').textContent = session;
    if ($('tail').checked) startTail();
  }

  function selectSession(sessionId) {
    $('session').value = sessionId;
    refresh();
  }

  function stopTail() {
    if (state.tailAbort) state.tailAbort.abort();
    state.tailAbort = null;
  }

  async function startTail() {
    stopTail();
    const controller = new AbortController();
    state.tailAbort = controller;
    const url = new URL('/api/v1/logs/tail', location.origin);
    for (const [key, value] of restParams(filters())) url.searchParams.append(key, value);
    try {
      const response = await fetch(url, {
        headers: { Authorization: 'Bearer ' + token(), Accept: 'text/event-stream' }, signal: controller.signal,
      });
      if (!response.ok) throw new Error('live tail refused: ' + response.status);
      status('Live tail on: new lines appear at the top.');
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let boundary;
        while ((boundary = buffer.indexOf('\n\n')) >= 0) {
          const event = buffer.slice(0, boundary);
          buffer = buffer.slice(boundary + 2);
          const fields = event.split('\n');
          const name = (fields.find((l) => l.startsWith('event:')) || 'event:message').slice(6).trim();
          const data = fields.filter((l) => l.startsWith('data:')).map((l) => l.slice(5).trimStart()).join('\n');
          if (!data) continue;
          if (name === 'missed') {
            const gap = JSON.parse(data);
            status('Live tail: ' + gap.missed + ' lines stamped ' + gap.from + ' to ' + gap.to
              + ' came too fast to show; search that range to see them.', true);
          } else {
            renderLine(JSON.parse(data), true);
          }
        }
      }
    } catch (error) {
      if (error.name !== 'AbortError') status(error.message, true);
    }
  }

  async function downloadSessionLog() {
    const session = $('session').value.trim();
    try {
      const response = await api('/api/v1/sessions/' + encodeURIComponent(session) + '/log');
      const blob = await response.blob();
      const link = document.createElement('a');
      link.href = URL.createObjectURL(blob);
      link.download = 'multicast.log.' + session;
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 10000);
    } catch (error) {
      status(error.message, true);
    }
  }

  function init() {
    adoptTokenFromFragment();
    // Links from the sessions page open the viewer on one session: /viewer/?session=<id>.
    const linked = new URLSearchParams(location.search).get('session');
    if (linked) $('session').value = linked;
    $('token').value = token();
    $('token-form').addEventListener('submit', (event) => {
      event.preventDefault();
      sessionStorage.setItem('imagecast.token', $('token').value.trim());
      loadLabelValues().catch((error) => status(error.message, true));
      refresh();
    });
    $('filters').addEventListener('submit', (event) => { event.preventDefault(); refresh(); });
    $('range').addEventListener('change', () => {
      document.body.classList.toggle('custom-range', $('range').value === 'custom');
    });
    $('tail').addEventListener('change', () => { if ($('tail').checked) startTail(); else { stopTail(); status('Live tail off.'); } });
    $('older').addEventListener('click', () => loadLines(true).catch((error) => status(error.message, true)));
    $('download').addEventListener('click', downloadSessionLog);
    $('clear-session').addEventListener('click', () => { $('session').value = ''; refresh(); });
    if (token()) loadLabelValues().catch((error) => status(error.message, true));
    refresh();
  }

  init();
})();
