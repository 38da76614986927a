// Knowledge-base admin page. Plain DOM, no framework, no CDN. Credentials live in this closure only (never in
// storage or cookies) and go out as an explicit Authorization header; fetch omits ambient credentials. All data is
// rendered with textContent. Same conventions as /admin/ai.
(function () {
  'use strict';

  const API = '/api/v1/knowledge-base';
  const PAGE_SIZE = 20;
  let auth = null;
  let tenant = '';
  let page = 0;
  let total = 0;
  let editing = null;

  const $ = (id) => document.getElementById(id);

  const el = SwitchboardAdmin.el;
  const api = SwitchboardAdmin.client(() => auth);

  function describe(problem, status) {
    if (status === 401) return 'Wrong user name or password.';
    if (status === 403) return 'You may read published articles only: tenant administrators and administrators edit the knowledge base.';
    if (status === 409) return 'Someone else changed this article in the meantime: close it, reload and edit again.';
    if (problem && problem.errors && problem.errors.length) {
      return problem.errors.map((e) => e.field + ': ' + e.message).join('; ');
    }
    return (problem && (problem.detail || problem.title)) || ('Request failed (' + status + ')');
  }

  function params(extra) {
    const p = new URLSearchParams();
    if (tenant) p.set('tenantId', tenant);
    Object.entries(extra || {}).forEach(([k, v]) => { if (v !== '' && v != null) p.set(k, v); });
    const s = p.toString();
    return s ? '?' + s : '';
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
    $('rows').replaceChildren();
    $('articles').hidden = true;
    $('editor').hidden = true;
    $('signin').hidden = false;
  }

  async function load() {
    const r = await api('GET', API + '/articles' + params({ q: $('q').value.trim(), status: $('filter-status').value,
      language: $('filter-language').value.trim(), page, size: PAGE_SIZE }));
    if (r.status !== 200) {
      $('signin-error').textContent = describe(r.json, r.status);
      $('status').textContent = describe(r.json, r.status);
      return false;
    }
    total = r.json.total;
    $('signin').hidden = true;
    $('articles').hidden = false;
    $('tenant-name').textContent = tenant || (r.json.items[0] ? r.json.items[0].tenantId : 'yours');
    render(r.json.items);
    return true;
  }

  function render(items) {
    $('rows').replaceChildren(...items.map((a) => el('tr', { 'data-article': a.id },
      el('td', {}, el('strong', {}, a.question),
        a.alternativeQuestions.length ? el('div', { class: 'muted' }, a.alternativeQuestions.join(' · ')) : ''),
      el('td', { class: 'answer' }, a.answer),
      el('td', {}, a.language),
      el('td', {}, a.tags.join(', ')),
      el('td', { 'data-status': a.status }, a.status.toLowerCase()),
      el('td', {},
        el('button', { type: 'button', 'data-edit': a.id, onclick: () => edit(a) }, 'Edit'), ' ',
        a.status === 'PUBLISHED'
          ? el('button', { type: 'button', 'data-archive': a.id, onclick: () => setStatus(a, 'ARCHIVED') }, 'Archive')
          : el('button', { type: 'button', 'data-publish': a.id, onclick: () => setStatus(a, 'PUBLISHED') }, 'Publish')))));
    const first = total === 0 ? 0 : page * PAGE_SIZE + 1;
    $('count').textContent = first + '–' + Math.min(total, (page + 1) * PAGE_SIZE) + ' of ' + total;
    $('previous').disabled = page === 0;
    $('next').disabled = (page + 1) * PAGE_SIZE >= total;
  }

  function body(a, status) {
    return { question: a.question, alternativeQuestions: a.alternativeQuestions, answer: a.answer,
      language: a.language, tags: a.tags, status, version: a.version };
  }

  async function setStatus(a, status) {
    const r = await api('PUT', API + '/articles/' + encodeURIComponent(a.id), body(a, status));
    $('status').textContent = r.status === 200 ? '"' + a.question + '" is now ' + status.toLowerCase() + '.'
      : describe(r.json, r.status);
    await load();
  }

  function edit(a) {
    editing = a;
    $('editor-title').textContent = a ? 'Edit article' : 'New article';
    $('question').value = a ? a.question : '';
    $('alternatives').value = a ? a.alternativeQuestions.join('\n') : '';
    $('answer').value = a ? a.answer : '';
    $('language').value = a ? a.language : 'en';
    $('tags').value = a ? a.tags.join(', ') : '';
    $('article-status').value = a ? a.status : 'DRAFT';
    $('editor-errors').replaceChildren();
    showWarnings(a ? a.warnings : []);
    $('editor').hidden = false;
    $('editor').scrollIntoView();
  }

  function showWarnings(warnings) {
    $('editor-warnings').replaceChildren(...(warnings || []).map((w) => el('li', {}, w.field + ': ' + w.message)));
  }

  async function save() {
    const fields = {
      question: $('question').value,
      alternativeQuestions: $('alternatives').value.split('\n').map((l) => l.trim()).filter((l) => l),
      answer: $('answer').value,
      language: $('language').value.trim(),
      tags: $('tags').value.split(',').map((t) => t.trim()).filter((t) => t),
      status: $('article-status').value
    };
    const r = editing
      ? await api('PUT', API + '/articles/' + encodeURIComponent(editing.id), { ...fields, version: editing.version })
      : await api('POST', API + '/articles', { ...fields, tenantId: tenant || undefined });
    if (r.status !== 200 && r.status !== 201) {
      const errors = (r.json && r.json.errors) || [];
      $('editor-errors').replaceChildren(...(errors.length ? errors.map((e) => el('li', { 'data-field': e.field },
        e.field + ': ' + e.message)) : [el('li', {}, describe(r.json, r.status))]));
      return;
    }
    editing = r.json;
    $('editor-errors').replaceChildren();
    showWarnings(r.json.warnings);
    $('editor-title').textContent = 'Edit article';
    $('status').textContent = '"' + r.json.question + '" saved (' + r.json.status.toLowerCase() + ').';
    if (!r.json.warnings.length) $('editor').hidden = true;
    await load();
  }

  async function importDefaults() {
    const r = await api('POST', API + '/import-defaults', tenant ? { tenantId: tenant } : {});
    $('status').textContent = r.status === 200
      ? r.json.importedIds.length + ' default answers of ' + r.json.sector + ' imported, ' + r.json.skipped
        + ' imported before.'
      : describe(r.json, r.status);
    await load();
  }

  document.addEventListener('DOMContentLoaded', () => {
    $('signin').addEventListener('submit', signIn);
    $('signout').addEventListener('click', signOut);
    $('filter').addEventListener('submit', (e) => { e.preventDefault(); page = 0; load(); });
    $('previous').addEventListener('click', () => { page = Math.max(0, page - 1); load(); });
    $('next').addEventListener('click', () => { page += 1; load(); });
    $('new').addEventListener('click', () => edit(null));
    $('import').addEventListener('click', importDefaults);
    $('save').addEventListener('click', save);
    $('cancel').addEventListener('click', () => { $('editor').hidden = true; });
  });
})();
