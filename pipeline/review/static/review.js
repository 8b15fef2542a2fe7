// policyx review: one document page. Offsets on the wire are Unicode code points (spec §1);
// JavaScript strings index UTF-16 code units, so every offset crosses cp2u / u2cp below.
// Document text is only ever set with textContent: markup inside a plan stays text.
(function () {
  'use strict';
  var TYPES = [];         // record type names, in order, as the server declares them (state.types)
  var main = document.querySelector('main.doc');
  var api = '/api/docs/' + encodeURIComponent(main.dataset.docId);
  var $ = function (sel) { return document.querySelector(sel); };
  var saved = null;      // last saved state from the server
  var view = null;       // saved state with the pending changes applied (server dry run)
  var pending = [];      // changes not saved yet
  var maps = null;       // {cp2u, u2cp}
  var selected = null;   // record id
  var lastSel = null;    // [start, end] code points of the last text selection
  var sortKey = 'pos', sortAsc = true, adding = null;

  // ---- offsets -------------------------------------------------------------------------
  function buildMaps(text) {
    var cp2u = [0], u = 0;
    for (var ch of text) { u += ch.length; cp2u.push(u); }
    var u2cp = new Int32Array(u + 1);
    for (var c = 0; c < cp2u.length - 1; c++) for (var k = cp2u[c]; k < cp2u[c + 1]; k++) u2cp[k] = c;
    u2cp[u] = cp2u.length - 1;
    return {cp2u: cp2u, u2cp: u2cp};
  }
  function slice(s, e) { return view.text.slice(maps.cp2u[s], maps.cp2u[e]); }
  function u16ToCp(i, roundUp) {
    var c = maps.u2cp[i];
    return (roundUp && maps.cp2u[c] !== i) ? c + 1 : c;  // never split a surrogate pair
  }
  function selectionSpan() {
    var sel = window.getSelection();
    if (!sel.rangeCount || sel.isCollapsed) return null;
    var r = sel.getRangeAt(0), root = $('#text');
    if (!root.contains(r.startContainer) || !root.contains(r.endContainer)) return null;
    var pre = document.createRange();
    pre.selectNodeContents(root);
    pre.setEnd(r.startContainer, r.startOffset);
    var s16 = pre.toString().length, e16 = s16 + r.toString().length;
    var s = u16ToCp(s16, false), e = u16ToCp(e16, true);
    while (s < e && /\s/.test(slice(s, s + 1))) s++;
    while (e > s && /\s/.test(slice(e - 1, e))) e--;
    return s < e ? [s, e] : null;
  }

  // ---- records -------------------------------------------------------------------------
  function allRecords() {
    var out = [];
    TYPES.forEach(function (t) {
      (view.doc[t] || []).forEach(function (r) { out.push({type: t, rec: r, id: r.review.id, status: r.review.status}); });
    });
    return out;
  }
  function byId(id) { return allRecords().find(function (x) { return x.id === id; }) || null; }
  function visible() {
    var f = $('#filter').value, low = view.low_confidence;
    var list = allRecords().filter(function (x) {
      if (f === 'low') return x.rec.confidence != null && x.rec.confidence < low;
      if (f === 'pending') return x.status === 'pending' || x.status === 'incomplete';
      if (TYPES.indexOf(f) >= 0) return x.type === f;
      return true;
    });
    var key = {
      pos: function (x) { return x.rec.span[0] * 1e6 + x.rec.span[1]; },
      confidence: function (x) { return x.rec.confidence == null ? 2 : x.rec.confidence; },
      type: function (x) { return x.type; }, status: function (x) { return x.status; }
    }[sortKey];
    list.sort(function (a, b) {
      var ka = key(a), kb = key(b), r = ka < kb ? -1 : ka > kb ? 1 : a.rec.span[0] - b.rec.span[0];
      return sortAsc ? r : -r;
    });
    return list;
  }

  // ---- drawing -------------------------------------------------------------------------
  function colour(t) { return 'var(--c-' + t + ')'; }
  function drawText() {
    var root = $('#text'), recs = allRecords(), cuts = new Set([0, maps.cp2u.length - 1]);
    recs.forEach(function (x) { cuts.add(x.rec.span[0]); cuts.add(x.rec.span[1]); });
    cuts = Array.from(cuts).sort(function (a, b) { return a - b; });
    var frag = document.createDocumentFragment();
    for (var i = 0; i + 1 < cuts.length; i++) {
      var a = cuts[i], b = cuts[i + 1];
      var cover = recs.filter(function (x) { return x.rec.span[0] <= a && b <= x.rec.span[1]; });
      var piece = slice(a, b);
      if (!cover.length) { frag.appendChild(document.createTextNode(piece)); continue; }
      var el = document.createElement('span');
      el.textContent = piece;
      el.className = 'hl' + (cover.length > 1 ? ' ov' : '')
        + (cover.every(function (x) { return x.status === 'rejected'; }) ? ' rej' : '')
        + (cover.some(function (x) { return x.id === selected; }) ? ' sel' : '');
      var types = Array.from(new Set(cover.map(function (x) { return x.type; })));
      el.style.background = types.length === 1 ? colour(types[0]) : 'linear-gradient(' + types.map(function (t, k) {
        return colour(t) + ' ' + (100 * k / types.length) + '% ' + (100 * (k + 1) / types.length) + '%';
      }).join(',') + ')';
      el.dataset.ids = cover.map(function (x) { return x.id; }).join(' ');
      el.title = cover.map(function (x) { return x.id + ' (' + x.status + ')'; }).join('\n');
      frag.appendChild(el);
    }
    root.replaceChildren(frag);
  }
  function cellText(td, text, cls) { td.textContent = text; if (cls) td.className = cls; return td; }
  function drawTable() {
    var body = $('#records tbody'), low = view.low_confidence;
    body.replaceChildren();
    visible().forEach(function (x) {
      var tr = document.createElement('tr');
      tr.className = 'st-' + x.status + (x.id === selected ? ' sel' : '');
      tr.dataset.id = x.id;
      tr.appendChild(cellText(document.createElement('td'), String(x.rec.span[0]), 'num'));
      var t = document.createElement('td'), chip = document.createElement('span');
      chip.className = 'chip t-' + x.type; chip.textContent = x.type; t.appendChild(chip); tr.appendChild(t);
      tr.appendChild(cellText(document.createElement('td'), x.status, 'st'));
      var q = x.rec.quote || '';
      tr.appendChild(cellText(document.createElement('td'), q.length > 36 ? q.slice(0, 35) + '…' : q));
      var c = x.rec.confidence;
      tr.appendChild(cellText(document.createElement('td'), c == null ? '–' : String(c),
        'num' + (c != null && c < low ? ' low' : '')));
      tr.addEventListener('click', function () { select(x.id, true); });
      body.appendChild(tr);
    });
  }
  function drawHeader() {
    var r = view.doc.review, badge = $('#status');
    $('#title').textContent = (view.doc.meta && view.doc.meta.title) || view.doc.doc_id;
    badge.textContent = r.status.replace('_', ' ') + ' · v' + saved.version;
    badge.className = 'badge ' + r.status;
    var p = $('#pending');
    p.textContent = pending.length ? pending.length + ' unsaved change(s)' : 'no unsaved changes';
    p.className = pending.length ? 'dirty' : '';
    var w = $('#warnlist');
    w.replaceChildren();
    view.warnings.forEach(function (m) { var li = document.createElement('li'); li.textContent = m; w.appendChild(li); });
  }
  // Possible misses: triggers in the text that no record covers (pipeline/audit.py); a click opens
  // the add form on the trigger, typed as the audit guessed, for the reviewer to correct and add.
  function drawMisses() {
    var list = $('#misslist'), misses = view.possible_misses || [];
    $('#misscount').textContent = '(' + misses.length + ')';
    list.replaceChildren();
    misses.forEach(function (m) {
      var li = document.createElement('li'), a = document.createElement('a');
      a.href = '#'; a.className = 'miss';
      a.textContent = m.rtype + ' · ' + m.kind + ' · ' + m.quote;
      a.title = (m.section || '') + '\n' + m.context;
      a.addEventListener('click', function (ev) {
        ev.preventDefault();
        adding = {span: m.span.slice(), type: m.rtype}; selected = null; lastSel = m.span.slice();
        message(''); draw();
        var el = document.querySelector('#form'); if (el) el.scrollIntoView({block: 'nearest'});
      });
      li.appendChild(a); list.appendChild(li);
    });
  }
  function draw() { drawHeader(); drawText(); drawTable(); drawMisses(); drawForm(); }

  // ---- the record form -------------------------------------------------------------------
  function input(spec, value) {
    var el;
    if (spec.kind === 'enum') {
      el = document.createElement('select');
      var opts = (spec.nullable ? [''] : (value == null ? [''] : [])).concat(spec.values);
      opts.forEach(function (v) {
        var o = document.createElement('option'); o.value = v; o.textContent = v === '' ? '(none)' : v; el.appendChild(o);
      });
      el.value = value == null ? '' : value;
    } else if (spec.kind === 'boolean') {
      el = document.createElement('input'); el.type = 'checkbox'; el.checked = !!value;
    } else {
      el = document.createElement('input'); el.type = 'text';
      el.value = value == null ? '' : spec.kind === 'list' ? value.join('、')
        : spec.kind === 'json' ? JSON.stringify(value) : String(value);
    }
    el.name = spec.name;
    return el;
  }
  function parse(spec, el) {
    if (spec.kind === 'boolean') return el.checked;
    var v = el.value.trim();
    if (v === '' || (spec.kind === 'json' && v === 'null')) {
      if (spec.nullable) return null;
      throw new Error(spec.name + ' is required');
    }
    if (spec.kind === 'integer' || spec.kind === 'number') {
      var n = Number(v.replace(/[,，]/g, ''));
      if (!isFinite(n) || (spec.kind === 'integer' && !Number.isInteger(n))) throw new Error(spec.name + ': ' + v + ' is not ' + (spec.kind === 'integer' ? 'a whole number' : 'a number'));
      return n;
    }
    if (spec.kind === 'list') return v.split(/[、，,；;]/).map(function (s) { return s.trim(); }).filter(Boolean);
    if (spec.kind === 'json') { try { return JSON.parse(v); } catch (e) { throw new Error(spec.name + ': not valid JSON'); } }
    return v;
  }
  function fieldsBox(type, rec) {
    var box = document.createElement('div');
    view.fields[type].forEach(function (spec) {
      var label = document.createElement('label'), name = document.createElement('span');
      name.textContent = spec.name + (spec.required && !spec.nullable ? ' *' : '');
      label.appendChild(name); label.appendChild(input(spec, rec ? rec[spec.name] : null));
      box.appendChild(label);
    });
    return box;
  }
  function readFields(type, box, rec) {
    var out = {};
    view.fields[type].forEach(function (spec) {
      var v = parse(spec, box.querySelector('[name="' + spec.name + '"]'));
      if (!rec || JSON.stringify(v) !== JSON.stringify(rec[spec.name] === undefined ? null : rec[spec.name])) out[spec.name] = v;
    });
    return out;
  }
  function button(text, fn, cls) {
    var b = document.createElement('button'); b.type = 'button'; b.textContent = text; b.addEventListener('click', fn);
    if (cls) b.className = cls; return b;
  }
  function para(text, cls) { var p = document.createElement('p'); p.textContent = text; if (cls) p.className = cls; return p; }
  function drawForm() {
    var form = $('#form');
    form.replaceChildren();
    if (adding) return drawAddForm(form);
    var x = selected && byId(selected);
    if (!x) { form.appendChild(para('Pick a record (click it, j/k), or select text and press n to add one.', 'muted')); return; }
    form.appendChild(para(x.id + ' · ' + x.type + ' · ' + x.status + ' · span ' + x.rec.span[0] + '–' + x.rec.span[1]
      + (x.rec.rule ? ' · ' + x.rec.rule : '') + (x.rec.confidence != null ? ' · confidence ' + x.rec.confidence : ''), 'muted'));
    form.appendChild(para(x.rec.quote, 'quote'));
    if (x.rec.page) {  // PDF sources: the page image with the record outlined (pipeline/page_image.py)
      var link = document.createElement('a');
      link.href = api + '/pages/' + x.rec.page + '.png'; link.target = '_blank'; link.rel = 'noopener';
      link.textContent = 'page ' + x.rec.page + ' (image)';
      var where = para('', 'muted'); where.appendChild(link); form.appendChild(where);
    }
    var box = fieldsBox(x.type, x.rec);
    form.appendChild(box);
    var buttons = document.createElement('div'); buttons.className = 'buttons';
    buttons.appendChild(button('Accept (a)', function () { change({op: 'accept', type: x.type, id: x.id}); }));
    buttons.appendChild(button('Reject (r)', function () { change({op: 'reject', type: x.type, id: x.id}); }));
    buttons.appendChild(button('Apply edits', function () {
      try {
        var fields = readFields(x.type, box, x.rec);
        if (!Object.keys(fields).length) return message('Nothing changed in the form.', 'info');
        change({op: 'edit', type: x.type, id: x.id, fields: fields});
      } catch (e) { message(e.message, 'error'); }
    }, 'primary'));
    buttons.appendChild(button('Move span to selection (m)', moveSpan));
    form.appendChild(buttons);
  }
  function drawAddForm(form) {
    form.appendChild(para('New record at ' + adding.span[0] + '–' + adding.span[1], 'muted'));
    form.appendChild(para(slice(adding.span[0], adding.span[1]), 'quote'));
    var label = document.createElement('label'), name = document.createElement('span'), sel = document.createElement('select');
    name.textContent = 'type';
    TYPES.forEach(function (t) { var o = document.createElement('option'); o.value = t; o.textContent = t; sel.appendChild(o); });
    sel.value = adding.type; sel.name = '__type';
    sel.addEventListener('change', function () { adding.type = sel.value; drawForm(); });
    label.appendChild(name); label.appendChild(sel); form.appendChild(label);
    var box = fieldsBox(adding.type, null);
    form.appendChild(box);
    var buttons = document.createElement('div'); buttons.className = 'buttons';
    buttons.appendChild(button('Add record', function () {
      try {
        var record = readFields(adding.type, box, null);
        record.span = adding.span;
        var type = adding.type, span = adding.span;
        change({op: 'add', type: type, record: record}, function () {
          adding = null;
          var x = allRecords().find(function (r) { return r.type === type && r.status === 'added' && r.rec.span[0] === span[0] && r.rec.span[1] === span[1]; });
          select(x ? x.id : null, true);
        });
      } catch (e) { message(e.message, 'error'); }
    }, 'primary'));
    buttons.appendChild(button('Cancel', function () { adding = null; drawForm(); }));
    form.appendChild(buttons);
  }

  // ---- actions -------------------------------------------------------------------------
  function message(text, kind) {
    var m = $('#message'); m.hidden = !text; m.textContent = text || ''; m.className = kind || 'info';
  }
  function select(id, scroll) {
    selected = id; adding = null;
    draw();
    if (scroll && id) {
      var el = document.querySelector('#text .sel'); if (el) el.scrollIntoView({block: 'center'});
      var row = document.querySelector('#records tr.sel'); if (row) row.scrollIntoView({block: 'nearest'});
    }
  }
  function step(delta) {
    var list = visible(); if (!list.length) return;
    var i = list.findIndex(function (x) { return x.id === selected; });
    i = i < 0 ? (delta > 0 ? 0 : list.length - 1) : Math.min(list.length - 1, Math.max(0, i + delta));
    select(list[i].id, true);
  }
  function post(body) {
    body.reviewer = $('#reviewer').value.trim() || null;
    return fetch(api + '/changes', {method: 'POST', headers: {'Content-Type': 'application/json'},
      body: JSON.stringify(body), credentials: 'same-origin'})
      .then(function (res) { return res.json().then(function (data) { return {status: res.status, data: data}; }); });
  }
  // Every change is checked by the server (dry run) at once, so a bad value is refused where it is typed.
  function change(op, then) {
    pending.push(op);
    post({base_version: saved.version, ops: pending, dry_run: true}).then(function (r) {
      if (r.status !== 200) { pending.pop(); return failed(r); }
      view = r.data; message('');
      if (then) then(); else draw();
      if (op.op === 'accept' || op.op === 'reject') step(1);
    });
  }
  function save(then) {
    if (!pending.length) { message('Nothing to save.', 'info'); return; }
    post({base_version: saved.version, ops: pending, dry_run: false}).then(function (r) {
      if (r.status !== 200) return failed(r);
      saved = view = r.data; pending = [];
      message('Saved: version ' + saved.version + '.', 'info');
      draw(); if (then) then();
    });
  }
  function failed(r) {
    var text = typeof r.data.detail === 'string' ? r.data.detail : JSON.stringify(r.data.detail);
    if (r.status === 409) text = 'Conflict: ' + text + '\nYour ' + pending.length + ' unsaved change(s) are still listed; reload to start again from the saved version.';
    message(text, 'error');
  }
  function addFromSelection() {
    var span = selectionSpan() || lastSel;
    if (!span) return message('Select the text of the missed record first, then press n.', 'error');
    adding = {span: span, type: adding ? adding.type : TYPES[TYPES.length - 1]}; selected = null;  // the spec's last: targets
    message(''); draw();
  }
  function moveSpan() {
    var x = selected && byId(selected), span = selectionSpan() || lastSel;
    if (!x) return message('Pick the record to move first.', 'error');
    if (!span) return message('Select the new text for ' + x.id + ' first, then press m.', 'error');
    change({op: 'edit', type: x.type, id: x.id, fields: {span: span}});
  }
  function load() {
    return fetch(api, {credentials: 'same-origin'}).then(function (res) {
      return res.json().then(function (data) {
        if (res.status !== 200) { message(data.detail || 'cannot load the document', 'error'); return; }
        TYPES = data.types.map(function (t) { return t.name; });
        saved = view = data; pending = []; maps = buildMaps(data.text); draw();
      });
    });
  }

  // ---- wiring --------------------------------------------------------------------------
  $('#reviewer').value = localStorage.getItem('policyx-reviewer') || '';
  $('#reviewer').addEventListener('change', function () { localStorage.setItem('policyx-reviewer', $('#reviewer').value.trim()); });
  $('#save').addEventListener('click', function () { save(); });
  $('#discard').addEventListener('click', function () { view = saved; pending = []; adding = null; message('Unsaved changes discarded.', 'info'); draw(); });
  $('#mark').addEventListener('click', function () {
    pending.push({op: view.doc.review.status === 'reviewed' ? 'reopen' : 'mark_reviewed'}); save();
  });
  $('#filter').addEventListener('change', drawTable);
  document.querySelectorAll('#records th[data-sort]').forEach(function (th) {
    th.addEventListener('click', function () {
      sortAsc = sortKey === th.dataset.sort ? !sortAsc : true; sortKey = th.dataset.sort; drawTable();
    });
  });
  $('#text').addEventListener('mouseup', function (ev) {
    var span = selectionSpan();
    if (span) { lastSel = span; return; }
    var hit = ev.target.closest && ev.target.closest('.hl');
    if (hit) {
      var ids = hit.dataset.ids.split(' '), i = ids.indexOf(selected);
      select(ids[(i + 1) % ids.length], false);  // clicking an overlap again cycles through its records
    }
  });
  document.addEventListener('keydown', function (e) {
    var tag = (e.target.tagName || '').toLowerCase();
    if ((e.ctrlKey || e.metaKey) && e.key === 's') { e.preventDefault(); save(); return; }
    if (tag === 'input' || tag === 'select' || tag === 'textarea' || e.ctrlKey || e.metaKey || e.altKey) return;
    var x = selected && byId(selected);
    if (e.key === 'j') step(1);
    else if (e.key === 'k') step(-1);
    else if (e.key === 'a' && x) change({op: 'accept', type: x.type, id: x.id});
    else if (e.key === 'r' && x) change({op: 'reject', type: x.type, id: x.id});
    else if (e.key === 'n') addFromSelection();
    else if (e.key === 'm') moveSpan();
    else if (e.key === 's') save();
    else return;
    e.preventDefault();
  });
  window.addEventListener('beforeunload', function (e) { if (pending.length) { e.preventDefault(); e.returnValue = ''; } });
  window.policyxReview = {selectionSpan: selectionSpan, state: function () { return {saved: saved, view: view, pending: pending}; }};
  load();
})();
