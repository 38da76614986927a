// Shared by the admin pages (/admin/ai, /admin/knowledge-base). Plain DOM, no framework, no CDN. Credentials stay
// in the page's closure (never in storage or cookies) and go out as an explicit Authorization header; fetch omits
// ambient credentials, so the pages cannot be used for cross-site request forgery against the stateless API.
window.SwitchboardAdmin = (function () {
  'use strict';

  /** An element with attributes, listeners (onclick...) and children; text is always set as text, never as HTML. */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => {
      if (k === 'class') node.className = v;
      else if (k.startsWith('on')) node.addEventListener(k.substring(2), v);
      else node.setAttribute(k, v);
    });
    children.flat().forEach((c) => node.append(c instanceof Node ? c : document.createTextNode(String(c))));
    return node;
  }

  /** An API caller that reads the current Authorization header value from the page when it is called. */
  function client(authorization) {
    return async function api(method, path, body) {
      const headers = { 'Authorization': authorization(), 'Accept': 'application/json' };
      if (body !== undefined) headers['Content-Type'] = 'application/json';
      const response = await fetch(path, {
        method, headers, credentials: 'omit', cache: 'no-store',
        body: body === undefined ? undefined : JSON.stringify(body)
      });
      const text = await response.text();
      let json = null;
      try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
      return { status: response.status, json };
    };
  }

  return Object.freeze({ el, client });
})();
