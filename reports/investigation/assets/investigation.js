/*
 * qready investigation report: the client script, inlined into the report by
 * reports/investigation/investigation-html.ts.
 *
 * The answers, principals and problems are already HTML; this script renders the timeline. It
 * reads #inv-data (every distinct string once in `strings`, each row a list of indices into it,
 * in the column order of `columns`), fills the filter menus from the rows, and shows the rows that
 * pass the filters a page at a time. Values only ever reach the page through textContent and
 * attribute setters, never as markup.
 */
/* global document, window */
(function () {
  'use strict';

  var PAGE = 500;
  var DATA_VERSION = 1;

  function byId(id) {
    return document.getElementById(id);
  }

  var data;
  try {
    data = JSON.parse(byId('inv-data').textContent);
    if (data.v !== DATA_VERSION) throw new Error('unexpected data version ' + data.v);
  } catch (err) {
    document.body.dataset.ready = 'error';
    throw err;
  }

  var S = data.strings;
  var rows = data.rows;
  var col = {};
  data.columns.forEach(function (name, i) {
    col[name] = i;
  });
  var flaggedRows = new Set(data.flagged);

  function value(row, name) {
    return S[row[col[name]]];
  }

  // Lowercased text of every field of a row, built once on the first search.
  var haystacks = null;
  function haystack(i) {
    if (!haystacks) {
      haystacks = rows.map(function (row) {
        return row
          .map(function (k) {
            return S[k];
          })
          .join('\n')
          .toLowerCase();
      });
    }
    return haystacks[i];
  }

  var fmt = new Intl.NumberFormat('en-US');

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  var SCOPE_LABELS = { q: 'Amazon Q', related: 'IAM, STS, CloudTrail, Logs', q_invoked: 'Made by Amazon Q for a user' };

  // An empty value (the category of an event outside Amazon Q) is a real choice, so it gets an
  // option value of its own: '' stays "all".
  var EMPTY = '\u2205';
  function optionValue(v) {
    return v === '' ? EMPTY : v;
  }

  // Fills a <select> with the distinct values of a column, most frequent first.
  function fillSelect(select, column, label) {
    var counts = new Map();
    rows.forEach(function (row) {
      var k = row[col[column]];
      counts.set(k, (counts.get(k) || 0) + 1);
    });
    var entries = Array.from(counts.entries()).sort(function (a, b) {
      return b[1] - a[1] || (S[a[0]] < S[b[0]] ? -1 : S[a[0]] > S[b[0]] ? 1 : 0);
    });
    entries.forEach(function (entry) {
      var v = S[entry[0]];
      var option = el('option', null, label(v, entry[0]) + ' (' + fmt.format(entry[1]) + ')');
      option.value = optionValue(v);
      select.appendChild(option);
    });
  }

  var search = byId('tl-search');
  var scope = byId('tl-scope');
  var category = byId('tl-category');
  var principal = byId('tl-principal');
  var name = byId('tl-name');
  var flaggedOnly = byId('tl-flagged');
  var body = byId('tl-body');
  var countEl = byId('tl-count');
  var emptyEl = byId('tl-empty');
  var moreBtn = byId('tl-more');

  fillSelect(scope, 'scope', function (v) {
    return SCOPE_LABELS[v] || v;
  });
  fillSelect(category, 'category', function (v) {
    return v || '(not Amazon Q)';
  });
  // Principal keys can be long ARNs: show the short name with the key's tail.
  var principalNames = new Map();
  rows.forEach(function (row) {
    principalNames.set(value(row, 'principal'), value(row, 'principalName'));
  });
  fillSelect(principal, 'principal', function (v) {
    var short = principalNames.get(v);
    return short && short !== v ? short + ' — ' + v : v;
  });
  fillSelect(name, 'eventName', function (v) {
    return v;
  });
  if (!data.flagged.length) flaggedOnly.disabled = true;

  var matched = [];
  var rendered = 0;

  function cell(tr, text, cls) {
    var td = el('td', cls, text);
    tr.appendChild(td);
    return td;
  }

  function renderRow(i) {
    var row = rows[i];
    var tr = el('tr', flaggedRows.has(i) ? 'flagged-event' : null);
    tr.dataset.testid = 'tl-row';
    tr.dataset.row = String(i);
    tr.dataset.eventId = value(row, 'eventId');
    tr.dataset.scope = value(row, 'scope');
    tr.dataset.principal = value(row, 'principal');
    tr.dataset.eventName = value(row, 'eventName');
    tr.dataset.flagged = flaggedRows.has(i) ? 'true' : 'false';
    cell(tr, value(row, 'time'), 'nowrap');
    cell(tr, SCOPE_LABELS[value(row, 'scope')] || value(row, 'scope'), 'small');
    var ev = cell(tr, value(row, 'eventName'));
    ev.appendChild(el('div', 'subtle small', value(row, 'eventSource')));
    var cat = value(row, 'category');
    var op = value(row, 'operation');
    cell(tr, cat + (op ? ' · ' + op : ''), 'small');
    var who = cell(tr, value(row, 'principalName'));
    who.title = value(row, 'principal');
    who.appendChild(el('div', 'subtle small', value(row, 'principalType')));
    cell(tr, value(row, 'sourceIp'), 'mono small');
    cell(tr, value(row, 'userAgent'), 'small ua');
    cell(tr, value(row, 'region'), 'small');
    var res = cell(tr, value(row, 'applicationId'), 'mono small');
    if (value(row, 'resource')) res.appendChild(el('div', 'subtle', value(row, 'resource')));
    cell(tr, value(row, 'errorCode'), 'small error-cell');
    cell(tr, value(row, 'eventId'), 'mono small');
    return tr;
  }

  function renderMore() {
    var end = Math.min(matched.length, rendered + PAGE);
    var fragment = document.createDocumentFragment();
    for (var k = rendered; k < end; k++) fragment.appendChild(renderRow(matched[k]));
    body.appendChild(fragment);
    rendered = end;
    var left = matched.length - rendered;
    moreBtn.hidden = left <= 0;
    if (left > 0) moreBtn.textContent = 'Show ' + fmt.format(Math.min(PAGE, left)) + ' more (' + fmt.format(left) + ' not shown)';
  }

  function apply() {
    var text = search.value.trim().toLowerCase();
    var wantScope = scope.value;
    var wantCategory = category.value;
    var wantPrincipal = principal.value;
    var wantName = name.value;
    var onlyFlagged = flaggedOnly.checked;
    var any = text || wantScope || wantCategory || wantPrincipal || wantName || onlyFlagged;
    matched = [];
    for (var i = 0; i < rows.length; i++) {
      var row = rows[i];
      if (wantScope && optionValue(value(row, 'scope')) !== wantScope) continue;
      if (wantCategory && optionValue(value(row, 'category')) !== wantCategory) continue;
      if (wantPrincipal && optionValue(value(row, 'principal')) !== wantPrincipal) continue;
      if (wantName && optionValue(value(row, 'eventName')) !== wantName) continue;
      if (onlyFlagged && !flaggedRows.has(i)) continue;
      if (text && haystack(i).indexOf(text) < 0) continue;
      matched.push(i);
    }
    body.textContent = '';
    rendered = 0;
    renderMore();
    emptyEl.hidden = matched.length > 0;
    countEl.dataset.matches = String(matched.length);
    var rest = data.total - data.shown;
    countEl.textContent = any
      ? fmt.format(matched.length) + ' of ' + fmt.format(rows.length) + ' events match' + (rest > 0 ? ' (among the first ' + fmt.format(rows.length) + ' only)' : '')
      : fmt.format(rows.length) + ' events' + (rest > 0 ? ', ' + fmt.format(rest) + ' more in the JSON and CSV' : '');
  }

  var timer = 0;
  search.addEventListener('input', function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(apply, 120);
  });
  [scope, category, principal, name, flaggedOnly].forEach(function (control) {
    control.addEventListener('change', apply);
  });
  moreBtn.addEventListener('click', renderMore);
  byId('tl-clear').addEventListener('click', function () {
    search.value = '';
    scope.value = '';
    category.value = '';
    principal.value = '';
    name.value = '';
    flaggedOnly.checked = false;
    apply();
  });

  // "Show in timeline" beside each principal: filter the timeline to it and go there.
  Array.prototype.forEach.call(document.querySelectorAll('[data-testid="principal-filter"]'), function (button) {
    button.addEventListener('click', function () {
      var key = button.dataset.principal;
      var present = Array.prototype.some.call(principal.options, function (o) {
        return o.value === key;
      });
      if (!present) {
        var option = el('option', null, key + ' (0 in the embedded timeline)');
        option.value = key;
        principal.appendChild(option);
      }
      principal.value = key;
      apply();
      byId('timeline').scrollIntoView();
    });
  });

  apply();
  document.body.dataset.ready = 'true';
})();
