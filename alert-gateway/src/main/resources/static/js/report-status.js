// Keeps the report's status current without a manual refresh: every 15 seconds, fetch this same page and swap in
// its status region when the status changed (the region is aria-live, so screen readers hear the change).
(function () {
  'use strict';
  // the report was accepted: the draft it was sent from is done with (report.js deletes it too, before coming here)
  if (/[?&]sent\b/.test(window.location.search)) {
    try { window.localStorage.removeItem('aviso.report.draft'); } catch (e) { /* no storage */ }
  }
  var region = document.getElementById('report-status');
  if (!region || !window.fetch) { return; }
  var FINAL = ['VERIFIED', 'FALSE_ALARM', 'UNABLE_TO_VERIFY'];

  function poll() {
    if (FINAL.indexOf(region.getAttribute('data-status')) >= 0) { return; }
    fetch(window.location.pathname, { credentials: 'same-origin', headers: { 'Accept': 'text/html' } })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (!html) { return; }
        var fresh = new DOMParser().parseFromString(html, 'text/html').getElementById('report-status');
        if (fresh && fresh.getAttribute('data-status') !== region.getAttribute('data-status')) {
          region.innerHTML = fresh.innerHTML;
          region.setAttribute('data-status', fresh.getAttribute('data-status'));
        }
      })
      .catch(function () { /* offline: try again next time */ })
      .then(function () { window.setTimeout(poll, 15000); });
  }
  window.setTimeout(poll, 15000);
})();
