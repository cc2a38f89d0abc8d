// The phone form, improved when JavaScript runs (it works without it):
// - whatever is typed is kept as a draft in this phone's storage, so a lost connection or a closed tab loses nothing;
// - sending goes through fetch; if the connection is down, the draft waits and is sent when it returns;
// - the draft is deleted only after the server has accepted the report;
// - a photo over the limit is refused here, before it is uploaded.
(function () {
  'use strict';
  var KEY = 'aviso.report.draft';
  var FIELDS = ['size', 'activity', 'location', 'agency', 'time', 'equipment', 'text'];
  var sending = false;

  function form() { return document.getElementById('report-form'); }

  function notice(text) {
    var box = document.getElementById('draft-notice');
    if (!box) { return; }
    box.textContent = text || '';
    box.hidden = !text;
  }

  function storage() {
    try { return window.localStorage; } catch (e) { return null; }
  }

  function readDraft() {
    var s = storage();
    if (!s) { return null; }
    try { return JSON.parse(s.getItem(KEY) || 'null'); } catch (e) { return null; }
  }

  function saveDraft(pending) {
    var s = storage();
    var f = form();
    if (!s || !f) { return; }
    var draft = { pending: !!pending,
      hadPhoto: !!(f.elements.photo && f.elements.photo.files && f.elements.photo.files.length) };
    FIELDS.forEach(function (name) {
      if (name === 'text') {
        draft.text = f.elements.text.value;
      } else {
        var checked = f.querySelector('input[name="' + name + '"]:checked');
        draft[name] = checked ? checked.value : null;
      }
    });
    try { s.setItem(KEY, JSON.stringify(draft)); } catch (e) { /* storage full or disabled: the form still works */ }
  }

  function deleteDraft() {
    var s = storage();
    if (s) { s.removeItem(KEY); }
  }

  function restore(draft) {
    var f = form();
    FIELDS.forEach(function (name) {
      if (name === 'text') {
        if (draft.text) { f.elements.text.value = draft.text; }
      } else if (draft[name]) {
        var radio = document.getElementById(name + '-' + draft[name]);
        if (radio) { radio.checked = true; }
      }
    });
  }

  function csrfToken() {
    var match = document.cookie.match(/(?:^|;\s*)XSRF-TOKEN=([^;]+)/);
    if (match) { return decodeURIComponent(match[1]); }
    var hidden = form() && form().querySelector('input[name="_csrf"]');
    return hidden ? hidden.value : '';
  }

  function photoTooLarge() {
    var f = form();
    var input = f.elements.photo;
    var max = parseInt(f.getAttribute('data-max-photo-bytes'), 10);
    return input && input.files && input.files[0] && input.files[0].size > max;
  }

  function send() {
    var f = form();
    if (sending || !f) { return; }
    if (!navigator.onLine) {
      saveDraft(true);
      notice(f.getAttribute('data-msg-offline'));
      return;
    }
    sending = true;
    saveDraft(true);
    notice(f.getAttribute('data-msg-sending'));
    var buttons = f.querySelectorAll('button[type=submit]');
    buttons.forEach(function (b) { b.disabled = true; });
    fetch(f.action, {
      method: 'POST',
      body: new FormData(f),
      credentials: 'same-origin',
      headers: { 'X-XSRF-TOKEN': csrfToken() }
    }).then(function (response) {
      if (response.ok && response.redirected && response.url.indexOf('/report/status/') >= 0) {
        deleteDraft();
        window.location.assign(response.url);
        return;
      }
      // The server answered but did not accept it: show its page (the reasons), keep the draft, stop retrying.
      saveDraft(false);
      return response.text().then(function (html) {
        var doc = new DOMParser().parseFromString(html, 'text/html');
        var main = doc.getElementById('main');
        if (main) {
          document.getElementById('main').replaceWith(main);
          init();
          var errors = document.getElementById('form-errors');
          if (errors) { errors.focus(); }
        }
      });
    }).catch(function () {
      // no answer at all: the connection dropped. Keep the draft and try again when it returns.
      saveDraft(true);
      notice(f.getAttribute('data-msg-failed'));
    }).then(function () {
      sending = false;
      buttons.forEach(function (b) { b.disabled = false; });
    });
  }

  function init() {
    var f = form();
    if (!f) { return; }
    var draft = readDraft();
    if (draft && f.getAttribute('data-rerendered') !== 'true') {
      restore(draft);
      notice(f.getAttribute('data-msg-restored'));
    }
    f.addEventListener('input', function () { saveDraft(false); });
    f.addEventListener('change', function (event) {
      if (event.target === f.elements.photo && photoTooLarge()) {
        f.elements.photo.value = '';
        notice(f.getAttribute('data-msg-photo-too-large'));
        f.elements.photo.focus();
      }
      saveDraft(false);
    });
    f.addEventListener('submit', function (event) {
      event.preventDefault();
      send();
    });
    if (draft && draft.pending && navigator.onLine) {
      // a report that could not be sent earlier: send it now (its photo, if any, could not be kept)
      if (draft.hadPhoto) { notice(f.getAttribute('data-msg-photo-lost')); }
      send();
    }
  }

  window.addEventListener('online', function () {
    var draft = readDraft();
    if (draft && draft.pending) { send(); }
  });
  init();
})();
