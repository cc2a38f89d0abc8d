// The enrollment link carries the code after '#', which browsers never send to the server.
// Copy it into the form and clear it from the address bar.
(function () {
  var code = window.location.hash.replace(/^#/, '');
  if (code) {
    document.getElementById('code').value = decodeURIComponent(code);
    history.replaceState(null, '', window.location.pathname);
  }
})();
