// The live delivery view: poll the alert's delivery report (JSON) every 3 seconds and update the counts the page
// already shows. Stops polling once nothing is queued and everyone has a final state, after one last look.
(function () {
  'use strict';
  var section = document.getElementById('delivery');
  if (!section || !window.fetch) { return; }
  var url = section.getAttribute('data-delivery-url');
  var updated = document.getElementById('delivery-updated');
  var quietRounds = 0;

  function setCount(key, value) {
    var cell = section.querySelector('[data-count="' + key + '"]');
    if (cell) { cell.textContent = String(value); }
  }

  function render(report) {
    document.getElementById('delivery-recipients').textContent = String(report.recipients);
    document.getElementById('delivery-queued').textContent = String(report.queuedMessages);
    document.getElementById('delivery-standby').textContent = String(report.standbyBackups);
    var fellBack = document.getElementById('delivery-fell-back');
    if (fellBack) { fellBack.textContent = String(report.fellBackToSms || 0); }
    section.querySelectorAll('[data-count]').forEach(function (cell) { cell.textContent = '0'; });
    Object.keys(report.byState || {}).forEach(function (state) { setCount('state.' + state, report.byState[state]); });
    Object.keys(report.messagesByChannel || {}).forEach(function (channel) {
      var statuses = report.messagesByChannel[channel];
      Object.keys(statuses).forEach(function (s) { setCount(channel + '.' + s, statuses[s]); });
    });
    var list = document.getElementById('unreachable');
    var none = document.getElementById('unreachable-none');
    if (list) {
      list.textContent = '';
      (report.unreachable || []).forEach(function (u) {
        var li = document.createElement('li');
        var who = document.createElement('span');
        who.textContent = u.who;
        var number = document.createElement('span');
        number.className = 'hint';
        number.textContent = ' ' + u.maskedNumber;
        var why = document.createElement('span');
        why.className = 'why';
        why.textContent = ' ' + (u.why || '');
        li.appendChild(who);
        li.appendChild(number);
        li.appendChild(why);
        list.appendChild(li);
      });
      if (none) { none.hidden = (report.unreachable || []).length > 0; }
    }
    if (updated) {
      updated.textContent = (updated.getAttribute('data-msg-updated') || '') + ' ' + clockTime(updated, new Date());
    }
    return report.queuedMessages === 0 && !(report.byState && (report.byState.queued || report.byState.sent));
  }

  // the time as every page shows it (web.Times: the page's language, the network's time zone, short style), not the
  // browser's own zone and locale
  function clockTime(element, date) {
    var options = { timeStyle: 'short' };
    var zone = element.getAttribute('data-zone');
    if (zone) { options.timeZone = zone; }
    try {
      return new Intl.DateTimeFormat(document.documentElement.lang || undefined, options).format(date);
    } catch (e) {
      delete options.timeZone;
      return new Intl.DateTimeFormat(document.documentElement.lang || undefined, options).format(date);
    }
  }

  function poll() {
    fetch(url, { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (report) {
        if (report && render(report)) { quietRounds++; } else { quietRounds = 0; }
      })
      .catch(function () { quietRounds = 0; })
      .then(function () {
        // once settled, look less often: acknowledgements can still arrive for a while
        window.setTimeout(poll, quietRounds > 3 ? 15000 : 3000);
      });
  }
  poll();
})();
