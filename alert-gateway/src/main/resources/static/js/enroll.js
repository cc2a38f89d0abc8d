// The enrollment link carries the code after '#', which browsers never send to the server.
// Copy it into the form and clear it from the address bar.
(function () {
  // a report draft never outlives the enrollment it was typed under: enrolling (again) starts without one
  try { window.localStorage.removeItem('aviso.report.draft'); } catch (e) { /* no storage: nothing to delete */ }
  var code = window.location.hash.replace(/^#/, '');
  if (code) {
    document.getElementById('code').value = decodeURIComponent(code);
    history.replaceState(null, '', window.location.pathname);
  }
})();
