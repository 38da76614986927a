// AI services admin page. Plain DOM, no framework, no CDN. Credentials live in this closure only (never in
// storage or cookies) and go out as an explicit Authorization header; fetch omits ambient credentials, so the page
// cannot be used for cross-site request forgery against the stateless API. All data is rendered with textContent.
(function () {
  'use strict';

  const API = '/api/v1/config/ai-services';
  let auth = null;
  let tenant = '';
  let services = [];
  let editing = null;

  const $ = (id) => document.getElementById(id);

  const el = SwitchboardAdmin.el;
  const api = SwitchboardAdmin.client(() => auth);

  function query() {
    return tenant ? '?tenantId=' + encodeURIComponent(tenant) : '';
  }

  function describe(problem, status) {
    if (status === 401) return 'Wrong user name or password.';
    if (status === 403) return 'You may not configure AI services (tenant administrators and administrators only).';
    if (problem && problem.errors && problem.errors.length) {
      return problem.errors.map((e) => e.field + ': ' + e.message).join('; ');
    }
    return (problem && (problem.detail || problem.title)) || ('Request failed (' + status + ')');
  }

  async function signIn(event) {
    event.preventDefault();
    auth = 'Basic ' + btoa(unescape(encodeURIComponent($('user').value + ':' + $('password').value)));
    tenant = $('tenant').value.trim();
    $('password').value = '';
    $('signin-error').textContent = '';
    const ok = await load();
    if (!ok) auth = null;
  }

  function signOut() {
    auth = null;
    services = [];
    $('rows').replaceChildren();
    $('services').hidden = true;
    $('editor').hidden = true;
    $('signin').hidden = false;
  }

  async function load() {
    const r = await api('GET', API + query());
    if (r.status !== 200) {
      $('signin-error').textContent = describe(r.json, r.status);
      $('status').textContent = describe(r.json, r.status);
      return false;
    }
    tenant = r.json.tenantId;
    services = r.json.services;
    $('tenant-name').textContent = r.json.tenantId;
    $('sector').textContent = r.json.sector ? '(' + r.json.sector + ')' : '';
    $('signin').hidden = true;
    $('services').hidden = false;
    render();
    return true;
  }

  function providerLine(p) {
    const state = p.available ? el('span', { class: 'ok' }, 'available')
      : el('span', { class: 'down' }, 'unavailable: ' + (p.reason || 'unknown'));
    const extras = [];
    if (p.version) extras.push('v' + p.version);
    if (p.external) extras.push('external');
    if (p.circuit && p.circuit !== 'CLOSED') extras.push('circuit ' + p.circuit.toLowerCase());
    return el('div', { class: 'provider', 'data-provider': p.id },
      (p.position + 1) + '. ', el('strong', {}, p.id), extras.length ? ' (' + extras.join(', ') + ') ' : ' ', state);
  }

  function quotaText(s) {
    const u = s.usage;
    const per = s.quota.period === 'MONTH' ? 'this month' : 'today';
    const used = u.requests + (s.quota.limit ? ' / ' + s.quota.limit : '') + ' requests ' + per;
    return [used, el('br'), el('span', { class: 'muted' },
      u.providerCalls + ' provider calls, ' + u.cacheHits + ' from cache; resets ' + new Date(u.resetsAt).toISOString())];
  }

  function render() {
    $('rows').replaceChildren(...services.map((s) => {
      const toggle = el('button', {
        type: 'button', class: 'switch', role: 'switch', 'aria-checked': String(s.enabled),
        'aria-label': 'Switch ' + s.id + (s.enabled ? ' off' : ' on'), 'data-toggle': s.id,
        onclick: () => toggleService(s, toggle)
      }, s.enabled ? 'On' : 'Off');
      return el('tr', { 'data-service': s.id },
        el('td', {}, el('strong', {}, s.id), s.customised ? '' : el('div', { class: 'muted' }, 'defaults')),
        el('td', {}, toggle),
        el('td', {}, s.providers.length ? s.providers.map(providerLine) : el('span', { class: 'down' }, 'no provider')),
        el('td', {}, s.redaction ? 'on' : 'off'),
        el('td', {}, quotaText(s)),
        el('td', {}, el('button', { type: 'button', 'data-edit': s.id, onclick: () => edit(s) }, 'Configure')));
    }));
  }

  async function toggleService(s, button) {
    button.disabled = true;
    const r = await api('PUT', API + '/' + encodeURIComponent(s.id) + '/toggle' + query(), { enabled: !s.enabled });
    button.disabled = false;
    if (r.status !== 200) {
      $('status').textContent = describe(r.json, r.status);
      return;
    }
    replace(r.json);
    $('status').textContent = s.id + ' is now ' + (r.json.enabled ? 'on' : 'off') + '.';
  }

  function replace(updated) {
    services = services.map((x) => (x.id === updated.id ? updated : x));
    render();
  }

  function lines(map) {
    return Object.entries(map || {}).map(([k, v]) => k + '=' + v).join('\n');
  }

  function parseLines(text) {
    const map = {};
    text.split('\n').map((l) => l.trim()).filter((l) => l).forEach((l) => {
      const i = l.indexOf('=');
      if (i > 0) map[l.substring(0, i).trim()] = l.substring(i + 1).trim();
      else map[l] = '';
    });
    return map;
  }

  function edit(s) {
    editing = { id: s.id, version: s.version, installed: s.installedProviders,
      chain: s.providers.map((p) => ({ id: p.id, settings: lines(p.settings), secretRefs: lines(p.secretRefs) })) };
    $('editor-title').textContent = 'Configure ' + s.id;
    $('redaction').checked = s.redaction;
    $('quota-limit').value = s.quota.limit == null ? '' : s.quota.limit;
    $('quota-period').value = s.quota.period;
    $('editor-errors').replaceChildren();
    renderChain();
    $('editor').hidden = false;
    $('editor').scrollIntoView();
  }

  function renderChain() {
    const chain = editing.chain;
    $('chain').replaceChildren(...chain.map((p, i) => {
      const settings = el('textarea', { 'aria-label': p.id + ' settings' });
      settings.value = p.settings;
      settings.addEventListener('input', () => { p.settings = settings.value; });
      const secrets = el('textarea', { 'aria-label': p.id + ' secret references' });
      secrets.value = p.secretRefs;
      secrets.addEventListener('input', () => { p.secretRefs = secrets.value; });
      const move = (d) => { const j = i + d; [chain[i], chain[j]] = [chain[j], chain[i]]; renderChain(); };
      return el('li', { 'data-chain': p.id }, el('strong', {}, p.id), ' ',
        el('button', { type: 'button', onclick: () => move(-1), ...(i === 0 ? { disabled: '' } : {}) }, 'Up'), ' ',
        el('button', { type: 'button', onclick: () => move(1), ...(i === chain.length - 1 ? { disabled: '' } : {}) },
          'Down'), ' ',
        el('button', { type: 'button', onclick: () => { chain.splice(i, 1); renderChain(); } }, 'Remove'),
        el('label', {}, 'Settings', settings), el('label', {}, 'Secret references (environment variable names)', secrets));
    }));
    const inChain = new Set(chain.map((p) => p.id));
    $('add-provider').replaceChildren(...editing.installed.filter((id) => !inChain.has(id))
      .map((id) => el('option', { value: id }, id)));
  }

  function addProvider() {
    const id = $('add-provider').value;
    if (id) {
      editing.chain.push({ id, settings: '', secretRefs: '' });
      renderChain();
    }
  }

  async function save() {
    const limit = $('quota-limit').value.trim();
    const body = {
      providers: editing.chain.map((p) => ({ id: p.id, settings: parseLines(p.settings), secretRefs: parseLines(p.secretRefs) })),
      redaction: $('redaction').checked,
      quota: { limit: limit === '' ? null : Number(limit), period: $('quota-period').value },
      version: editing.version
    };
    const r = await api('PUT', API + '/' + encodeURIComponent(editing.id) + query(), body);
    if (r.status !== 200) {
      const errors = (r.json && r.json.errors) || [];
      $('editor-errors').replaceChildren(...(errors.length ? errors.map((e) => el('li', {}, e.field + ': ' + e.message))
        : [el('li', {}, describe(r.json, r.status))]));
      return;
    }
    replace(r.json);
    $('editor').hidden = true;
    $('status').textContent = r.json.id + ' saved.';
  }

  document.addEventListener('DOMContentLoaded', () => {
    $('signin').addEventListener('submit', signIn);
    $('signout').addEventListener('click', signOut);
    $('reload').addEventListener('click', load);
    $('add').addEventListener('click', addProvider);
    $('save').addEventListener('click', save);
    $('cancel').addEventListener('click', () => { $('editor').hidden = true; });
  });
})();
