// The phone form, improved when JavaScript runs (it works without it):
// - whatever is typed is kept as a draft in this phone's storage, so a lost connection or a closed tab loses nothing;
// - a draft never slips into a report unseen: one left from an earlier attempt is shown apart from the form, with
//   what was refused and why, and is only put back into the form when the person asks; "Send now" sends exactly
//   what the form shows;
// - a draft is deleted once the server has accepted its report, after a short time (data-draft-ttl-seconds), and
//   when it belongs to another enrollment of this phone (data-draft-owner);
// - sending goes through fetch; if the connection is down, the report the person sent waits and is sent when the
//   connection returns;
// - a photo is redrawn here before upload: scaled down to the server's largest edge and re-encoded, which also
//   leaves its location and camera details behind; a problem with it is said next to the photo field, with focus.
(function () {
  'use strict';
  var KEY = 'aviso.report.draft';
  var CHOICES = ['size', 'activity', 'location', 'agency', 'time', 'equipment'];
  var sending = false;
  var preparing = null;     // the promise of a photo being redrawn, if any
  var shownDraft = null;    // the earlier draft shown apart from the form

  function form() { return document.getElementById('report-form'); }
  function byId(id) { return document.getElementById(id); }

  function notice(text) {
    var box = byId('draft-notice');
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
    var draft;
    try { draft = JSON.parse(s.getItem(KEY) || 'null'); } catch (e) { draft = null; }
    if (!draft) { return null; }
    var f = form();
    var ttl = f ? parseInt(f.getAttribute('data-draft-ttl-seconds'), 10) : NaN;
    var owner = f ? f.getAttribute('data-draft-owner') : null;
    var stale = typeof draft.savedAt !== 'number' || (!isNaN(ttl) && Date.now() - draft.savedAt > ttl * 1000)
      || draft.savedAt > Date.now() + 60000;
    if (stale || (owner && draft.owner !== owner)) {
      s.removeItem(KEY);
      return null;
    }
    return draft;
  }

  /** What the form shows now. */
  function screen() {
    var f = form();
    var values = { text: f.elements.text.value,
      hadPhoto: !!(f.elements.photo && f.elements.photo.files && f.elements.photo.files.length) };
    CHOICES.forEach(function (name) {
      var checked = f.querySelector('input[name="' + name + '"]:checked');
      values[name] = checked && checked.value !== 'UNKNOWN' ? checked.value : null;
    });
    return values;
  }

  function isEmpty(values) {
    return !values.text.trim() && !values.hadPhoto && CHOICES.every(function (name) { return !values[name]; });
  }

  function saveDraft(values, pending, refused) {
    var s = storage();
    var f = form();
    if (!s || !f) { return; }
    if (!pending && !refused && isEmpty(values)) {
      // nothing typed: nothing to keep (and an older draft is not silently replaced by an empty one)
      return;
    }
    var draft = { owner: f.getAttribute('data-draft-owner') || null, savedAt: Date.now(), pending: !!pending,
      refused: refused || [] };
    Object.keys(values).forEach(function (k) { draft[k] = values[k]; });
    try { s.setItem(KEY, JSON.stringify(draft)); } catch (e) { /* storage full or disabled: the form still works */ }
  }

  function deleteDraft() {
    var s = storage();
    if (s) { s.removeItem(KEY); }
  }

  function restore(values) {
    var f = form();
    f.elements.text.value = values.text || '';
    CHOICES.forEach(function (name) {
      var radio = byId(name + '-' + (values[name] || 'UNKNOWN'));
      if (radio) { radio.checked = true; }
    });
  }

  function labelOf(name, value) {
    var radio = byId(name + '-' + value);
    var span = radio && radio.parentNode.querySelector('span');
    return span ? span.textContent : value;
  }

  function clockTime(millis) {
    var f = form();
    var options = { hour: 'numeric', minute: '2-digit' };
    var zone = f.getAttribute('data-zone');
    if (zone) { options.timeZone = zone; }
    try {
      return new Intl.DateTimeFormat(document.documentElement.lang || undefined, options).format(new Date(millis));
    } catch (e) {
      delete options.timeZone;
      return new Intl.DateTimeFormat(document.documentElement.lang || undefined, options).format(new Date(millis));
    }
  }

  function item(list, text) {
    var li = document.createElement('li');
    li.textContent = text;
    list.appendChild(li);
  }

  /** An earlier draft, shown as a draft: apart from the form, with what was refused and why. */
  function showDraft(draft) {
    var panel = byId('draft-panel');
    if (!panel) { return; }
    shownDraft = draft;
    var saved = byId('draft-saved-at');
    saved.textContent = saved.getAttribute('data-template').replace('{time}', clockTime(draft.savedAt));
    var reasons = byId('draft-reasons');
    reasons.textContent = '';
    (draft.refused || []).forEach(function (reason) { item(reasons, reason); });
    byId('draft-refused').hidden = !(draft.refused && draft.refused.length);
    var contents = byId('draft-contents');
    contents.textContent = '';
    CHOICES.forEach(function (name) {
      if (draft[name]) {
        var legend = document.querySelector('#choices-' + name + ' legend');
        item(contents, (legend ? legend.textContent + ' ' : '') + labelOf(name, draft[name]));
      }
    });
    if (draft.text && draft.text.trim()) { item(contents, '“' + draft.text.trim() + '”'); }
    if (draft.hadPhoto) { item(contents, contents.getAttribute('data-photo')); }
    if (!contents.children.length) { item(contents, contents.getAttribute('data-empty')); }
    panel.hidden = false;
  }

  function hideDraft() {
    var panel = byId('draft-panel');
    if (panel) { panel.hidden = true; }
    shownDraft = null;
  }

  function csrfToken() {
    var match = document.cookie.match(/(?:^|;\s*)XSRF-TOKEN=([^;]+)/);
    if (match) { return decodeURIComponent(match[1]); }
    var hidden = form() && form().querySelector('input[name="_csrf"]');
    return hidden ? hidden.value : '';
  }

  // ---- the photo

  function photoProblem(text) {
    var f = form();
    var box = byId('photo-error');
    var input = f.elements.photo;
    if (!box) { return; }
    box.textContent = text || '';
    box.hidden = !text;
    if (text) {
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', 'photo-hint photo-error');
      box.focus();
    } else {
      input.removeAttribute('aria-invalid');
      input.setAttribute('aria-describedby', 'photo-hint');
    }
  }

  function photoStatus(text) {
    var box = byId('photo-status');
    if (box) { box.textContent = text || ''; }
  }

  function decode(file) {
    if (window.createImageBitmap) {
      return createImageBitmap(file, { imageOrientation: 'from-image' }).catch(function () { return decodeWithImg(file); });
    }
    return decodeWithImg(file);
  }

  function decodeWithImg(file) {
    return new Promise(function (resolve, reject) {
      var url = URL.createObjectURL(file);
      var img = new Image();
      img.onload = function () { resolve(img); };
      img.onerror = function () { URL.revokeObjectURL(url); reject(new Error('unreadable')); };
      img.src = url;
    });
  }

  /** Redraws the chosen photo (at most data-max-photo-edge on its longer side) as a fresh JPEG without metadata. */
  function preparePhoto() {
    var f = form();
    var input = f.elements.photo;
    var file = input.files && input.files[0];
    photoProblem('');
    photoStatus('');
    if (!file) { return Promise.resolve(); }
    var maxEdge = parseInt(f.getAttribute('data-max-photo-edge'), 10) || 2048;
    var maxBytes = parseInt(f.getAttribute('data-max-photo-bytes'), 10);
    photoStatus(f.getAttribute('data-msg-photo-preparing'));
    return decode(file).then(function (image) {
      var width = image.width;
      var height = image.height;
      var scale = Math.min(1, maxEdge / Math.max(width, height));
      var canvas = document.createElement('canvas');
      canvas.width = Math.max(1, Math.round(width * scale));
      canvas.height = Math.max(1, Math.round(height * scale));
      canvas.getContext('2d').drawImage(image, 0, 0, canvas.width, canvas.height);
      if (image.close) { image.close(); }
      return new Promise(function (resolve) { canvas.toBlob(resolve, 'image/jpeg', 0.85); });
    }).then(function (blob) {
      if (!blob || blob.size > maxBytes) { throw new Error('unusable'); }
      var transfer = new DataTransfer();
      transfer.items.add(new File([blob], 'photo.jpg', { type: 'image/jpeg' }));
      input.files = transfer.files;
      input.setAttribute('data-prepared', String(blob.size));
      photoStatus(f.getAttribute('data-msg-photo-ready'));
    }).catch(function () {
      input.value = '';
      photoStatus('');
      photoProblem(f.getAttribute('data-msg-photo-type'));
    });
  }

  // ---- sending

  function send() {
    var f = form();
    if (sending || !f) { return; }
    if (preparing) {
      preparing.then(send);
      return;
    }
    var values = screen();
    hideDraft();
    if (!navigator.onLine) {
      saveDraft(values, true);
      notice(f.getAttribute('data-msg-offline'));
      return;
    }
    sending = true;
    saveDraft(values, true);
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
      // The server answered but did not accept it: show its reasons, keep what the form showed (the server may
      // not have been able to read it back), keep it as a refused draft, stop retrying.
      return response.text().then(function (html) {
        var doc = new DOMParser().parseFromString(html, 'text/html');
        var main = doc.getElementById('main');
        if (!main) { return; }
        byId('main').replaceWith(main);
        restore(values);
        var reasons = [];
        document.querySelectorAll('#form-errors li').forEach(function (li) { reasons.push(li.textContent.trim()); });
        saveDraft(values, false, reasons);
        init(true);
        var errors = byId('photo-error');
        if (!errors || errors.hidden) { errors = byId('form-errors'); }
        if (errors) { errors.focus(); }
      });
    }).catch(function () {
      // no answer at all: the connection dropped. Keep the report and try again when it returns.
      saveDraft(values, true);
      notice(f.getAttribute('data-msg-failed'));
    }).then(function () {
      sending = false;
      buttons.forEach(function (b) { b.disabled = false; });
    });
  }

  function init(afterRefusal) {
    var f = form();
    if (!f) { return; }
    var draft = readDraft();
    if (f.getAttribute('data-rerendered') === 'true' && !afterRefusal) {
      // the server showed this form again with its reasons (no script took part in the post): keep it as it shows
      var reasons = [];
      document.querySelectorAll('#form-errors li').forEach(function (li) { reasons.push(li.textContent.trim()); });
      saveDraft(screen(), false, reasons);
    } else if (draft && draft.pending && navigator.onLine && !afterRefusal) {
      // a report the person sent while the connection was down: put it in the form, where it can be seen, and send
      restore(draft);
      if (draft.hadPhoto) { notice(f.getAttribute('data-msg-photo-lost')); }
      send();
    } else if (draft && draft.pending && !afterRefusal) {
      restore(draft);
      notice(f.getAttribute('data-msg-offline'));
    } else if (draft && !afterRefusal) {
      showDraft(draft);
    }
    f.addEventListener('input', function () { saveDraft(screen(), false); });
    f.addEventListener('change', function (event) {
      if (event.target === f.elements.photo) {
        var done = preparePhoto();
        preparing = done;
        done.then(function () { if (preparing === done) { preparing = null; } saveDraft(screen(), false); });
        return;
      }
      saveDraft(screen(), false);
    });
    f.addEventListener('submit', function (event) {
      event.preventDefault();
      send();
    });
    var use = byId('draft-use');
    if (use) {
      use.addEventListener('click', function () {
        if (shownDraft) { restore(shownDraft); }
        hideDraft();
        notice(f.getAttribute('data-msg-restored'));
        f.elements.text.focus();
      });
    }
    var discard = byId('draft-discard');
    if (discard) {
      discard.addEventListener('click', function () {
        deleteDraft();
        hideDraft();
        notice(f.getAttribute('data-msg-discarded'));
      });
    }
  }

  window.addEventListener('online', function () {
    var draft = readDraft();
    if (draft && draft.pending) { send(); }
  });
  init(false);
})();
