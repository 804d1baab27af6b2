'use strict';
// The imagecast sessions page: plain browser JavaScript, no build step. Data calls carry the token as
// a bearer header, so the live view reads the SSE stream with fetch() instead of EventSource.
(function () {
  const STATES = ['QUEUED', 'DISPATCHED', 'WAITING_FOR_RECEIVERS', 'TRANSFERRING', 'COMPLETED', 'PARTIAL', 'FAILED', 'CANCELLED'];
  const ENDED = new Set(['COMPLETED', 'PARTIAL', 'FAILED', 'CANCELLED']);
  const DROPPABLE = new Set(['EXPECTED', 'JOINED', 'RECEIVING']);
  const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;
  const MAC = /^[0-9A-Fa-f]{2}([:-][0-9A-Fa-f]{2}){5}$/;
  const $ = (id) => document.getElementById(id);
  const state = { cursor: null, follow: null, listTimer: null, logViewer: null, createKey: null };

  function token() {
    return sessionStorage.getItem('imagecast.token') || '';
  }

  function adoptTokenFromFragment() {
    const params = new URLSearchParams(location.hash.slice(1));
    if (params.has('token')) {
      sessionStorage.setItem('imagecast.token', params.get('token'));
      params.delete('token');
      history.replaceState(null, '', location.pathname + location.search + (params.toString() ? '#' + params : ''));
    }
  }

  function status(text, isError) {
    $('status').textContent = text;
    $('status').className = isError ? 'error' : '';
  }

  async function api(method, path, body, headers) {
    const init = { method, headers: Object.assign({ Authorization: 'Bearer ' + token() }, headers || {}) };
    if (body !== undefined) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    const response = await fetch(new URL(path, location.origin), init);
    const text = await response.text();
    if (!response.ok) {
      let detail = response.status + ' ' + response.statusText;
      try {
        const problem = JSON.parse(text);
        detail = problem.detail || problem.title || detail;
        if (Array.isArray(problem.errors) && problem.errors.length) {
          detail += ': ' + problem.errors.map((e) => e.field + ' ' + e.message).join('; ');
        }
      } catch (e) { if (text) detail = text; }
      if (response.status === 401) detail = 'not signed in: paste a token above';
      if (response.status === 403) detail = 'your token lacks the role for this (' + detail + ')';
      throw new Error(detail);
    }
    return text ? JSON.parse(text) : null;
  }

  function bytes(n) {
    if (n === null || n === undefined) return '–';
    const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
    let i = 0;
    while (n >= 1024 && i < units.length - 1) { n /= 1024; i++; }
    return (i === 0 ? n : n.toFixed(1)) + ' ' + units[i];
  }

  function percentOf(done, total) {
    return total ? Math.min(100, Math.floor((1000 * done) / total) / 10) : 0;
  }

  function bar(percent, label) {
    const outer = document.createElement('div');
    outer.className = 'bar';
    const inner = document.createElement('div');
    inner.style.width = percent + '%';
    const text = document.createElement('span');
    text.textContent = label === undefined ? percent + ' %' : label;
    outer.append(inner, text);
    return outer;
  }

  function cell(row, content) {
    const td = row.insertCell();
    if (content instanceof Node) td.append(content); else td.textContent = content === null || content === undefined ? '' : content;
    return td;
  }

  function badge(text) {
    const span = document.createElement('span');
    span.className = 'state ' + text;
    span.textContent = text;
    return span;
  }

  function show(view) {
    for (const id of ['list-view', 'session-view', 'create-view']) $(id).hidden = id !== view;
  }

  // ---- list ----
  function listParams() {
    const params = new URLSearchParams();
    for (const box of document.querySelectorAll('#states input:checked')) params.append('state', box.value);
    if ($('filter-group').value.trim()) params.set('group', $('filter-group').value.trim());
    if ($('filter-name').value.trim()) params.set('name', $('filter-name').value.trim());
    params.set('limit', '50');
    return params;
  }

  async function loadList(more) {
    const params = listParams();
    if (more && state.cursor) params.set('cursor', state.cursor);
    const page = await api('GET', '/api/v1/sessions?' + params);
    const rows = $('session-rows');
    if (!more) rows.replaceChildren();
    for (const s of page.items) {
      const row = rows.insertRow();
      row.dataset.id = s.id;
      cell(row, s.name);
      cell(row, badge(s.state));
      cell(row, s.storageGroup);
      cell(row, s.node || '');
      cell(row, s.imageDir);
      cell(row, bar(s.state === 'COMPLETED' ? 100 : percentOf(s.bytesSent, s.totalBytes)));
      cell(row, s.expectedReceivers);
      cell(row, new Date(s.createdAt).toLocaleString());
      row.addEventListener('click', () => { location.hash = 'session=' + s.id; });
    }
    state.cursor = page.nextCursor || null;
    $('more').hidden = !state.cursor;
    status(rows.rows.length === 0 ? 'No sessions match.' : 'Showing ' + rows.rows.length + ' sessions, newest first.');
  }

  function startListRefresh() {
    stopListRefresh();
    // Without a stream for the whole list, a short poll keeps states and progress current.
    state.listTimer = setInterval(() => { if (!state.cursor) loadList(false).catch((e) => status(e.message, true)); }, 5000);
  }

  function stopListRefresh() {
    if (state.listTimer) clearInterval(state.listTimer);
    state.listTimer = null;
  }

  // ---- one session ----
  function hostKey(r) {
    return r.name || r.ip || r.mac;
  }

  function renderSession(v) {
    $('s-name').textContent = v.name;
    $('s-state').replaceChildren(badge(v.state));
    $('s-reason').textContent = v.reason || '';
    const p = v.progress || {};
    const percent = v.state === 'COMPLETED' ? 100 : (p.percent || percentOf(p.bytesSent, p.totalBytes));
    $('s-bar').style.width = percent + '%';
    $('s-percent').textContent = percent + ' %  ' + bytes(p.bytesSent) + ' of ' + bytes(p.totalBytes)
      + (p.bitsPerSecond ? '  ' + (p.bitsPerSecond / 1e6).toFixed(0) + ' Mbit/s' : '');
    const facts = [
      ['group', v.storageGroup], ['node', v.node || 'not placed yet'], ['image', v.image.dir],
      ['multicast', v.dataAddress ? v.dataAddress + ' port ' + v.portBase + (v.interfaceName ? ' on ' + v.interfaceName : '') : '–'],
      ['receivers', (p.receiversJoined || 0) + ' joined, ' + (p.receiversCompleted || 0) + ' completed, '
        + (p.receiversDropped || 0) + ' dropped, ' + v.expectedReceivers + ' expected'],
      ['created', new Date(v.createdAt).toLocaleString() + (v.createdBy ? ' by ' + v.createdBy : '')],
      ['finished', v.finishedAt ? new Date(v.finishedAt).toLocaleString() : '–'],
    ];
    $('s-facts').replaceChildren(...facts.flatMap(([k, val]) => {
      const dt = document.createElement('dt'); dt.textContent = k;
      const dd = document.createElement('dd'); dd.textContent = val;
      return [dt, dd];
    }));
    $('cancel').hidden = ENDED.has(v.state);
    $('retry').hidden = !ENDED.has(v.state) || v.state === 'COMPLETED' || Boolean(v.retriedBy);
    const links = [];
    if (v.retryOf) links.push(['retry of', v.retryOf]);
    if (v.retriedBy) links.push(['retried by', v.retriedBy]);
    $('s-links').replaceChildren(...links.flatMap(([text, target]) => {
      const a = document.createElement('a');
      a.href = '#session=' + target;
      a.className = text === 'retry of' ? 'retry-of' : 'retried-by';
      a.textContent = text + ' ' + target.slice(0, 8);
      return [a, ' '];
    }));
    const hosts = $('host-rows');
    hosts.replaceChildren();
    for (const r of v.receivers || []) {
      const row = hosts.insertRow();
      row.dataset.host = hostKey(r);
      cell(row, r.name || '');
      cell(row, r.ip || '');
      cell(row, r.mac || '');
      cell(row, badge(r.state));
      cell(row, bar(r.state === 'COMPLETED' ? 100 : percentOf(r.acknowledgedBytes, p.totalBytes)));
      cell(row, r.reason || '');
      const actions = cell(row, '');
      if (!ENDED.has(v.state) && DROPPABLE.has(r.state)) {
        const drop = document.createElement('button');
        drop.type = 'button';
        drop.className = 'drop';
        drop.textContent = 'Drop';
        drop.addEventListener('click', () => dropHost(v.id, hostKey(r)));
        actions.append(drop);
      }
    }
    const files = $('file-rows');
    files.replaceChildren();
    for (const f of v.files || []) {
      const row = files.insertRow();
      cell(row, f.index + 1);
      cell(row, f.name);
      cell(row, bytes(f.bytes));
      cell(row, f.state);
    }
    if (state.logViewer) $('s-log').href = state.logViewer + '?session=' + encodeURIComponent(v.id);
  }

  function stopFollow() {
    if (state.follow) state.follow.abort();
    state.follow = null;
  }

  async function follow(id) {
    stopFollow();
    const controller = new AbortController();
    state.follow = controller;
    try {
      const response = await fetch(new URL('/api/v1/sessions/' + encodeURIComponent(id) + '/events', location.origin), {
        headers: { Authorization: 'Bearer ' + token(), Accept: 'text/event-stream' }, signal: controller.signal,
      });
      if (!response.ok) throw new Error('live progress refused: ' + response.status);
      status('Live: the page follows the session as it changes.');
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      let last = null;
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let boundary;
        while ((boundary = buffer.indexOf('\n\n')) >= 0) {
          const event = buffer.slice(0, boundary);
          buffer = buffer.slice(boundary + 2);
          const data = event.split('\n').filter((l) => l.startsWith('data:')).map((l) => l.slice(5).trimStart()).join('\n');
          if (!data) continue;
          last = JSON.parse(data);
          renderSession(last);
        }
      }
      status(last && ENDED.has(last.state) ? 'Session ended: ' + last.state + '.' : 'Live progress stream closed.');
    } catch (error) {
      if (error.name !== 'AbortError') status(error.message, true);
    }
  }

  async function openSession(id) {
    show('session-view');
    $('cancel').dataset.id = id;
    try {
      renderSession(await api('GET', '/api/v1/sessions/' + encodeURIComponent(id)));
      follow(id);
    } catch (error) {
      status(error.message, true);
    }
  }

  async function cancel() {
    const id = $('cancel').dataset.id;
    if (!confirm('Cancel this session? Receivers still running stop.')) return;
    try {
      renderSession(await api('POST', '/api/v1/sessions/' + encodeURIComponent(id) + '/cancel'));
      status('Cancel requested.');
    } catch (error) {
      status(error.message, true);
    }
  }

  async function retry() {
    const id = $('cancel').dataset.id;
    try {
      const view = await api('POST', '/api/v1/sessions/' + encodeURIComponent(id) + '/retry');
      location.hash = 'session=' + view.id;
    } catch (error) {
      status(error.message, true);
    }
  }

  async function dropHost(id, host) {
    if (!confirm('Drop ' + host + ' from this session?')) return;
    try {
      renderSession(await api('DELETE', '/api/v1/sessions/' + encodeURIComponent(id) + '/hosts/' + encodeURIComponent(host)));
      status(host + ' dropped.');
    } catch (error) {
      status(error.message, true);
    }
  }

  // ---- create ----
  function randomKey() {
    const b = crypto.getRandomValues(new Uint8Array(16));
    return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  }

  function createBody() {
    const body = { name: $('c-name').value.trim(), storageGroup: $('c-group').value.trim(), image: { dir: $('c-dir').value.trim() } };
    const files = $('c-files').value.split(/[\s,]+/).filter(Boolean);
    if (files.length) body.image.files = files;
    const hosts = $('c-hosts').value.split('\n').map((l) => l.trim()).filter(Boolean).map((h) => (
      IPV4.test(h) ? { ip: h } : MAC.test(h) ? { mac: h } : { name: h }));
    if (hosts.length) body.hosts = hosts;
    if ($('c-expected').value) body.expectedReceivers = Number($('c-expected').value);
    if ($('c-maxwait').value) body.maxWaitSeconds = Number($('c-maxwait').value);
    return body;
  }

  async function create(event) {
    event.preventDefault();
    // One key per filled-in form: a double submit replays the same session instead of making two.
    state.createKey = state.createKey || randomKey();
    try {
      const view = await api('POST', '/api/v1/sessions', createBody(), { 'Idempotency-Key': state.createKey });
      state.createKey = null;
      $('create-form').reset();
      location.hash = 'session=' + view.id;
    } catch (error) {
      status(error.message, true);
    }
  }

  // ---- routing ----
  function route() {
    adoptTokenFromFragment();
    stopFollow();
    stopListRefresh();
    const params = new URLSearchParams(location.hash.slice(1));
    if (!token()) {
      show('list-view');
      status('Paste a token to see sessions (imagecast token viewer, or the launcher\'s link).', true);
      return;
    }
    if (params.has('session')) {
      openSession(params.get('session'));
    } else if (location.hash === '#new') {
      show('create-view');
      status('');
    } else {
      show('list-view');
      loadList(false).catch((e) => status(e.message, true));
      startListRefresh();
    }
  }

  async function loadSettings() {
    try {
      const settings = await (await fetch(new URL('/ui/settings.json', location.origin))).json();
      state.logViewer = settings.logViewerUrl;
      $('nav-logs').href = state.logViewer;
    } catch (e) {
      $('nav-logs').hidden = true;
    }
  }

  function init() {
    adoptTokenFromFragment();
    $('token').value = token();
    for (const s of STATES) {
      const label = document.createElement('label');
      const box = document.createElement('input');
      box.type = 'checkbox';
      box.value = s;
      label.append(box, ' ' + s.toLowerCase().replace(/_/g, ' '));
      $('states').append(label);
    }
    $('token-form').addEventListener('submit', (event) => {
      event.preventDefault();
      sessionStorage.setItem('imagecast.token', $('token').value.trim());
      route();
    });
    $('filters').addEventListener('submit', (event) => { event.preventDefault(); loadList(false).catch((e) => status(e.message, true)); });
    $('more').addEventListener('click', () => loadList(true).catch((e) => status(e.message, true)));
    $('cancel').addEventListener('click', cancel);
    $('retry').addEventListener('click', retry);
    $('create-form').addEventListener('submit', create);
    window.addEventListener('hashchange', route);
    loadSettings().then(route);
  }

  init();
})();
