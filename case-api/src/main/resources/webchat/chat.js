/* Switchboard web chat page. Plain JavaScript, no dependencies; protocol in docs/channels-webchat.md. */
(function () {
  'use strict';

  var config = JSON.parse(document.getElementById('chat-config').textContent);
  var STORE = 'sbchat:' + config.account;
  var RECONNECT_DELAYS = [1000, 2000, 5000, 10000];

  var $ = function (id) { return document.getElementById(id); };
  var token = read('token');
  var socket = null;
  var reconnects = 0;
  var reconnectTimer = null;
  var exiting = false;
  var pending = {};          // clientId -> text, until the server acknowledged it
  var shown = {};            // messageId or clientId -> list item
  var receipted = {};        // messageId -> 'delivered' | 'read' sent to the server
  var typingSent = 0;
  var typingStop = null;
  var agentTypingTimer = null;

  function read(key) {
    try { return window.sessionStorage.getItem(STORE + ':' + key); } catch (e) { return null; }
  }
  function write(key, value) {
    try { window.sessionStorage.setItem(STORE + ':' + key, value); } catch (e) { /* private mode: memory only */ }
  }
  function clearStorage() {
    [window.sessionStorage, window.localStorage].forEach(function (store) {
      try {
        var keys = [];
        for (var i = 0; i < store.length; i++) {
          if (store.key(i).indexOf('sbchat:') === 0) { keys.push(store.key(i)); }
        }
        keys.forEach(function (k) { store.removeItem(k); });
      } catch (e) { /* storage unavailable */ }
    });
  }

  /* Quick exit: hide everything at once, forget the session here and on the server, leave without a trace. */
  function quickExit() {
    if (exiting) { return; }
    exiting = true;
    document.title = '';
    document.body.textContent = '';
    var t = token;
    token = null;
    clearStorage();
    if (socket) {
      try {
        if (socket.readyState === 1) { socket.send(JSON.stringify({ type: 'end', reason: 'exit' })); }
        socket.close(1000);
      } catch (e) { /* closing anyway */ }
    }
    if (t && navigator.sendBeacon) {
      try { navigator.sendBeacon('/chat/sessions/end', t); } catch (e) { /* the server ends idle sessions */ }
    }
    if (config.embedded && window.parent !== window) {
      try { window.parent.postMessage({ type: 'switchboard-chat-exit', url: config.exitUrl }, '*'); } catch (e) { }
      try { window.top.location.replace(config.exitUrl); } catch (e) { /* the embedding page does it */ }
    }
    window.location.replace(config.exitUrl);
  }

  document.addEventListener('keydown', function (event) {
    if (event.key === 'Escape' || event.key === 'Esc') { event.preventDefault(); quickExit(); }
  });
  $('quick-exit').addEventListener('click', quickExit);
  // The launcher learns the exit URL up front, so it can leave even if this frame cannot answer in time.
  if (config.embedded && window.parent !== window) {
    try { window.parent.postMessage({ type: 'switchboard-chat-ready', exitUrl: config.exitUrl }, '*'); } catch (e) { }
  }
  // The embedding page's Esc key and exit button (widget.js) ask for the same, so the token is gone here too.
  window.addEventListener('message', function (event) {
    if (event.source === window.parent && event.data && event.data.type === 'switchboard-chat-quick-exit') {
      quickExit();
    }
  });

  function show(section) {
    ['prechat', 'chat', 'ended'].forEach(function (id) { $(id).hidden = id !== section; });
  }

  /* Pre-chat form */
  function setupForm() {
    var f = config.fields;
    $('intro').textContent = config.intro;
    if (f.nickname !== 'off') {
      $('field-nickname').hidden = false;
      $('nickname-optional').hidden = f.nickname === 'required';
      $('nickname').required = f.nickname === 'required';
    }
    if (f.topic !== 'off') {
      $('field-topic').hidden = false;
      $('topic-optional').hidden = f.topic === 'required';
      if (f.topics && f.topics.length) {
        var select = $('topic');
        select.hidden = false;
        select.required = f.topic === 'required';
        select.appendChild(new Option('Choose…', ''));
        f.topics.forEach(function (t) { select.appendChild(new Option(t, t)); });
      } else {
        $('topic-text').hidden = false;
        $('topic-text').required = f.topic === 'required';
        $('field-topic').querySelector('label').setAttribute('for', 'topic-text');
      }
    }
    if (f.consent !== 'off') {
      $('field-consent').hidden = false;
      $('consent-label').textContent = f.consentText;
      $('consent').required = f.consent === 'required';
    }
    $('prechat-form').addEventListener('submit', function (event) {
      event.preventDefault();
      startSession();
    });
  }

  function fieldInput(name) {
    if (name === 'topic') { return $('topic').hidden ? $('topic-text') : $('topic'); }
    return $(name);
  }

  function showErrors(errors) {
    ['nickname', 'topic', 'consent'].forEach(function (name) {
      $(name + '-error').textContent = '';
      fieldInput(name).removeAttribute('aria-invalid');
    });
    $('form-error').textContent = '';
    var first = null;
    errors.forEach(function (e) {
      var target = $(e.field + '-error');
      if (target) {
        target.textContent = e.message;
        fieldInput(e.field).setAttribute('aria-invalid', 'true');
        first = first || fieldInput(e.field);
      } else {
        $('form-error').textContent = e.message;
      }
    });
    if (first) { first.focus(); }
  }

  function localErrors() {
    var f = config.fields;
    var errors = [];
    if (f.nickname === 'required' && !$('nickname').value.trim()) {
      errors.push({ field: 'nickname', message: 'Please enter a name to be called by' });
    }
    if (f.topic === 'required' && !fieldInput('topic').value.trim()) {
      errors.push({ field: 'topic', message: 'Please choose what you would like to talk about' });
    }
    if (f.consent === 'required' && !$('consent').checked) {
      errors.push({ field: 'consent', message: 'Please confirm to start the chat' });
    }
    return errors;
  }

  function startSession() {
    var errors = localErrors();
    showErrors(errors);
    if (errors.length) { return; }
    $('start').disabled = true;
    var body = {
      account: config.account,
      nickname: config.fields.nickname !== 'off' ? $('nickname').value : null,
      topic: config.fields.topic !== 'off' ? fieldInput('topic').value : null,
      consent: config.fields.consent !== 'off' ? $('consent').checked : null
    };
    fetch('/chat/sessions', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
      credentials: 'omit', cache: 'no-store', referrerPolicy: 'no-referrer'
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (json) {
        return { status: response.status, json: json };
      });
    }).then(function (result) {
      $('start').disabled = false;
      if (result.status === 201) {
        token = result.json.token;
        write('token', token);
        enterChat();
      } else if (result.json.errors && result.json.errors.length) {
        showErrors(result.json.errors);
      } else {
        showErrors([{ field: 'form', message: result.json.detail || 'The chat could not start. Please try again.' }]);
      }
    }).catch(function () {
      $('start').disabled = false;
      showErrors([{ field: 'form', message: 'No connection. Please try again.' }]);
    });
  }

  /* Conversation */
  function enterChat() {
    show('chat');
    $('text').maxLength = config.maxLength;
    $('text').focus();
    connect();
  }

  function status(text) { $('status').textContent = text || ''; }

  function connect() {
    if (!token || exiting) { return; }
    var scheme = window.location.protocol === 'https:' ? 'wss://' : 'ws://';
    socket = new WebSocket(scheme + window.location.host + '/chat/socket?account=' + encodeURIComponent(config.account));
    status('Connecting…');
    socket.onopen = function () {
      socket.send(JSON.stringify({ type: 'auth', token: token }));
    };
    socket.onmessage = function (event) {
      var frame;
      try { frame = JSON.parse(event.data); } catch (e) { return; }
      handle(frame);
    };
    socket.onclose = function (event) {
      socket = null;
      if (exiting) { return; }
      if (event.code === 4401 || event.code === 4409) { ended(); return; }
      var delay = RECONNECT_DELAYS[Math.min(reconnects, RECONNECT_DELAYS.length - 1)];
      reconnects++;
      status('Connection lost. Reconnecting…');
      reconnectTimer = window.setTimeout(connect, delay);
    };
  }

  function send(frame) {
    if (socket && socket.readyState === 1) { socket.send(JSON.stringify(frame)); return true; }
    return false;
  }

  function handle(frame) {
    switch (frame.type) {
      case 'ready':
        reconnects = 0;
        status('');
        frame.history.forEach(render);
        Object.keys(pending).forEach(function (clientId) {
          send({ type: 'message', clientId: clientId, text: pending[clientId] });
        });
        acknowledgeAgentMessages();
        break;
      case 'message':
        render(frame);
        hideAgentTyping();
        acknowledgeAgentMessages();
        break;
      case 'ack':
        delete pending[frame.clientId];
        var item = shown[frame.clientId];
        if (item) {
          item.dataset.messageId = frame.messageId;
          shown[frame.messageId] = item;
          setState(item, frame.state || 'sent');
        }
        break;
      case 'status':
        if (shown[frame.messageId]) { setState(shown[frame.messageId], frame.state); }
        break;
      case 'typing':
        if (frame.active) { showAgentTyping(); } else { hideAgentTyping(); }
        break;
      case 'error':
        if (frame.clientId && shown[frame.clientId] && frame.code === 'rate_limited') {
          setState(shown[frame.clientId], 'waiting');
          window.setTimeout(function () {
            if (pending[frame.clientId]) { send({ type: 'message', clientId: frame.clientId, text: pending[frame.clientId] }); }
          }, 5000);
        } else if (frame.clientId && shown[frame.clientId]) {
          delete pending[frame.clientId];
          setState(shown[frame.clientId], 'failed');
        }
        status(frame.message);
        break;
      case 'ended':
        ended();
        break;
      default:
        break;
    }
  }

  var STATE_TEXT = { sending: 'Sending…', waiting: 'Waiting to send…', sent: 'Sent ✓', delivered: 'Delivered ✓✓',
    read: 'Read ✓✓', failed: 'Not sent' };

  function setState(item, state) {
    var order = ['sending', 'waiting', 'sent', 'delivered', 'read'];
    var current = item.dataset.state;
    if (current && state !== 'failed' && order.indexOf(state) < order.indexOf(current)) { return; }
    item.dataset.state = state;
    item.classList.toggle('failed', state === 'failed');
    var label = item.querySelector('.state');
    if (label) { label.textContent = STATE_TEXT[state] || ''; }
  }

  function render(m) {
    var key = m.messageId || m.clientId;
    var existing = shown[key] || (m.clientId && shown[m.clientId]);
    if (existing) {
      if (m.messageId) { shown[m.messageId] = existing; existing.dataset.messageId = m.messageId; }
      if (m.state && m.from === 'visitor') { setState(existing, m.state); }
      return existing;
    }
    var mine = m.from === 'visitor';
    var li = document.createElement('li');
    li.className = 'msg' + (mine ? ' mine' : '');
    var who = document.createElement('span');
    who.className = 'who';
    who.textContent = mine ? 'You' : config.agentLabel;
    var text = document.createElement('span');
    text.className = 'text';
    text.textContent = m.text;
    li.appendChild(who);
    li.appendChild(text);
    if (mine) {
      var state = document.createElement('span');
      state.className = 'state';
      li.appendChild(state);
    }
    if (m.messageId) { li.dataset.messageId = m.messageId; shown[m.messageId] = li; }
    if (m.clientId) { shown[m.clientId] = li; }
    li.dataset.from = m.from;
    li.dataset.agentState = m.state || '';
    $('messages').appendChild(li);
    if (mine) { setState(li, m.state || 'sending'); }
    li.scrollIntoView({ block: 'end' });
    return li;
  }

  /* Delivered for every agent message shown; read once the page is visible. */
  function acknowledgeAgentMessages() {
    var visible = document.visibilityState === 'visible';
    var items = $('messages').querySelectorAll('li[data-from="agent"]');
    Array.prototype.forEach.call(items, function (li) {
      var id = li.dataset.messageId;
      var already = receipted[id] || li.dataset.agentState;
      if (visible && already !== 'read') {
        if (send({ type: 'receipt', messageId: id, state: 'read' })) { receipted[id] = 'read'; }
      } else if (!visible && already !== 'delivered' && already !== 'read') {
        if (send({ type: 'receipt', messageId: id, state: 'delivered' })) { receipted[id] = 'delivered'; }
      }
    });
  }
  document.addEventListener('visibilitychange', acknowledgeAgentMessages);

  function showAgentTyping() {
    $('typing').textContent = config.agentLabel + ' is typing…';
    window.clearTimeout(agentTypingTimer);
    agentTypingTimer = window.setTimeout(hideAgentTyping, 10000);
  }
  function hideAgentTyping() { $('typing').textContent = ''; }

  function newClientId() {
    var bytes = new Uint8Array(12);
    window.crypto.getRandomValues(bytes);
    return 'c' + Array.prototype.map.call(bytes, function (b) { return ('0' + b.toString(16)).slice(-2); }).join('');
  }

  function submitMessage() {
    var text = $('text').value.trim();
    if (!text) { return; }
    var clientId = newClientId();
    pending[clientId] = text;
    render({ clientId: clientId, from: 'visitor', text: text, state: 'sending' });
    $('text').value = '';
    stopTyping();
    send({ type: 'message', clientId: clientId, text: text });
  }

  function stopTyping() {
    window.clearTimeout(typingStop);
    if (typingSent) { send({ type: 'typing', active: false }); typingSent = 0; }
  }

  function setupComposer() {
    $('composer').addEventListener('submit', function (event) { event.preventDefault(); submitMessage(); });
    $('text').addEventListener('keydown', function (event) {
      if (event.key === 'Enter' && !event.shiftKey) { event.preventDefault(); submitMessage(); }
    });
    $('text').addEventListener('input', function () {
      var now = Date.now();
      if (now - typingSent > 3000) { if (send({ type: 'typing', active: true })) { typingSent = now; } }
      window.clearTimeout(typingStop);
      typingStop = window.setTimeout(stopTyping, 5000);
    });
    $('leave').addEventListener('click', function () {
      send({ type: 'end', reason: 'visitor' });
      ended();
    });
    $('restart').addEventListener('click', function () {
      $('messages').textContent = '';
      shown = {};
      pending = {};
      receipted = {};
      show('prechat');
      var first = $('prechat-form').querySelector('input:not([hidden]), select:not([hidden])');
      if (first) { first.focus(); } else { $('start').focus(); }
    });
  }

  function ended() {
    window.clearTimeout(reconnectTimer);
    token = null;
    clearStorage();
    if (socket) { try { socket.close(1000); } catch (e) { } socket = null; }
    status('');
    show('ended');
    $('ended-heading').focus();
  }

  setupForm();
  setupComposer();
  if (token) { enterChat(); } else { show('prechat'); }
}());
