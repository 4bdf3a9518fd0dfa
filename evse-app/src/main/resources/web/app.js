// EVSE dashboard: renders what the server pushes over /ws (protocol v1, see DashboardJson.java)
// and sends the controls as POST /api/evse/{id}/{action}. No polling: a lost connection is shown
// and retried with a growing delay.
(function () {
  'use strict';

  var PROTOCOL = 1;
  var CHART_WINDOW_S = 300;
  var TIMELINE_MAX = 200;

  var cards = {};          // id -> {el, chart, data, last}
  var errorTypes = [];
  var socket = null;
  var retryDelay = 1000;
  var retryTimer = null;
  var countdownTimer = null;
  var live = false;

  // ------------------------------------------------------------ words for newcomers

  var STATES = {
    Idle: { label: 'Available', tone: 'grey' },
    Disabled: { label: 'Disabled', tone: 'grey' },
    WaitingForAuthentication: { label: 'Waiting for authorization', tone: 'amber' },
    PrepareCharging: { label: 'Preparing', tone: 'blue' },
    T_step_EF: { label: 'Preparing', tone: 'blue' },
    T_step_X1: { label: 'Preparing', tone: 'blue' },
    Charging: { label: 'Charging', tone: 'green' },
    SwitchPhases: { label: 'Charging (switching phases)', tone: 'green' },
    ChargingPausedEV: { label: 'Paused by car', tone: 'violet' },
    ChargingPausedEVSE: { label: 'Paused by charger', tone: 'violet' },
    StoppingCharging: { label: 'Stopping', tone: 'blue' },
    Finished: { label: 'Finished', tone: 'grey' }
  };

  var CP_HINTS = {
    A: 'no car', B: 'car connected', C: 'car wants power', D: 'needs ventilation',
    E: 'short / error', F: 'charger unavailable'
  };

  var CAR_STATES = {
    UNPLUGGED: ['Unplugged', 'cable not connected'],
    PLUGGED_IN: ['Plugged in', 'not drawing power'],
    CHARGING_FIXED: ['Drawing (fixed)', 'ignores the PWM'],
    ERROR_E: ['Error', 'CP state E'],
    DIODE_FAIL: ['Diode fault', 'shorted CP diode'],
    BCB_TOGGLE: ['Wake-up', 'toggling B/C']
  };

  function summary(s) {
    var text;
    switch (s.state) {
      case 'Idle':
        text = s.reserved ? 'Reserved: waiting for the reserved user.' :
          (s.plugged ? 'Car connected.' : 'Available. No car connected; press \u201cPlug in\u201d to connect the simulated car.');
        break;
      case 'WaitingForAuthentication':
        text = 'Car connected and waiting for authorization: enter a token and press \u201cAuthorize\u201d.'; break;
      case 'PrepareCharging': case 'T_step_EF': case 'T_step_X1':
        text = 'Authorized. Preparing to charge (waiting for the car and a power budget).'; break;
      case 'Charging': case 'SwitchPhases':
        text = 'Charging at ' + kw(s.meter.powerW) + ' on ' + activePhases(s) + '.'; break;
      case 'ChargingPausedEV':
        text = 'The car paused charging. The transaction is still open.'; break;
      case 'ChargingPausedEVSE':
        text = 'The charger paused charging (paused by a user, no power budget, or an error).'; break;
      case 'StoppingCharging':
        text = 'Stopping the transaction\u2026'; break;
      case 'Finished':
        text = 'Transaction finished. Unplug the car to end the session.'; break;
      case 'Disabled':
        text = 'Disabled: this charger accepts no session. Press \u201cEnable\u201d to bring it back.'; break;
      default:
        text = s.stateText;
    }
    if (s.errors.length) {
      text += ' Fault active: charging is not possible until it is cleared.';
    }
    return text;
  }

  function activePhases(s) {
    var n = [s.meter.l1, s.meter.l2, s.meter.l3].filter(function (a) { return a > 0.05; }).length;
    return n === 1 ? '1 phase' : (n || s.phases) + ' phases';
  }

  // IEC 61851-1: duty cycle to the current it offers
  function dutyToAmps(d) {
    if (d >= 10 && d <= 85) return d * 0.6;
    if (d > 85 && d <= 96) return (d - 64) * 2.5;
    return 0;
  }

  // ------------------------------------------------------------ formatting

  function kw(w) { return (w / 1000).toFixed(w >= 10000 ? 1 : 2) + ' kW'; }
  function energy(wh) { return wh < 1000 ? wh.toFixed(1) + ' Wh' : (wh / 1000).toFixed(3) + ' kWh'; }
  function pad(n) { return n < 10 ? '0' + n : '' + n; }
  function duration(s) {
    var h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), sec = Math.floor(s % 60);
    return pad(h) + ':' + pad(m) + ':' + pad(sec);
  }
  function clock(ms) { var d = new Date(ms); return pad(d.getHours()) + ':' + pad(d.getMinutes()) + ':' + pad(d.getSeconds()); }
  function dateTime(ms) {
    var d = new Date(ms);
    return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()) + ' ' + clock(ms);
  }
  function shortId(uuid) { return uuid ? uuid.slice(0, 8) : '\u2013'; }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  // ------------------------------------------------------------ cards

  function field(card, name) { return card.el.querySelector('[data-field="' + name + '"]'); }
  function setText(card, name, text) { var f = field(card, name); if (f.textContent !== text) f.textContent = text; }
  function setTile(card, name, value, hint, cls) {
    setText(card, name, value);
    setText(card, name + 'Hint', hint);
    field(card, name).parentNode.className = 'tile' + (cls ? ' ' + cls : '');
  }

  function makeCard(info) {
    var tpl = document.getElementById('card-template');
    var node = tpl.content.firstElementChild.cloneNode(true);
    node.setAttribute('data-evse', info.id);
    node.querySelector('.card-name').textContent = info.name;
    var select = node.querySelector('[data-input="errorType"]');
    errorTypes.forEach(function (t) {
      var o = el('option', null, t.label);
      o.value = t.type;
      select.appendChild(o);
    });
    var card = { id: info.id, el: node, chart: null, data: [[], [], [], [], []], last: null };
    node.addEventListener('click', function (ev) {
      var b = ev.target.closest('button[data-action]');
      if (b) control(card, b.getAttribute('data-action'), b);
    });
    node.querySelector('[data-input="token"]').addEventListener('keydown', function (ev) {
      if (ev.key === 'Enter') control(card, 'authorize');
    });
    return card;
  }

  function fixed(digits) {
    return function (u, v) { return v == null ? '\u2013' : v.toFixed(digits); };
  }

  function ensureChart(card) {
    if (card.chart || typeof uPlot === 'undefined') return;
    var box = field(card, 'chart');
    var width = Math.max(300, box.clientWidth || 500);
    card.chart = new uPlot({
      width: width,
      height: 200,
      legend: { live: false },
      cursor: { drag: { x: false, y: false }, points: { show: false } },
      scales: {
        x: { time: true },
        // currents in the upper part, power below them: the lines never hide each other
        A: { range: function (u, min, max) { return [0, Math.max(8, Math.ceil((max || 0) * 1.25))]; } },
        kW: { range: function (u, min, max) { return [0, Math.max(4, Math.ceil((max || 0) * 2.2))]; } }
      },
      axes: [
        { stroke: '#667085', grid: { stroke: '#eef1f5' }, space: 70,
          values: function (u, splits) { return splits.map(function (t) { return clock(t * 1000); }); } },
        { scale: 'A', label: 'Current (A)', stroke: '#667085', grid: { stroke: '#eef1f5' }, size: 48 },
        { scale: 'kW', label: 'Power (kW)', side: 1, stroke: '#15803d', grid: { show: false }, size: 48 }
      ],
      series: [
        {},
        { label: 'L1', scale: 'A', stroke: '#2563eb', width: 4, points: { show: false }, value: fixed(1) },
        { label: 'L2', scale: 'A', stroke: '#f59e0b', width: 2, dash: [10, 6], points: { show: false }, value: fixed(1) },
        { label: 'L3', scale: 'A', stroke: '#9333ea', width: 1.5, dash: [2, 5], points: { show: false }, value: fixed(1) },
        { label: 'Power', scale: 'kW', stroke: '#16a34a', width: 2, fill: 'rgba(22,163,74,0.12)', points: { show: false },
          value: fixed(2) }
      ]
    }, card.data, box);
  }

  function pushSample(card, t, m) {
    var d = card.data;
    if (d[0].length && t <= d[0][d[0].length - 1]) return;
    d[0].push(t); d[1].push(m.l1); d[2].push(m.l2); d[3].push(m.l3); d[4].push(m.powerW / 1000);
    while (d[0].length && d[0][0] < t - CHART_WINDOW_S) { d.forEach(function (a) { a.shift(); }); }
    if (card.chart) card.chart.setData(d);
  }

  function render(card, s) {
    card.last = s;
    var st = STATES[s.state] || { label: s.stateText, tone: 'grey' };
    var tone = s.errors.length ? 'red' : st.tone;
    var badge = field(card, 'state');
    badge.textContent = s.errors.length ? st.label + ' \u00b7 fault' : st.label;
    badge.className = 'badge tone-' + tone;
    badge.setAttribute('data-state', s.state);
    card.el.className = 'card tone-' + tone + (live ? '' : ' stale');
    setText(card, 'summary', summary(s));

    var errs = field(card, 'errors');
    errs.textContent = '';
    s.errors.forEach(function (e) {
      var chip = el('span', 'error-chip', e.type.replace('evse_board_support/', '').replace('evse_manager/', '') + ' (' + e.sev + ')');
      chip.title = e.type + (e.msg ? ': ' + e.msg : '');
      errs.appendChild(chip);
    });

    setText(card, 'power', kw(s.meter.powerW));
    if (s.session) {
      setText(card, 'energy', energy(s.session.energyWh));
      setText(card, 'duration', duration(s.session.durationS));
      setText(card, 'token', s.session.token || 'not yet authorized');
      setText(card, 'uuid', s.session.uuid);
      field(card, 'uuid').title = s.session.uuid;
    } else {
      setText(card, 'energy', '\u2013');
      setText(card, 'duration', '\u2013');
      setText(card, 'token', '\u2013');
      setText(card, 'uuid', 'no session');
      field(card, 'uuid').title = '';
    }
    setText(card, 'meter', energy(s.meter.energyWh));

    setTile(card, 'cp', s.cp, CP_HINTS[s.cp] || '', s.cp === 'E' || s.cp === 'F' ? 'bad' : (s.cp === 'C' ? 'on' : ''));
    if (s.pwm > 0) {
      setTile(card, 'pwm', s.pwm.toFixed(1) + ' %', 'offers ' + dutyToAmps(s.pwm).toFixed(0) + ' A', 'on');
    } else {
      setTile(card, 'pwm', 'Off', s.cp === 'F' ? 'CP at \u221212 V' : 'steady +12 V', '');
    }
    setTile(card, 'relays', s.relays ? 'Closed' : 'Open', s.relays ? 'power to the car' : 'no power', s.relays ? 'on' : '');
    setTile(card, 'lock', s.locked ? 'Locked' : 'Unlocked', s.locked ? 'cable held' : 'cable free', s.locked ? 'on' : '');
    setTile(card, 'budget', s.maxA.toFixed(0) + ' A', s.maxA > 0 ? s.phases + ' phase' + (s.phases === 1 ? '' : 's') + ' \u00b7 ' + (s.enabled ? (s.reserved ? 'reserved' : 'enabled') : 'disabled') : 'no energy granted', s.maxA > 0 ? '' : 'warn');
    var drawing = s.meter.l1 + s.meter.l2 + s.meter.l3 > 0.05;
    var car = s.car === 'CHARGING_REGULATED' ?
      (drawing ? ['Charging', 'draws what the PWM allows'] : ['Wants to charge', 'waits for the PWM']) :
      (CAR_STATES[s.car] || [s.car, '']);
    setTile(card, 'car', car[0], car[1], drawing ? 'on' : '');

    ensureChart(card);
  }

  // ------------------------------------------------------------ controls

  function control(card, action, button) {
    var body = {};
    var q = function (sel) { return card.el.querySelector(sel); };
    if (action === 'authorize') body.token = q('[data-input="token"]').value.trim();
    if (action === 'budget') body.amps = Number(q('[data-input="amps"]').value);
    if (action === 'raise-error' || action === 'clear-error') body.type = q('[data-input="errorType"]').value;
    if (button) button.disabled = true;
    var fb = field(card, 'feedback');
    fetch('/api/evse/' + card.id + '/' + action, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-EVSE-Dashboard': '1' },
      body: JSON.stringify(body),
      credentials: 'same-origin'
    }).then(function (r) {
      return r.json().catch(function () { return { ok: false, message: 'HTTP ' + r.status }; })
        .then(function (j) { return { status: r.status, json: j }; });
    }).then(function (res) {
      var ok = res.json.ok;
      fb.textContent = (ok ? '\u2713 ' : (res.status === 200 ? '\u2717 Refused: ' : '\u2717 Error: ')) + res.json.message;
      fb.className = 'feedback ' + (ok ? 'ok' : (res.status === 200 ? 'refused' : 'failed'));
    }).catch(function (e) {
      fb.textContent = '\u2717 Not sent: ' + e.message;
      fb.className = 'feedback failed';
    }).then(function () {
      if (button) button.disabled = false;
      clearTimeout(card.fbTimer);
      card.fbTimer = setTimeout(function () { fb.textContent = ''; fb.className = 'feedback'; }, 8000);
    });
  }

  // ------------------------------------------------------------ timeline and history

  function addTimeline(items) {
    var list = document.getElementById('timeline');
    items.forEach(function (it) {
      var li = el('li', 'kind-' + it.kind);
      li.setAttribute('data-event', it.event);
      li.appendChild(el('span', 'time', clock(it.t)));
      li.appendChild(el('span', 'who', 'EVSE ' + it.evse));
      var text = el('span', 'text');
      text.appendChild(el('span', 'tag', it.event));
      text.appendChild(document.createTextNode(it.text));
      li.appendChild(text);
      list.insertBefore(li, list.firstChild);
    });
    while (list.children.length > TIMELINE_MAX) list.removeChild(list.lastChild);
    document.getElementById('timeline-empty').hidden = list.children.length > 0;
  }

  function renderHistory(h) {
    var src = document.getElementById('history-source');
    src.textContent = h.source === 'store' ? 'from the session store' + (h.note ? ' \u2013 ' + h.note : '')
      : 'no session store: sessions finished since the dashboard started';
    var body = document.querySelector('#history tbody');
    body.textContent = '';
    h.items.forEach(function (s) {
      var tr = el('tr');
      tr.setAttribute('data-uuid', s.uuid);
      tr.appendChild(el('td', null, 'EVSE ' + s.evse));
      tr.appendChild(el('td', null, dateTime(s.start)));
      tr.appendChild(el('td', null, duration(Math.max(0, (s.end - s.start) / 1000))));
      tr.appendChild(el('td', null, s.token || '\u2013'));
      tr.appendChild(el('td', 'num', energy(s.energyWh)));
      tr.appendChild(el('td', null, s.reason || '\u2013'));
      var id = el('td', 'mono', shortId(s.uuid));
      id.title = s.uuid;
      tr.appendChild(id);
      body.appendChild(tr);
    });
    document.getElementById('history-empty').hidden = h.items.length > 0;
  }

  // ------------------------------------------------------------ connection

  function setLive(on, text) {
    live = on;
    var conn = document.getElementById('conn');
    conn.className = 'conn ' + (on ? 'conn-live' : 'conn-lost');
    conn.querySelector('.conn-text').textContent = text;
    document.getElementById('banner').hidden = on;
    Object.keys(cards).forEach(function (id) {
      var c = cards[id];
      c.el.querySelectorAll('fieldset').forEach(function (f) { f.disabled = !on; });
      c.el.classList.toggle('stale', !on);
    });
  }

  function onHello(m) {
    errorTypes = m.errorTypes;
    var box = document.getElementById('evses');
    var known = m.evses.map(function (e) { return String(e.id); }).join(',');
    if (Object.keys(cards).join(',') !== known) {
      box.textContent = '';
      cards = {};
      m.evses.forEach(function (info) {
        var c = makeCard(info);
        cards[info.id] = c;
        box.appendChild(c.el);
      });
    }
    document.getElementById('timeline').textContent = '';
  }

  function onMessage(ev) {
    var m;
    try { m = JSON.parse(ev.data); } catch (e) { return; }
    if (m.v !== PROTOCOL) { console.warn('dashboard protocol ' + m.v + ' not understood'); return; }
    switch (m.type) {
      case 'hello': onHello(m); setLive(true, 'Live'); break;
      case 'samples': {
        var c = cards[m.evse];
        if (!c) break;
        c.data = [m.t, m.l1, m.l2, m.l3, m.kw];
        if (c.chart) c.chart.setData(c.data);
        break;
      }
      case 'state':
        m.evses.forEach(function (s) {
          var card = cards[s.id];
          if (!card) return;
          render(card, s);
          pushSample(card, m.t / 1000, s.meter);
        });
        break;
      case 'events': addTimeline(m.items); break;
      case 'history': renderHistory(m); break;
      default: break;
    }
  }

  function connect() {
    clearTimeout(retryTimer);
    clearInterval(countdownTimer);
    var url = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/ws';
    var ws;
    try { ws = new WebSocket(url); } catch (e) { scheduleReconnect(); return; }
    socket = ws;
    ws.onopen = function () { retryDelay = 1000; };
    ws.onmessage = onMessage;
    ws.onclose = function () { if (socket === ws) { socket = null; scheduleReconnect(); } };
    ws.onerror = function () { /* onclose follows */ };
  }

  function scheduleReconnect() {
    var wait = retryDelay;
    retryDelay = Math.min(retryDelay * 2, 10000);
    var due = Date.now() + wait;
    var tick = function () {
      var left = Math.max(0, Math.ceil((due - Date.now()) / 1000));
      setLive(false, 'Reconnecting\u2026');
      document.getElementById('banner-text').textContent =
        left > 0 ? 'Reconnecting in ' + left + ' s\u2026' : 'Reconnecting\u2026';
    };
    tick();
    countdownTimer = setInterval(tick, 500);
    retryTimer = setTimeout(connect, wait);
  }

  window.addEventListener('resize', function () {
    Object.keys(cards).forEach(function (id) {
      var c = cards[id];
      if (c.chart) c.chart.setSize({ width: Math.max(300, field(c, 'chart').clientWidth), height: 200 });
    });
  });

  connect();
})();
