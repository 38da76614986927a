/*
 * Switchboard web chat launcher for other sites (docs/channels-webchat.md):
 *   <script src="https://YOUR-SWITCHBOARD/chat/widget.js" data-account="default" async></script>
 * Adds a "Chat" button that opens the chat in an iframe served by Switchboard. The site must be listed in the
 * account's allowedOrigins (frame-ancestors). Quick exit (button or Esc while the chat is open) hides the chat at
 * once, ends the session and replaces this page with the account's neutral exit URL, so Back does not return.
 * No cookies, no storage of its own, no requests to anyone but Switchboard.
 */
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script || window.__switchboardChat) { return; }
  window.__switchboardChat = true;

  var origin = new URL(script.src, window.location.href).origin;
  var account = script.getAttribute('data-account') || 'default';
  var label = script.getAttribute('data-label') || 'Chat';
  var position = script.getAttribute('data-position') === 'left' ? 'left' : 'right';
  var panel = null;
  var frame = null;
  var exitUrl = null;

  function css(el, styles) { Object.keys(styles).forEach(function (k) { el.style[k] = styles[k]; }); }

  var button = document.createElement('button');
  button.type = 'button';
  button.textContent = label;
  button.setAttribute('aria-expanded', 'false');
  button.setAttribute('aria-controls', 'switchboard-chat-panel');
  css(button, {
    position: 'fixed', bottom: '1rem', zIndex: '2147483000', padding: '.65rem 1.1rem', font: '600 16px system-ui, sans-serif',
    color: '#fff', background: '#2f5d8a', border: '0', borderRadius: '999px', cursor: 'pointer',
    boxShadow: '0 2px 8px rgba(0,0,0,.25)'
  });
  button.style[position] = '1rem';

  function open() {
    if (!panel) {
      panel = document.createElement('div');
      panel.id = 'switchboard-chat-panel';
      panel.setAttribute('role', 'dialog');
      panel.setAttribute('aria-label', label);
      css(panel, {
        position: 'fixed', bottom: '4.5rem', zIndex: '2147483000', width: 'min(380px, calc(100vw - 2rem))',
        height: 'min(600px, calc(100vh - 6rem))', background: '#fff', border: '1px solid #d0d7de',
        borderRadius: '.6rem', boxShadow: '0 4px 16px rgba(0,0,0,.25)', overflow: 'hidden'
      });
      panel.style[position] = '1rem';
      frame = document.createElement('iframe');
      frame.title = label;
      frame.src = origin + '/chat?embed=true&account=' + encodeURIComponent(account);
      frame.setAttribute('referrerpolicy', 'no-referrer');
      css(frame, { width: '100%', height: '100%', border: '0' });
      panel.appendChild(frame);
      document.body.appendChild(panel);
    }
    panel.hidden = false;
    button.setAttribute('aria-expanded', 'true');
    frame.focus();
  }

  function close() {
    if (panel) { panel.hidden = true; }
    button.setAttribute('aria-expanded', 'false');
    button.focus();
  }

  function leave(url) {
    var target = url || exitUrl || 'https://www.google.com/';
    if (panel) { panel.style.display = 'none'; }
    button.style.display = 'none';
    window.location.replace(target);
  }

  function quickExit() {
    if (frame && frame.contentWindow) {
      // The chat forgets its token and ends the session, then asks us to leave; leave anyway if it cannot.
      frame.contentWindow.postMessage({ type: 'switchboard-chat-quick-exit' }, origin);
      if (panel) { panel.style.display = 'none'; }
      window.setTimeout(function () { leave(); }, 150);
    } else {
      leave();
    }
  }

  button.addEventListener('click', function () {
    if (panel && !panel.hidden) { close(); } else { open(); }
  });
  document.addEventListener('keydown', function (event) {
    if ((event.key === 'Escape' || event.key === 'Esc') && panel && !panel.hidden) { quickExit(); }
  });
  window.addEventListener('message', function (event) {
    if (event.origin !== origin || !event.data) { return; }
    if (event.data.type === 'switchboard-chat-ready') { exitUrl = event.data.exitUrl; }
    if (event.data.type === 'switchboard-chat-exit') { exitUrl = event.data.url; leave(event.data.url); }
  });

  if (document.body) { document.body.appendChild(button); }
  else { document.addEventListener('DOMContentLoaded', function () { document.body.appendChild(button); }); }
}());
