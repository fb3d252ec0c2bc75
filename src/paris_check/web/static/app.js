// paris_check self-check form: live saving and findings. Progressive enhancement only: without
// this script the form posts normally and the server answers with a new page.
'use strict';

(function () {
  const form = document.getElementById('qform');
  document.documentElement.classList.add('js');
  if (!form) return;

  const status = document.getElementById('save-status');
  const base = form.elements.namedItem('base');
  const csrf = form.elements.namedItem('csrf');
  const banner = document.getElementById('outside');
  let queue = Promise.resolve();
  let pending = 0;

  function say(message, isError) {
    if (!status) return;
    status.textContent = message || '';
    status.classList.toggle('error', Boolean(isError));
  }

  // The fields of one question only: an answer still being corrected elsewhere never blocks
  // the saving of this one.
  function fieldsOf(section) {
    const data = new URLSearchParams();
    data.append('csrf', csrf.value);
    data.append('base', base.value);
    for (const el of section.querySelectorAll('input, select, textarea')) {
      if (!el.name || el.disabled) continue;
      if ((el.type === 'checkbox' || el.type === 'radio') && !el.checked) continue;
      data.append(el.name, el.value);
    }
    return data;
  }

  function showErrors(qids, errors) {
    for (const qid of qids) {
      const section = document.getElementById('q-' + qid.replace(/[._]/g, '-'));
      if (!section) continue;
      const box = section.querySelector('.q-errors');
      const lines = errors[qid] || [];
      box.replaceChildren(...lines.map(function (line) {
        const p = document.createElement('p');
        p.className = 'err';
        p.dir = 'ltr';
        p.textContent = line;
        return p;
      }));
      section.classList.toggle('has-error', lines.length > 0);
      for (const el of section.querySelectorAll('select, input[type="text"]')) {
        if (lines.length) el.setAttribute('aria-invalid', 'true');
        else el.removeAttribute('aria-invalid');
      }
    }
  }

  function apply(reply) {
    if (reply.digest) base.value = reply.digest;
    if (reply.findings !== undefined) document.getElementById('findings').innerHTML = reply.findings;
    if (reply.nav !== undefined) document.getElementById('nav').innerHTML = reply.nav;
    showErrors(reply.questions || [], reply.errors || {});
    const failed = Object.keys(reply.errors || {}).length > 0 || reply.status === 'error';
    if (!failed && reply.status !== 'conflict' && pending > 1) {
      say(form.dataset.saving, false);  // another change is still on its way
    } else {
      say(reply.message || (reply.problems || []).join(' '), failed || reply.status === 'conflict');
    }
    if (reply.outside && banner) banner.hidden = false;
    if (reply.reload && reply.location) window.location.assign(reply.location);
  }

  function save(section) {
    const data = fieldsOf(section);
    pending += 1;
    say(form.dataset.saving, false);
    queue = queue.then(function () {
      data.set('base', base.value);  // the version the previous save left
      return fetch(form.action, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Accept': 'application/json',
                   'Content-Type': 'application/x-www-form-urlencoded' },
        body: data.toString(),
      }).then(function (response) {
        return response.json();
      }).then(apply).catch(function () {
        say(form.dataset.offline, true);
      }).finally(function () { pending -= 1; });
    });
  }

  form.addEventListener('change', function (event) {
    const section = event.target.closest('.q');
    if (section) save(section);
  });

  // "Add evidence" / new rows: copy the last row, empty, with fresh ids.
  let copies = 0;
  for (const button of form.querySelectorAll('button.add-row')) {
    button.hidden = false;
    button.addEventListener('click', function () {
      const rows = button.previousElementSibling;
      const last = rows.lastElementChild;
      const copy = last.cloneNode(true);
      copies += 1;
      for (const el of copy.querySelectorAll('[id]')) {
        const old = el.id;
        el.id = old + '-n' + copies;
        const label = copy.querySelector('label[for="' + old + '"]');
        if (label) label.htmlFor = el.id;
      }
      for (const el of copy.querySelectorAll('input')) el.value = '';
      rows.appendChild(copy);
      const input = copy.querySelector('input');
      if (input) input.focus();
    });
  }

  // Another program (a text editor) changed the file: say so, never overwrite silently.
  function poll() {
    if (pending > 0 || document.hidden) return;
    fetch(form.dataset.state, { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
      .then(function (response) { return response.json(); })
      .then(function (reply) {
        if (pending === 0 && banner && reply.digest && reply.digest !== base.value) banner.hidden = false;
      })
      .catch(function () { /* the server has stopped: the next save says so */ });
  }
  window.setInterval(poll, 4000);

  // A link to a question moves the keyboard focus there too.
  function focusTarget() {
    const id = decodeURIComponent(window.location.hash.slice(1));
    const target = id && document.getElementById(id);
    if (target && target.classList.contains('q')) target.focus();
  }
  window.addEventListener('hashchange', focusTarget);
  focusTarget();
})();
