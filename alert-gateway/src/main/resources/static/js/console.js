// Keeps the console's queue live: listen to the server's events and re-fetch the live part of the page when a
// report changes. Alerts awaiting approval and channel tasks are not announced by events, so the same fetch also
// runs every 20 seconds. Keyboard focus stays on the same button (ids are stable) across a refresh.
(function () {
  'use strict';
  var live = document.getElementById('live');
  var status = document.getElementById('live-status');
  if (!live || !window.fetch) { return; }
  var url = live.getAttribute('data-live-url');
  var timer = null;
  var inFlight = false;

  function say(attribute) {
    if (status) { status.textContent = status.getAttribute(attribute) || ''; }
  }

  function refresh() {
    if (inFlight) { return; }
    inFlight = true;
    fetch(url, { credentials: 'same-origin', headers: { 'Accept': 'text/html' } })
      .then(function (response) {
        if (response.redirected || !response.ok) { throw new Error('signed out or failed'); }
        return response.text();
      })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, 'text/html').getElementById('live');
        if (!fresh) { return; }
        var focused = document.activeElement && live.contains(document.activeElement) ? document.activeElement.id : null;
        live.replaceWith(fresh);
        live = fresh;
        if (focused && document.getElementById(focused)) { document.getElementById(focused).focus(); }
      })
      .catch(function () { say('data-msg-offline'); })
      .then(function () { inFlight = false; });
  }

  function soon() {
    window.clearTimeout(timer);
    timer = window.setTimeout(refresh, 250);
  }

  if (window.EventSource) {
    var events = new EventSource(live.getAttribute('data-events-url') || (url.replace(/\/live$/, '/events')));
    events.addEventListener('hello', function () { say('data-msg-live'); });
    events.addEventListener('changed', soon);
    events.onerror = function () { say('data-msg-offline'); };
    events.onopen = function () { say('data-msg-live'); soon(); };
  }
  window.setInterval(refresh, 20000);
})();
