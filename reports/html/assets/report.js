/*
 * qready HTML report: the client script, inlined into the report by reports/html/html-report.ts.
 *
 * It reads the compact scan data from the JSON data element #qready-data and builds
 * the page. Every piece of scan data reaches the DOM through textContent, createTextNode or
 * setAttribute on a fixed, harmless attribute name; nothing is ever parsed as HTML. Findings are
 * filtered over the data's columns (not over the DOM) and rendered in batches as the user scrolls,
 * so reports with tens of thousands of findings stay responsive.
 */
(function () {
  'use strict';

  var BATCH = 200;
  var DATA_VERSION = 1;
  var STATUS_ORDER = ['FAIL', 'ERROR', 'MANUAL', 'PASS'];
  var STATUS_LABEL = { PASS: 'Pass', FAIL: 'Fail', MANUAL: 'Manual', ERROR: 'Error', NOT_COVERED: 'Not covered' };
  var SEVERITY_LABEL = { critical: 'Critical', high: 'High', medium: 'Medium', low: 'Low', informational: 'Informational' };
  var INVENTORY_CHECK = 'iam_credential_inventory';
  var STALE_DAYS = 90;
  var DAY_MS = 86400000;

  function byId(id) {
    return document.getElementById(id);
  }

  /**
   * Creates an element. `props` keys are fixed names chosen by this script: `class`, `text`
   * (textContent) or an attribute name; values are set with setAttribute, never parsed as HTML.
   */
  function h(tag, props, children) {
    var el = document.createElement(tag);
    if (props) {
      Object.keys(props).forEach(function (key) {
        var value = props[key];
        if (value === null || value === undefined || value === false) return;
        if (key === 'class') el.className = value;
        else if (key === 'text') el.textContent = String(value);
        else el.setAttribute(key, value === true ? '' : String(value));
      });
    }
    if (children) append(el, children);
    return el;
  }

  function append(el, children) {
    children.forEach(function (child) {
      if (child === null || child === undefined || child === false) return;
      el.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
    });
    return el;
  }

  /** 12345 → "12,345" (not toLocaleString: its first call initialises ICU, which is slow). */
  function fmtInt(n) {
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  }

  function parseTime(value) {
    if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(value)) return null;
    var t = Date.parse(value);
    return isNaN(t) ? null : t;
  }

  function fmtTime(value) {
    var t = parseTime(value);
    if (t === null) return value === null || value === undefined || value === '' ? '—' : String(value);
    return new Date(t).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC').replace(/Z$/, ' UTC');
  }

  function fmtDuration(ms) {
    if (!(ms >= 0)) return '—';
    var s = Math.round(ms / 1000);
    if (s < 60) return s + ' s';
    var m = Math.floor(s / 60);
    if (m < 60) return m + ' min ' + (s % 60) + ' s';
    return Math.floor(m / 60) + ' h ' + (m % 60) + ' min';
  }

  function showFatal(message) {
    var main = byId('main');
    main.textContent = '';
    main.appendChild(h('p', { class: 'fatal', role: 'alert', text: message }));
    document.body.dataset.ready = 'error';
  }

  // ---------------------------------------------------------------- data

  var dataEl = byId('qready-data');
  var D;
  performance.mark('qready:start');
  try {
    D = JSON.parse(dataEl ? dataEl.textContent : 'null');
    performance.mark('qready:parsed');
  } catch (e) {
    showFatal('The report data could not be read: ' + String(e));
    return;
  }
  if (!D || D.v !== DATA_VERSION) {
    showFatal('This report was written in a data format this page does not understand.');
    return;
  }

  var scan = D.scan;
  var F = D.f;
  var N = F.c.length;
  var checks = D.checks;
  var statuses = D.statuses;
  var severities = D.severities;
  var scanEnd = parseTime(scan.finished_at);

  var muted = new Uint8Array(N);
  var muteReason = new Map();
  D.muted.forEach(function (pair) {
    muted[pair[0]] = 1;
    muteReason.set(pair[0], pair[1]);
  });
  var overrides = new Map(D.o);

  function statusOf(i) {
    return statuses[F.s[i]];
  }
  function severityOf(i) {
    return severities[F.v[i]];
  }
  function checkOf(i) {
    return checks[F.c[i]];
  }
  /** A string as stored: itself, or [index of an interned ARN prefix, rest]. */
  function unpack(value) {
    if (value === null || value === undefined) return null;
    return typeof value === 'string' ? value : D.px[value[0]] + value[1];
  }
  function idOf(i) {
    return unpack(F.i[i]);
  }
  /** The ARN: 0 = the resource id; [prefix, middle, 1] = prefix + middle + the resource id. */
  function arnOf(i) {
    var a = F.a[i];
    if (a === 0) return idOf(i);
    if (Array.isArray(a) && a.length > 2) return D.px[a[0]] + a[1] + idOf(i);
    return unpack(a);
  }
  /** The name: 1 = the last "/" segment of the resource id, 2 = the resource id. */
  function nameOf(i) {
    var n = F.n[i];
    if (n === 1) {
      var id = idOf(i);
      return id.slice(id.lastIndexOf('/') + 1);
    }
    return n === 2 ? idOf(i) : n;
  }
  /** The finding id: stored as is, or packed (40 hex digits as 27 base64 characters) in D.xb. */
  function findingIdOf(i) {
    if (typeof D.xb !== 'string') return F.x[i];
    var bytes = window.atob(D.xb.substr(i * 27, 27) + '=');
    var hex = '';
    for (var k = 0; k < bytes.length; k++) {
      var b = bytes.charCodeAt(k);
      hex += (b < 16 ? '0' : '') + b.toString(16);
    }
    return hex;
  }
  /** The message: stored as is, or as a shared template with the resource name or id left out. */
  function messageOf(i) {
    var m = F.m[i];
    if (typeof m !== 'number') return m;
    var t = D.mt[m];
    if (t.indexOf('\u0001') >= 0) return t.split('\u0001').join(nameOf(i));
    if (t.indexOf('\u0002') >= 0) return t.split('\u0002').join(idOf(i));
    return t;
  }
  var evRow = null;

  /** Each finding's row in its evidence shape's columns (or its index in ev.raw), counted once on first use. */
  function evidenceRows() {
    evRow = new Int32Array(N);
    var next = new Int32Array(D.ev.shapes.length + 1);
    var raw = 0;
    for (var i = 0; i < N; i++) {
      var e = F.e[i];
      if (e > 0) evRow[i] = next[e]++;
      else if (e < 0) evRow[i] = raw++;
    }
  }

  /** The evidence object of a finding, rebuilt from the column store. */
  function evidenceOf(i) {
    var e = F.e[i];
    if (!e) return null;
    if (!evRow) evidenceRows();
    if (e < 0) return D.ev.raw[evRow[i]];
    var shape = D.ev.shapes[e - 1];
    var row = evRow[i];
    var out = {};
    for (var k = 0; k < shape.k.length; k++) {
      var value = shape.c[k][row];
      if (shape.i.indexOf(k) >= 0) value = D.ev.strings[value];
      // defineProperty, not assignment: a key named "__proto__" stays an ordinary property.
      Object.defineProperty(out, shape.k[k], { value: value, enumerable: true, writable: true, configurable: true });
    }
    return out;
  }

  function override(i, key) {
    var o = overrides.get(i);
    return o && Object.prototype.hasOwnProperty.call(o, key) ? o[key] : undefined;
  }
  function titleOf(i) {
    var t = override(i, 'title');
    return t === undefined ? checkOf(i).title : t;
  }

  // ---------------------------------------------------------------- header

  function renderHeader() {
    byId('tool-version').textContent = scan.tool_version;
    document.title = 'qready report: ' + scan.account_id + ' (' + scan.partition + ')';
    var started = parseTime(scan.started_at);
    var items = [
      ['Account', scan.account_id, 'meta-account', true],
      ['Partition', scan.partition, 'meta-partition', true],
      ['Tool version', scan.tool_version, 'meta-version', true],
      ['Scan id', scan.id, 'meta-scan-id', true],
      ['Started', fmtTime(scan.started_at), 'meta-started', false],
      ['Finished', fmtTime(scan.finished_at), 'meta-finished', false],
      ['Duration', started !== null && scanEnd !== null ? fmtDuration(scanEnd - started) : '—', 'meta-duration', false],
      ['Regions', scan.regions.length ? scan.regions.length + ': ' + scan.regions.join(', ') : '—', 'meta-regions', false],
    ];
    var dl = byId('scan-meta');
    items.forEach(function (item) {
      append(dl, [
        h('div', { class: 'meta-item' }, [
          h('dt', { text: item[0] }),
          h('dd', { class: item[3] ? 'mono' : null, 'data-testid': item[2], text: item[1] }),
        ]),
      ]);
    });
  }

  // ---------------------------------------------------------------- summary

  var statusCount = {};
  var severityCount = {};
  var matrix = {};
  var mutedCount = 0;

  function countFindings() {
    statuses.forEach(function (s) {
      statusCount[s] = 0;
    });
    severities.forEach(function (v) {
      severityCount[v] = 0;
      matrix[v] = {};
      statuses.forEach(function (s) {
        matrix[v][s] = 0;
      });
    });
    for (var i = 0; i < N; i++) {
      if (muted[i]) {
        mutedCount++;
        continue;
      }
      var s = statuses[F.s[i]];
      var v = severities[F.v[i]];
      statusCount[s]++;
      severityCount[v]++;
      matrix[v][s]++;
    }
  }

  function renderSummary() {
    var total = N - mutedCount;
    var cards = byId('status-cards');
    var totalCard = h('div', { class: 'status-card card-total', role: 'listitem', 'data-testid': 'summary-total', 'data-count': total }, [
      h('span', { class: 'count', text: fmtInt(total) }),
      h('span', { class: 'card-label', text: 'Findings' }),
      h('span', { class: 'card-sub', text: mutedCount ? fmtInt(mutedCount) + ' muted, not counted' : 'none muted' }),
    ]);
    cards.appendChild(totalCard);
    STATUS_ORDER.forEach(function (s) {
      var n = statusCount[s] || 0;
      var pct = total ? Math.round((n / total) * 1000) / 10 : 0;
      var button = h(
        'button',
        { type: 'button', class: 'status-card status-' + s, 'data-testid': 'summary-' + s, 'data-count': n, 'aria-label': fmtInt(n) + ' ' + STATUS_LABEL[s] + ' findings: show only these' },
        [h('span', { class: 'count', text: fmtInt(n) }), h('span', { class: 'card-label', text: STATUS_LABEL[s] }), h('span', { class: 'card-sub', text: pct + '%' })],
      );
      button.addEventListener('click', function () {
        setOnly(statusBoxes, s);
        selectTab('findings');
        refresh();
      });
      cards.appendChild(h('div', { role: 'listitem', class: 'card-wrap' }, [button]));
    });
    var mutedButton = h(
      'button',
      { type: 'button', class: 'status-card status-muted', 'data-testid': 'summary-muted', 'data-count': mutedCount, 'aria-label': fmtInt(mutedCount) + ' muted findings: show them' },
      [h('span', { class: 'count', text: fmtInt(mutedCount) }), h('span', { class: 'card-label', text: 'Muted' }), h('span', { class: 'card-sub', text: 'by the mutelist' })],
    );
    mutedButton.addEventListener('click', function () {
      selectTab('muted');
    });
    cards.appendChild(h('div', { role: 'listitem', class: 'card-wrap' }, [mutedButton]));

    // Proportion bar (decorative: the numbers are in the cards).
    var bar = h('div', { class: 'ratio-bar', 'aria-hidden': 'true' });
    STATUS_ORDER.forEach(function (s) {
      if (!statusCount[s]) return;
      var seg = h('span', { class: 'seg status-' + s });
      seg.style.flexGrow = String(statusCount[s]);
      bar.appendChild(seg);
    });
    cards.appendChild(bar);

    var table = byId('severity-matrix');
    var head = h('tr', null, [h('th', { scope: 'col', text: 'Severity' })]);
    STATUS_ORDER.forEach(function (s) {
      head.appendChild(h('th', { scope: 'col', class: 'num', text: STATUS_LABEL[s] }));
    });
    head.appendChild(h('th', { scope: 'col', class: 'num', text: 'Total' }));
    table.appendChild(h('thead', null, [head]));
    var body = h('tbody');
    severities.forEach(function (v) {
      var row = h('tr', null, [h('th', { scope: 'row' }, [severityBadge(v)])]);
      STATUS_ORDER.forEach(function (s) {
        var n = matrix[v][s];
        row.appendChild(
          h('td', {
            class: 'num' + (n === 0 ? ' zero' : s === 'FAIL' ? ' fail-cell sev-bg-' + v : ''),
            'data-testid': s === 'FAIL' ? 'summary-fail-' + v : null,
            'data-count': n,
            text: fmtInt(n),
          }),
        );
      });
      row.appendChild(h('td', { class: 'num total', 'data-testid': 'summary-severity-' + v, 'data-count': severityCount[v], text: fmtInt(severityCount[v]) }));
      body.appendChild(row);
    });
    table.appendChild(body);
    var foot = h('tr', null, [h('th', { scope: 'row', text: 'Total' })]);
    STATUS_ORDER.forEach(function (s) {
      foot.appendChild(h('td', { class: 'num total', text: fmtInt(statusCount[s]) }));
    });
    foot.appendChild(h('td', { class: 'num total', text: fmtInt(total) }));
    table.appendChild(h('tfoot', null, [foot]));
  }

  function statusBadge(s) {
    return h('span', { class: 'badge status-' + s, text: STATUS_LABEL[s] || s });
  }

  function severityBadge(v) {
    return h('span', { class: 'sev sev-' + v }, [h('span', { class: 'sev-dot', 'aria-hidden': 'true' }), SEVERITY_LABEL[v] || v]);
  }

  // ---------------------------------------------------------------- filters

  var statusBoxes = [];
  var severityBoxes = [];
  var serviceSelect = byId('filter-service');
  var regionSelect = byId('filter-region');
  var checkSelect = byId('filter-check');
  var searchInput = byId('search');
  var haystack = null;

  /** Unmuted findings per value of a column (as in the summary); -1 where only muted findings have it. */
  function countBy(column, size) {
    var counts = new Array(size).fill(0);
    for (var i = 0; i < N; i++) {
      var v = column[i];
      if (!muted[i]) counts[v] = counts[v] < 0 ? 1 : counts[v] + 1;
      else if (counts[v] === 0) counts[v] = -1;
    }
    return counts;
  }

  function countLabel(n) {
    return n < 0 ? '0' : fmtInt(n);
  }

  function chipGroup(fieldset, values, labels, counts, prefix, boxes) {
    values.forEach(function (value, index) {
      var box = h('input', { type: 'checkbox', value: value, 'data-testid': prefix + value });
      boxes.push(box);
      fieldset.appendChild(
        h('label', { class: 'chip chip-' + value }, [box, h('span', { class: 'chip-text', text: labels[value] || value }), h('span', { class: 'chip-count', text: countLabel(counts[index]) })]),
      );
      box.addEventListener('change', refresh);
    });
  }

  function fillSelect(select, names, counts, label) {
    var order = names.map(function (_, i) {
      return i;
    });
    order.sort(function (a, b) {
      var x = names[a];
      var y = names[b];
      return x < y ? -1 : x > y ? 1 : 0;
    });
    order.forEach(function (i) {
      if (!counts[i]) return;
      select.appendChild(h('option', { value: String(i), text: label(i) + ' (' + countLabel(counts[i]) + ')' }));
    });
    select.addEventListener('change', refresh);
  }

  function setOnly(boxes, value) {
    boxes.forEach(function (box) {
      box.checked = box.value === value;
    });
  }

  function renderFilters() {
    var statusCounts = countBy(F.s, statuses.length);
    var ordered = STATUS_ORDER.filter(function (s) {
      return statuses.indexOf(s) >= 0;
    });
    chipGroup(
      byId('filter-status'),
      ordered,
      STATUS_LABEL,
      ordered.map(function (s) {
        return statusCounts[statuses.indexOf(s)];
      }),
      'filter-status-',
      statusBoxes,
    );
    chipGroup(byId('filter-severity'), severities, SEVERITY_LABEL, countBy(F.v, severities.length), 'filter-severity-', severityBoxes);
    fillSelect(serviceSelect, D.services, countBy(F.sv, D.services.length), function (i) {
      return D.services[i];
    });
    fillSelect(regionSelect, D.regions, countBy(F.g, D.regions.length), function (i) {
      return D.regions[i];
    });
    fillSelect(
      checkSelect,
      checks.map(function (c) {
        return c.id;
      }),
      countBy(F.c, checks.length),
      function (i) {
        return checks[i].id;
      },
    );

    var timer = 0;
    searchInput.addEventListener('input', function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(refresh, N > 20000 ? 150 : 60);
    });
    byId('filters').addEventListener('submit', function (event) {
      event.preventDefault();
      window.clearTimeout(timer);
      refresh();
    });
    byId('clear-filters').addEventListener('click', function () {
      statusBoxes.concat(severityBoxes).forEach(function (box) {
        box.checked = false;
      });
      serviceSelect.value = '';
      regionSelect.value = '';
      checkSelect.value = '';
      searchInput.value = '';
      setResourceFilter(null);
      window.clearTimeout(timer);
      refresh();
    });
    byId('resource-filter-clear').addEventListener('click', function () {
      setResourceFilter(null);
      refresh();
      searchInput.focus();
    });
  }

  /**
   * The resource filter, set from the Amazon Q inventory: { label, mask } where mask[i] is 1 for
   * the findings of that resource (or of that application and its resources), or null.
   */
  var resourceFilter = null;

  function setResourceFilter(filter) {
    resourceFilter = filter;
    byId('resource-filter').hidden = !filter;
    byId('resource-filter-name').textContent = filter ? filter.label : '';
    byId('resource-filter-name').title = filter && filter.arn ? filter.arn : '';
  }

  /** A lookup by index into `names` of the checked boxes, or null when none is checked (no filter). */
  function mask(boxes, names) {
    var m = null;
    boxes.forEach(function (box) {
      if (!box.checked) return;
      if (!m) m = new Uint8Array(names.length);
      m[names.indexOf(box.value)] = 1;
    });
    return m;
  }

  function buildHaystack() {
    haystack = new Array(N);
    for (var i = 0; i < N; i++) {
      var c = checkOf(i);
      var t = override(i, 'title');
      haystack[i] = [messageOf(i), idOf(i), arnOf(i) || '', nameOf(i) || '', D.types[F.t[i]], c.id, c.title, t || '', findingIdOf(i)].join('\n').toLowerCase();
    }
  }

  /** The indices of the findings that pass the filters, split into unmuted and muted. */
  function computeMatches() {
    var statusMask = mask(statusBoxes, statuses);
    var severityMask = mask(severityBoxes, severities);
    var service = serviceSelect.value === '' ? -1 : Number(serviceSelect.value);
    var region = regionSelect.value === '' ? -1 : Number(regionSelect.value);
    var check = checkSelect.value === '' ? -1 : Number(checkSelect.value);
    var terms = searchInput.value.toLowerCase().split(/\s+/).filter(Boolean);
    var resourceMask = resourceFilter ? resourceFilter.mask : null;
    if (terms.length && !haystack) buildHaystack();
    var main = [];
    var mutedList = [];
    for (var i = 0; i < N; i++) {
      if (statusMask && !statusMask[F.s[i]]) continue;
      if (severityMask && !severityMask[F.v[i]]) continue;
      if (service >= 0 && F.sv[i] !== service) continue;
      if (region >= 0 && F.g[i] !== region) continue;
      if (check >= 0 && F.c[i] !== check) continue;
      if (resourceMask && !resourceMask[i]) continue;
      if (terms.length) {
        var text = haystack[i];
        var ok = true;
        for (var k = 0; k < terms.length; k++) {
          if (text.indexOf(terms[k]) < 0) {
            ok = false;
            break;
          }
        }
        if (!ok) continue;
      }
      (muted[i] ? mutedList : main).push(i);
    }
    var active = !!(statusMask || severityMask || service >= 0 || region >= 0 || check >= 0 || terms.length || resourceMask);
    return { main: main, muted: mutedList, active: active };
  }

  // ---------------------------------------------------------------- finding rows and details

  function resourceCell(i) {
    var name = nameOf(i);
    var id = idOf(i);
    var arn = arnOf(i);
    return h('td', { class: 'cell-resource', title: arn || id }, [
      h('div', { class: 'res-name', text: name || id }),
      h('div', { class: 'small subtle', text: D.types[F.t[i]] }),
    ]);
  }

  function findingRow(i, isMuted) {
    var s = statusOf(i);
    var v = severityOf(i);
    var c = checkOf(i);
    var last = isMuted ? muteReason.get(i) : messageOf(i);
    return h(
      'tr',
      {
        class: 'finding-row row-' + s,
        tabindex: '0',
        'aria-expanded': 'false',
        'data-testid': isMuted ? 'muted-row' : 'finding-row',
        'data-index': i,
        'data-status': s,
        'data-severity': v,
        'data-service': D.services[F.sv[i]],
        'data-region': D.regions[F.g[i]],
        'data-check': c.id,
      },
      [
        h('td', { class: 'cell-status' }, [h('span', { class: 'chevron', 'aria-hidden': 'true' }), statusBadge(s)]),
        h('td', null, [severityBadge(v)]),
        h('td', { class: 'cell-check' }, [h('div', { class: 'check-title', text: titleOf(i) }), h('div', { class: 'mono small subtle', text: c.id })]),
        h('td', { class: 'mono small', text: D.regions[F.g[i]] }),
        resourceCell(i),
        h('td', null, [h('div', { class: isMuted ? 'cell-message cell-reason' : 'cell-message', text: last === null || last === undefined || last === '' ? '—' : last })]),
      ],
    );
  }

  function field(label, value, testid, mono) {
    if (value === null || value === undefined || value === '') return null;
    return h('div', { class: 'field' }, [h('dt', { text: label }), h('dd', { class: mono ? 'mono' : null, 'data-testid': testid || null, text: value })]);
  }

  function block(title, children, testid) {
    var content = children.filter(Boolean);
    if (!content.length) return null;
    return h('section', { class: 'detail-block', 'data-testid': testid || null }, [h('h4', { text: title })].concat(content));
  }

  function safeUrl(url) {
    return typeof url === 'string' && /^https?:\/\/[^\s]+$/i.test(url) ? url : null;
  }

  function remediationBlock(i) {
    var r = override(i, 'remediation');
    if (r === undefined) r = checkOf(i).remediation;
    if (!r) return null;
    var parts = [];
    if (r.text) parts.push(h('p', { class: 'prose', 'data-testid': 'detail-remediation-text', text: r.text }));
    if (r.cli) parts.push(h('pre', { class: 'code cli' }, [h('code', { 'data-testid': 'detail-remediation-cli', text: r.cli })]));
    if (r.url) {
      var href = safeUrl(r.url);
      parts.push(
        href
          ? h('p', null, [h('a', { href: href, target: '_blank', rel: 'noopener noreferrer', class: 'doc-link', 'data-testid': 'detail-remediation-link', text: 'Documentation: ' + href })])
          : h('p', { class: 'small subtle', 'data-testid': 'detail-remediation-link', text: 'Documentation: ' + r.url }),
      );
    }
    return block('Remediation', parts, 'detail-remediation');
  }

  function complianceBlock(i) {
    var comp = override(i, 'compliance');
    if (comp === undefined) comp = checkOf(i).compliance;
    if (!comp) return null;
    var frameworks = Object.keys(comp).sort();
    if (!frameworks.length) return null;
    var list = h('dl', { class: 'compliance' });
    frameworks.forEach(function (fw) {
      var ids = Array.isArray(comp[fw]) ? comp[fw] : [];
      append(list, [
        h('div', { class: 'field' }, [
          h('dt', { class: 'mono', text: fw }),
          h(
            'dd',
            null,
            ids.map(function (id) {
              return h('span', { class: 'tag mono', text: String(id) });
            }),
          ),
        ]),
      ]);
    });
    return block('Compliance', [list], 'detail-compliance');
  }

  function detailRow(i, isMuted) {
    var c = checkOf(i);
    var ev = evidenceOf(i);
    var account = override(i, 'account_id');
    var left = [
      block('Message', [h('p', { class: 'prose', 'data-testid': 'detail-message', text: messageOf(i) })]),
      isMuted ? block('Muted', [h('p', { class: 'prose', 'data-testid': 'detail-mute-reason', text: muteReason.get(i) || 'No reason given' })]) : null,
      block(
        'Resource',
        [
          h('dl', { class: 'fields', 'data-testid': 'detail-resource' }, [
            field('Type', D.types[F.t[i]], 'detail-resource-type', true),
            field('Id', idOf(i), 'detail-resource-id', true),
            field('ARN', arnOf(i), 'detail-resource-arn', true),
            field('Name', nameOf(i), 'detail-resource-name', false),
            field('Region', D.regions[F.g[i]], null, true),
            field('Account', account === undefined ? scan.account_id : account, null, true),
          ]),
        ],
      ),
      block('Evidence', [ev ? h('pre', { class: 'code evidence', 'data-testid': 'detail-evidence', tabindex: '0', text: JSON.stringify(ev, null, 2) }) : h('p', { class: 'subtle', 'data-testid': 'detail-evidence', text: 'No evidence recorded.' })]),
    ];
    var right = [
      remediationBlock(i),
      block('Check', [
        h('dl', { class: 'fields' }, [
          field('Id', c.id, 'detail-check-id', true),
          field('Service', D.services[F.sv[i]], null, true),
          field('IR phase', c.ir_phase ? c.ir_phase.replace(/_/g, ' ') : null, null, false),
          field('CAF', c.caf && c.caf.length ? c.caf.join(', ') : null, null, false),
          field('Finding id', findingIdOf(i), 'detail-finding-id', true),
        ]),
      ]),
      block('Description', c.description ? [h('p', { class: 'prose', 'data-testid': 'detail-description', text: c.description })] : []),
      block('Risk', c.risk ? [h('p', { class: 'prose', 'data-testid': 'detail-risk', text: c.risk })] : []),
      complianceBlock(i),
    ];
    return h('tr', { class: 'detail-row', 'data-testid': 'finding-details' }, [
      h('td', { colspan: '6' }, [h('div', { class: 'detail-grid' }, [append(h('div', { class: 'detail-col' }), left), append(h('div', { class: 'detail-col' }), right)])]),
    ]);
  }

  // ---------------------------------------------------------------- lazy lists

  var observer =
    typeof IntersectionObserver === 'function'
      ? new IntersectionObserver(
          function (entries) {
            entries.forEach(function (entry) {
              if (!entry.isIntersecting) return;
              var list = lists.filter(function (l) {
                return l.sentinel === entry.target;
              })[0];
              if (list) list.more();
            });
          },
          { rootMargin: '800px 0px' },
        )
      : null;
  var lists = [];

  function makeList(cfg) {
    var list = {
      items: [],
      shown: 0,
      expanded: new Set(),
      sentinel: byId(cfg.sentinel),
      tbody: byId(cfg.tbody),
      button: byId(cfg.button),
      empty: byId(cfg.empty),
      count: byId(cfg.count),
      total: cfg.total,
      noun: cfg.noun,
      isMuted: cfg.isMuted,
    };
    list.set = function (items, active) {
      list.items = items;
      list.active = active;
      list.shown = 0;
      list.tbody.textContent = '';
      list.expanded.forEach(function (i) {
        if (items.indexOf(i) < 0) list.expanded.delete(i);
      });
      list.empty.hidden = items.length > 0;
      list.more();
    };
    list.more = function () {
      var end = Math.min(list.items.length, list.shown + BATCH);
      if (end <= list.shown && list.shown > 0) return;
      var frag = document.createDocumentFragment();
      for (var k = list.shown; k < end; k++) {
        var i = list.items[k];
        var row = findingRow(i, list.isMuted);
        frag.appendChild(row);
        if (list.expanded.has(i)) {
          row.setAttribute('aria-expanded', 'true');
          frag.appendChild(detailRow(i, list.isMuted));
        }
      }
      list.tbody.appendChild(frag);
      list.shown = end;
      list.update();
      // Re-observe so that a sentinel still in view after this batch triggers the next one.
      if (observer && list.shown < list.items.length) {
        observer.unobserve(list.sentinel);
        observer.observe(list.sentinel);
      }
    };
    list.update = function () {
      var n = list.items.length;
      var remaining = n - list.shown;
      var scope = list.active ? ' matching the filters' : '';
      list.count.textContent =
        n === 0
          ? 'No ' + list.noun + scope + ' (' + fmtInt(list.total) + ' in total).'
          : remaining > 0
            ? 'Showing ' + fmtInt(list.shown) + ' of ' + fmtInt(n) + ' ' + list.noun + scope + ' (' + fmtInt(list.total) + ' in total). Scroll for more.'
            : 'Showing ' + (n > 1 ? 'all ' : '') + fmtInt(n) + ' ' + list.noun + scope + ' (' + fmtInt(list.total) + ' in total).';
      list.count.dataset.matches = String(n);
      list.count.dataset.shown = String(list.shown);
      list.button.hidden = remaining <= 0;
      list.button.textContent = 'Show ' + fmtInt(Math.min(BATCH, remaining)) + ' more (' + fmtInt(remaining) + ' remaining)';
    };
    list.toggle = function (row) {
      var i = Number(row.getAttribute('data-index'));
      var next = row.nextElementSibling;
      if (list.expanded.has(i)) {
        list.expanded.delete(i);
        row.setAttribute('aria-expanded', 'false');
        if (next && next.classList.contains('detail-row')) next.remove();
      } else {
        list.expanded.add(i);
        row.setAttribute('aria-expanded', 'true');
        row.after(detailRow(i, list.isMuted));
      }
    };
    list.button.addEventListener('click', list.more);
    list.tbody.addEventListener('click', function (event) {
      var row = event.target.closest ? event.target.closest('tr.finding-row') : null;
      if (!row || !list.tbody.contains(row)) return;
      var selection = window.getSelection ? window.getSelection() : null;
      if (selection && !selection.isCollapsed && row.contains(selection.anchorNode)) return; // selecting text, not toggling
      list.toggle(row);
    });
    list.tbody.addEventListener('keydown', function (event) {
      if (event.key !== 'Enter' && event.key !== ' ') return;
      var row = event.target;
      if (!row.classList || !row.classList.contains('finding-row')) return;
      event.preventDefault();
      list.toggle(row);
    });
    lists.push(list);
    return list;
  }

  // ---------------------------------------------------------------- tabs

  var tabs = ['findings', 'muted', 'qinventory', 'credentials', 'compliance', 'changes'];
  var filtersForm = byId('filters');

  function selectTab(name) {
    tabs.forEach(function (t) {
      var tab = byId('tab-' + t);
      var on = t === name;
      tab.setAttribute('aria-selected', on ? 'true' : 'false');
      tab.tabIndex = on ? 0 : -1;
      byId('panel-' + t).hidden = !on;
    });
    // The filters apply to the two finding lists only.
    filtersForm.hidden = name !== 'findings' && name !== 'muted';
    if (name === 'qinventory') renderQInventoryBody();
    if (name === 'compliance') renderComplianceBody();
    if (name === 'changes') renderChangesBody();
    lists.forEach(function (list) {
      if (observer && list.shown < list.items.length) {
        observer.unobserve(list.sentinel);
        observer.observe(list.sentinel);
      }
    });
  }

  function wireTabs() {
    var visible = function () {
      return tabs.filter(function (t) {
        return !byId('tab-' + t).hidden;
      });
    };
    tabs.forEach(function (t) {
      var tab = byId('tab-' + t);
      tab.addEventListener('click', function () {
        selectTab(t);
      });
      tab.addEventListener('keydown', function (event) {
        if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft' && event.key !== 'Home' && event.key !== 'End') return;
        event.preventDefault();
        var v = visible();
        var k = v.indexOf(t);
        var next = event.key === 'Home' ? 0 : event.key === 'End' ? v.length - 1 : (k + (event.key === 'ArrowRight' ? 1 : v.length - 1)) % v.length;
        selectTab(v[next]);
        byId('tab-' + v[next]).focus();
      });
    });
  }

  // ---------------------------------------------------------------- credential inventory

  function inventoryFinding() {
    var ci = -1;
    checks.forEach(function (c, k) {
      if (c.id === INVENTORY_CHECK) ci = k;
    });
    if (ci < 0) return -1;
    var found = -1;
    for (var i = 0; i < N; i++) {
      if (F.c[i] !== ci) continue;
      var ev = evidenceOf(i);
      if (ev && Array.isArray(ev.users)) {
        if (!muted[i]) return i;
        if (found < 0) found = i;
      }
    }
    return found;
  }

  function ageDays(value) {
    var t = parseTime(value);
    if (t === null || scanEnd === null) return null;
    return Math.max(0, Math.floor((scanEnd - t) / DAY_MS));
  }

  function boolCell(value, badWhenFalse) {
    if (value === true) return h('td', null, [h('span', { class: 'pill pill-yes', text: 'Yes' })]);
    if (value === false) return h('td', null, [h('span', { class: badWhenFalse ? 'pill pill-bad' : 'pill pill-no', text: 'No' })]);
    return h('td', { class: 'subtle', text: value === null || value === undefined ? '—' : String(value) });
  }

  function dateCell(value, staleWhenOld) {
    var t = parseTime(value);
    if (t === null) return h('td', { class: 'subtle small', text: value === null || value === undefined || value === '' ? '—' : String(value) });
    var days = ageDays(value);
    var stale = staleWhenOld && days !== null && days > STALE_DAYS;
    return h('td', { class: 'nowrap' + (stale ? ' stale' : ''), title: fmtTime(value) }, [
      new Date(t).toISOString().slice(0, 10),
      days === null ? null : h('span', { class: 'age', text: ' ' + fmtInt(days) + ' d' }),
    ]);
  }

  function renderInventory() {
    var i = inventoryFinding();
    if (i < 0) return;
    var ev = evidenceOf(i);
    var users = ev.users;
    var tab = byId('tab-credentials');
    tab.hidden = false;
    byId('panel-credentials').removeAttribute('data-empty');
    byId('tab-count-credentials').textContent = fmtInt(users.length);
    var generated = ev.generated_at ? 'Credential report generated ' + fmtTime(ev.generated_at) + '. ' : '';
    byId('credentials-note').textContent =
      generated + fmtInt(users.length) + ' ' + (users.length === 1 ? 'user' : 'users') + '. Ages in days at the end of the scan; keys unrotated for more than ' + STALE_DAYS + ' days and console users without MFA are highlighted.';
    var table = byId('credentials-table');
    var headings = [
      ['User', 'left'],
      ['Created', 'left'],
      ['Console password', ''],
      ['Password last used', ''],
      ['MFA', ''],
      ['Key 1', ''],
      ['Key 1 rotated', ''],
      ['Key 1 last used', ''],
      ['Key 2', ''],
      ['Key 2 rotated', ''],
      ['Key 2 last used', ''],
    ];
    table.appendChild(
      h('thead', null, [
        h(
          'tr',
          null,
          headings.map(function (x) {
            return h('th', { scope: 'col', text: x[0] });
          }),
        ),
      ]),
    );
    var body = h('tbody');
    users.forEach(function (u) {
      if (!u || typeof u !== 'object') return;
      var console_ = u.password_enabled === true;
      body.appendChild(
        h('tr', { 'data-testid': 'credential-row' }, [
          h('th', { scope: 'row', class: 'cred-user', title: u.arn ? String(u.arn) : null }, [
            h('div', { text: u.user === undefined ? '—' : String(u.user) }),
            u.arn ? h('div', { class: 'mono small subtle', text: String(u.arn) }) : null,
          ]),
          dateCell(u.user_creation_time, false),
          boolCell(u.password_enabled, false),
          dateCell(u.password_last_used, false),
          boolCell(u.mfa_active, console_),
          boolCell(u.access_key_1_active, false),
          dateCell(u.access_key_1_last_rotated, u.access_key_1_active === true),
          dateCell(u.access_key_1_last_used_date, false),
          boolCell(u.access_key_2_active, false),
          dateCell(u.access_key_2_last_rotated, u.access_key_2_active === true),
          dateCell(u.access_key_2_last_used_date, false),
        ]),
      );
    });
    table.appendChild(body);
  }

  // ---------------------------------------------------------------- Amazon Q inventory

  // The inventory is the evidence of the qbusiness_inventory findings (one per application, its
  // tree as runner/views/qbusiness-inventory.ts builds it), read from the finding columns: the
  // report embeds no copy of it. Other findings are placed on the tree's resources by ARN.
  var Q_INVENTORY_CHECK = 'qbusiness_inventory';
  /** An Amazon Q Business application ARN [1] and the path of a resource under it [2]. */
  var Q_APP_ARN = /^(arn:[^:]+:qbusiness:[^:]*:[^:]*:application\/[^/]+)(?:\/(.+))?$/;
  /** Applications whose tree is open when the tab is first shown; the others are built when opened. */
  var Q_OPEN_APPS = 6;
  /** Failing findings listed under a resource; the rest are counted. */
  var Q_LIST_FINDINGS = 4;
  var Q_KIND_LABEL = {
    application: 'Application',
    index: 'Index',
    'data-source': 'Data source',
    retriever: 'Retriever',
    plugin: 'Plugin',
    'web-experience': 'Web experience',
    'data-accessor': 'Data accessor',
    other: 'Resource',
  };
  var Q_IDENTITY_LABEL = {
    AWS_IAM_IDC: 'IAM Identity Center',
    AWS_IAM_IDP_SAML: 'IAM federation (SAML)',
    AWS_IAM_IDP_OIDC: 'IAM federation (OIDC)',
    AWS_QUICKSIGHT_IDP: 'Amazon QuickSight',
    ANONYMOUS: 'Anonymous',
  };
  var Q_AUTH_LABEL = {
    basicAuthConfiguration: 'Basic authentication',
    oAuth2ClientCredentialConfiguration: 'OAuth 2.0 client credentials',
    noAuthConfiguration: 'No authentication',
    idcAuthConfiguration: 'IAM Identity Center',
  };
  var qFindings = null;
  var qApps = null;
  var qRegional = null;
  var qNodes = [];
  var qRendered = false;

  function qText(value) {
    return value === null || value === undefined || value === '' ? null : String(value);
  }
  function qList(value) {
    return Array.isArray(value) ? value : [];
  }
  function qObject(value) {
    return value && typeof value === 'object' && !Array.isArray(value) ? value : null;
  }
  function plural(n, one, many) {
    return fmtInt(n) + ' ' + (n === 1 ? one : many);
  }

  /** The resource a finding is about, as an ARN when it has one. */
  function qResourceKey(i) {
    var arn = arnOf(i);
    return arn && arn.indexOf(':qbusiness:') >= 0 ? arn : idOf(i) || arn || '';
  }

  /** Shows the tab when the report has an inventory finding; its content waits for the first view. */
  function renderQInventory() {
    var ci = -1;
    checks.forEach(function (c, k) {
      if (c.id === Q_INVENTORY_CHECK) ci = k;
    });
    if (ci < 0) return;
    var found = [];
    for (var i = 0; i < N; i++) if (F.c[i] === ci) found.push(i);
    if (!found.length) return;
    qFindings = found;
    var apps = new Set();
    found.forEach(function (k) {
      var m = Q_APP_ARN.exec(qResourceKey(k));
      if (m && !m[2]) apps.add(m[1]);
    });
    byId('tab-qinventory').hidden = false;
    byId('tab-count-qinventory').textContent = fmtInt(apps.size);
    byId('tab-qinventory').title = plural(apps.size, 'Amazon Q Business application', 'Amazon Q Business applications');
    window.addEventListener('beforeprint', renderQInventoryBody);
  }

  /** A node of the tree. `attrs`: [label, value (string, node or list), class] rows; `kind` a key of Q_KIND_LABEL or 'group'. */
  function qNode(kind, label, fields) {
    var node = { index: qNodes.length, kind: kind, label: label, id: null, arn: null, type: null, status: null, attrs: [], children: [], findings: [], fail: 0, error: 0, muted: 0, other: 0, empty: null };
    if (fields) {
      Object.keys(fields).forEach(function (key) {
        node[key] = fields[key];
      });
    }
    qNodes.push(node);
    return node;
  }

  function qGroup(label, empty, children) {
    return qNode('group', label, { children: children, empty: empty });
  }

  /** Builds the applications' trees and places every finding on its resource (first view of the tab). */
  function buildQInventory() {
    qApps = [];
    qRegional = [];
    var byArn = new Map();
    qFindings.forEach(function (i) {
      var m = Q_APP_ARN.exec(qResourceKey(i));
      if (!m || m[2]) {
        qRegional.push(i);
        return;
      }
      if (byArn.has(m[1])) return;
      var ev = evidenceOf(i);
      var app = qApplication(i, m[1], ev && typeof ev.application_id === 'string' ? ev : null);
      qApps.push(app);
      byArn.set(m[1], app);
    });
    qApps.sort(function (a, b) {
      return a.region < b.region ? -1 : a.region > b.region ? 1 : a.node.label.localeCompare(b.node.label, 'en', { numeric: true });
    });
    for (var i = 0; i < N; i++) {
      var key = qResourceKey(i);
      if (key.indexOf(':qbusiness:') < 0) continue;
      var node = qPlace(byArn, key, i);
      if (!node) continue;
      node.findings.push(i);
      if (muted[i]) node.muted++;
      else if (statusOf(i) === 'FAIL') node.fail++;
      else if (statusOf(i) === 'ERROR') node.error++;
      else node.other++;
    }
  }

  /** The node a finding's resource is, or null when it is not in an application of the inventory. */
  function qPlace(byArn, key, i) {
    var m = Q_APP_ARN.exec(key);
    var app = m ? byArn.get(m[1]) : undefined;
    if (!app) return null;
    if (!m[2]) return app.node;
    var path = m[2].split('/');
    var last = path[path.length - 1];
    var node = (path.length > 1 && app.keys.get(path[path.length - 2] + '/' + last)) || app.ids.get(last);
    if (node) return node;
    // A resource of the application that the inventory does not list (it changed, or could not be read).
    node = app.others.get(key);
    if (!node) {
      if (!app.otherGroup) {
        app.otherGroup = qGroup('Other resources with findings', null, []);
        app.node.children.push(app.otherGroup);
      }
      node = qNode('other', nameOf(i) || last, { arn: key, id: last, type: D.types[F.t[i]] });
      app.others.set(key, node);
      app.otherGroup.children.push(node);
    }
    return node;
  }

  function qApplication(i, arn, tree) {
    var appId = tree ? qText(tree.application_id) : arn.slice(arn.lastIndexOf('/') + 1);
    var app = { finding: i, arn: arn, region: D.regions[F.g[i]], tree: tree, keys: new Map(), ids: new Map(), others: new Map(), otherGroup: null, body: null };
    app.node = qNode('application', (tree && qText(tree.display_name)) || nameOf(i) || appId, { arn: arn, id: appId, status: tree ? qText(tree.status) : null });
    if (!tree) return app;
    var register = function (node, segment) {
      if (!node.id) return node;
      node.arn = arn + '/' + segment + '/' + node.id;
      app.keys.set(segment + '/' + node.id, node);
      if (!app.ids.has(node.id)) app.ids.set(node.id, node);
      return node;
    };
    var indexNames = new Map();
    var indices = qList(tree.indices).map(function (x) {
      x = qObject(x) || {};
      var node = register(
        qNode('index', qText(x.display_name) || qText(x.index_id) || 'index', {
          id: qText(x.index_id),
          type: qText(x.type),
          status: qText(x.status),
          attrs: [['Documents', typeof x.indexed_documents === 'number' ? fmtInt(x.indexed_documents) : null]],
        }),
        'index',
      );
      if (node.id) indexNames.set(node.id, node.label);
      var sources = qList(x.data_sources).map(function (d) {
        d = qObject(d) || {};
        var lambdas = qList(d.enrichment_lambdas).map(String);
        var ds = qNode('data-source', qText(d.display_name) || qText(d.data_source_id) || 'data source', {
          id: qText(d.data_source_id),
          type: qText(d.type),
          status: qText(d.status),
          attrs: [
            ['Role', qText(d.role_arn) || 'none', qText(d.role_arn) ? 'mono' : 'subtle'],
            ['Sync', qText(d.sync_schedule) || 'on demand', qText(d.sync_schedule) ? 'mono' : null],
            ['VPC', d.vpc === true ? 'yes' : d.vpc === false ? 'no' : null],
            ['Enrichment', lambdas.length ? lambdas : null, 'mono'],
          ],
        });
        if (ds.id) {
          register(ds, 'data-source');
          if (node.id) ds.arn = node.arn + '/data-source/' + ds.id;
        }
        return ds;
      });
      node.attrs.unshift(['Data sources', fmtInt(sources.length)]);
      node.children = sources;
      return node;
    });
    var retrievers = qList(tree.retrievers).map(function (x) {
      x = qObject(x) || {};
      var index = qText(x.index_id);
      return register(
        qNode('retriever', qText(x.display_name) || qText(x.retriever_id) || 'retriever', {
          id: qText(x.retriever_id),
          type: qText(x.type),
          status: qText(x.status),
          attrs: [
            ['Index', index ? indexNames.get(index) || index : null, index && !indexNames.has(index) ? 'mono' : null],
            ['Role', qText(x.role_arn), 'mono'],
          ],
        }),
        'retriever',
      );
    });
    var plugins = qList(tree.plugins).map(function (x) {
      x = qObject(x) || {};
      var auth = qText(x.auth_configuration);
      return register(
        qNode('plugin', qText(x.display_name) || qText(x.plugin_id) || 'plugin', {
          id: qText(x.plugin_id),
          type: qText(x.type),
          status: qText(x.state),
          attrs: [
            ['Auth', auth ? Q_AUTH_LABEL[auth] || auth : 'not reported', auth === 'noAuthConfiguration' ? 'warn' : auth ? null : 'subtle'],
            ['Server', qText(x.server_url), 'mono'],
          ],
        }),
        'plugin',
      );
    });
    var webs = qList(tree.web_experiences).map(function (x) {
      x = qObject(x) || {};
      var origins = qList(x.origins).map(String);
      return register(
        qNode('web-experience', qText(x.title) || qText(x.web_experience_id) || 'web experience', {
          id: qText(x.web_experience_id),
          status: qText(x.status),
          attrs: [
            ['Origins', origins.length ? origins : 'none configured', origins.length ? 'origins' : 'subtle'],
            ['Endpoint', qText(x.default_endpoint), 'mono'],
          ],
        }),
        'web-experience',
      );
    });
    var accessors = qList(tree.data_accessors).map(function (x) {
      x = qObject(x) || {};
      var account = qText(x.principal_account);
      return register(
        qNode('data-accessor', qText(x.display_name) || qText(x.data_accessor_id) || 'data accessor', {
          id: qText(x.data_accessor_id),
          attrs: [
            ['Principal', qText(x.principal) || 'not reported', qText(x.principal) ? 'mono' : 'subtle'],
            ['Account', account ? account + (x.external === true ? ' (another account)' : x.external === false ? ' (this account)' : '') : null, x.external === true ? 'warn mono' : 'mono'],
            ['Actions', qList(x.actions).length ? qList(x.actions).map(String) : null, 'mono'],
          ],
        }),
        'data-accessor',
      );
    });
    app.node.children = [
      qGroup('Indices', 'No index', indices),
      qGroup('Retrievers', 'No retriever', retrievers),
      qGroup('Plugins', 'No plugin', plugins),
      qGroup('Web experiences', 'No web experience', webs),
      qGroup('Data accessors', 'No data accessor', accessors),
    ];
    return app;
  }

  /** The node and every node under it. */
  function qDescendants(node, out) {
    out = out || [];
    out.push(node);
    node.children.forEach(function (c) {
      qDescendants(c, out);
    });
    return out;
  }

  function qTotals(node) {
    var t = { fail: 0, error: 0, muted: 0, other: 0, resources: 0 };
    qDescendants(node).forEach(function (n) {
      t.fail += n.fail;
      t.error += n.error;
      t.muted += n.muted;
      t.other += n.other;
      if (n.fail + n.error > 0) t.resources++;
    });
    return t;
  }

  function renderQInventoryBody() {
    if (qRendered || !qFindings) return;
    qRendered = true;
    buildQInventory();
    var panel = byId('panel-qinventory');
    panel.removeAttribute('data-empty');
    byId('qinventory-note').textContent =
      'Each Amazon Q Business application with its indices, data sources, retrievers, plugins, web experiences and data accessors, as the ' +
      Q_INVENTORY_CHECK +
      ' check recorded them. The badges next to a resource count the unmuted failed and errored findings of every check on it, muted ones apart; select a badge to see those findings.';
    var count = function (key) {
      return qApps.reduce(function (n, app) {
        return n + (app.tree && typeof app.tree[key] === 'number' ? app.tree[key] : 0);
      }, 0);
    };
    var totals = byId('qinventory-totals');
    [
      [qApps.length, 'application', 'applications'],
      [count('index_count'), 'index', 'indices'],
      [count('data_source_count'), 'data source', 'data sources'],
      [count('retriever_count'), 'retriever', 'retrievers'],
      [count('plugin_count'), 'plugin', 'plugins'],
      [count('web_experience_count'), 'web experience', 'web experiences'],
      [count('data_accessor_count'), 'data accessor', 'data accessors'],
    ].forEach(function (t) {
      totals.appendChild(h('span', { class: 'qinv-total' }, [h('span', { class: 'qinv-total-n', text: fmtInt(t[0]) }), ' ' + (t[0] === 1 ? t[1] : t[2])]));
    });
    renderQRegions();
    var container = byId('qinventory-apps');
    if (!qApps.length) container.appendChild(h('p', { class: 'empty', 'data-testid': 'q-inventory-empty', text: 'No Amazon Q Business application in the scanned regions.' }));
    qApps.forEach(function (app, k) {
      container.appendChild(qAppCard(app, k < Q_OPEN_APPS));
    });
    container.addEventListener('click', function (event) {
      var target = event.target.closest ? event.target.closest('button') : null;
      if (!target || !container.contains(target)) return;
      if (target.classList.contains('qtoggle')) qToggle(target, target.getAttribute('aria-expanded') !== 'true');
      else if (target.hasAttribute('data-node')) showQFindings(Number(target.getAttribute('data-node')), target.getAttribute('data-status'), target.hasAttribute('data-subtree'));
    });
    byId('qinventory-regions').addEventListener('click', function (event) {
      var target = event.target.closest ? event.target.closest('button[data-finding]') : null;
      if (target) showFindingList([Number(target.getAttribute('data-finding'))], target.getAttribute('data-label'), null);
    });
    byId('qinventory-expand').addEventListener('click', function () {
      container.querySelectorAll('.qapp > .qapp-head .qtoggle').forEach(function (b) {
        qToggle(b, true);
      });
      container.querySelectorAll('.qtree .qtoggle').forEach(function (b) {
        qToggle(b, true);
      });
    });
    byId('qinventory-collapse').addEventListener('click', function () {
      container.querySelectorAll('.qapp > .qapp-head .qtoggle').forEach(function (b) {
        qToggle(b, false);
      });
    });
  }

  /** Regions without an application, and regions or applications whose inventory could not be read. */
  function renderQRegions() {
    var box = byId('qinventory-regions');
    var none = [];
    var failed = [];
    qRegional.forEach(function (i) {
      if (statusOf(i) === 'ERROR' || statusOf(i) === 'FAIL') failed.push(i);
      else none.push(D.regions[F.g[i]]);
    });
    if (none.length) {
      box.appendChild(
        h('p', { class: 'qinv-region-note', 'data-testid': 'q-inventory-no-apps' }, [
          h('span', { class: 'label', text: 'No application in' }),
          ' ',
          none
            .filter(function (r, k) {
              return none.indexOf(r) === k;
            })
            .sort()
            .join(', '),
        ]),
      );
    }
    failed.forEach(function (i) {
      var region = D.regions[F.g[i]];
      box.appendChild(
        h('p', { class: 'qinv-region-note qinv-region-error', 'data-testid': 'q-inventory-region-error' }, [
          h('button', { type: 'button', class: 'qcount status-' + statusOf(i), 'data-finding': i, 'data-label': 'Amazon Q inventory in ' + region, title: 'Show this finding' }, [STATUS_LABEL[statusOf(i)]]),
          ' ',
          h('span', { class: 'mono', text: region }),
          h('span', { class: 'subtle', text: ': ' + messageOf(i) }),
        ]),
      );
    });
  }

  function qToggle(button, open, body) {
    body = body || byId(button.getAttribute('aria-controls'));
    if (!body) return;
    if (open && body.getAttribute('data-built') === 'false') qBuildAppBody(body);
    button.setAttribute('aria-expanded', open ? 'true' : 'false');
    body.hidden = !open;
  }

  function qMeta(label, value, cls, testid) {
    return h('div', { class: 'qmeta-item' }, [h('dt', { text: label }), h('dd', { class: cls || null, 'data-testid': testid || null }, Array.isArray(value) ? value : [value === null || value === undefined ? '—' : String(value)])]);
  }

  function qAppCard(app, open) {
    var node = app.node;
    var tree = app.tree;
    var bodyId = 'qn-' + node.index;
    var identity = tree ? qText(tree.identity_type) : null;
    var encryption = tree ? qText(tree.encryption) : null;
    var attachments = tree ? qText(tree.attachments_control_mode) : null;
    var toggle = node.children.length
      ? h('button', { type: 'button', class: 'qtoggle', 'aria-expanded': 'false', 'aria-controls': bodyId, 'aria-label': 'Resources of ' + node.label, 'data-testid': 'qapp-toggle' })
      : h('span', { class: 'qtoggle-spacer', 'aria-hidden': 'true' });
    var totals = qTotals(node);
    var summary =
      totals.fail + totals.error > 0
        ? h(
            'button',
            { type: 'button', class: 'qapp-sum qapp-sum-bad', 'data-node': node.index, 'data-status': 'FAIL,ERROR', 'data-subtree': '', 'data-testid': 'qapp-summary', 'data-fail': totals.fail, 'data-error': totals.error, title: 'Show the unmuted findings of this application and its resources' },
            [
              h('span', { class: 'qapp-sum-label', text: 'Application and its resources' }),
              h('span', null, [
                totals.fail ? h('span', { class: 'status-text-FAIL', text: plural(totals.fail, 'failed', 'failed') }) : null,
                totals.fail && totals.error ? ' · ' : null,
                totals.error ? h('span', { class: 'status-text-ERROR', text: plural(totals.error, 'error', 'errors') }) : null,
                h('span', { class: 'subtle', text: ' on ' + plural(totals.resources, 'resource', 'resources') }),
              ]),
            ],
          )
        : h('span', { class: 'qapp-sum qapp-sum-ok', 'data-testid': 'qapp-summary', 'data-fail': 0, 'data-error': 0, text: '✓ No failed or errored finding on this application' });
    var encryptionValue = !encryption
      ? '—'
      : encryption === 'AWS owned key'
        ? [h('span', { text: 'AWS owned key' })]
        : [h('span', { text: 'Customer managed key' }), h('div', { class: 'mono small subtle qwrap', text: encryption })];
    var meta = h('dl', { class: 'qapp-meta' }, [
      qMeta('Region', app.region, 'mono', 'qapp-region'),
      qMeta('Identity', identity ? [h('span', { class: identity === 'ANONYMOUS' ? 'qwarn' : null, title: identity, text: Q_IDENTITY_LABEL[identity] || identity })] : '—', null, 'qapp-identity'),
      qMeta('Encryption', encryptionValue, null, 'qapp-encryption'),
      qMeta('Attachments', attachments ? attachments.charAt(0) + attachments.slice(1).toLowerCase() : '—', null, 'qapp-attachments'),
      qMeta('Application id', node.id, 'mono small', null),
    ]);
    var counts = tree
      ? h('p', { class: 'qapp-counts', 'data-testid': 'qapp-counts' }, [
          [
            plural(qList(tree.indices).length, 'index', 'indices'),
            plural(
              qList(tree.indices).reduce(function (n, x) {
                return n + qList(qObject(x) ? x.data_sources : null).length;
              }, 0),
              'data source',
              'data sources',
            ),
            plural(qList(tree.retrievers).length, 'retriever', 'retrievers'),
            plural(qList(tree.plugins).length, 'plugin', 'plugins'),
            plural(qList(tree.web_experiences).length, 'web experience', 'web experiences'),
            plural(qList(tree.data_accessors).length, 'data accessor', 'data accessors') +
              (typeof tree.external_data_accessor_count === 'number' && tree.external_data_accessor_count > 0 ? ' (' + fmtInt(tree.external_data_accessor_count) + ' from another account)' : ''),
          ].join(' · '),
        ])
      : h('p', { class: 'qapp-counts qapp-incomplete', 'data-testid': 'qapp-incomplete', text: 'The inventory of this application could not be read, so its resources are not listed.' });
    var body = h('div', { class: 'qapp-body', id: bodyId, 'data-node': node.index, 'data-built': 'false', hidden: true });
    var card = h('article', { class: 'qapp card', 'data-testid': 'qapp', 'data-arn': app.arn, 'data-region': app.region, 'data-fail': node.fail, 'data-error': node.error, 'data-muted': node.muted, 'aria-label': 'Amazon Q Business application ' + node.label }, [
      h('div', { class: 'qapp-head' }, [
        toggle,
        h('div', { class: 'qapp-headline' }, [
          h('div', { class: 'qapp-titleline' }, [
            h('span', { class: 'qkind qkind-application', text: 'Application' }),
            h('h3', { class: 'qapp-name', 'data-testid': 'qapp-name', title: app.arn, text: node.label }),
            qStatusPill(node.status),
            qBadges(node),
          ]),
          meta,
          counts,
          qIssueList(node, Q_LIST_FINDINGS + 2),
        ]),
        summary,
      ]),
      body,
    ]);
    if (open && node.children.length) qToggle(toggle, true, body);
    return card;
  }

  function qBuildAppBody(body) {
    body.setAttribute('data-built', 'true');
    var node = qNodes[Number(body.getAttribute('data-node'))];
    var list = h('ul', { class: 'qtree' });
    node.children.forEach(function (c) {
      list.appendChild(qTreeItem(c));
    });
    body.appendChild(list);
  }

  function qStatusPill(status) {
    if (!status) return null;
    var s = String(status).toUpperCase();
    var cls = s === 'ACTIVE' || s === 'ENABLED' ? 'qstate-ok' : s === 'FAILED' || s === 'DISABLED' ? 'qstate-off' : 'qstate-other';
    return h('span', { class: 'qstate ' + cls, text: s.charAt(0) + s.slice(1).toLowerCase().replace(/_/g, ' ') });
  }

  /** The node's counts: unmuted FAIL and ERROR (buttons that filter the findings), muted ones apart. */
  function qBadges(node) {
    var box = h('span', { class: 'qbadges', 'data-testid': 'qbadges' });
    var label = (Q_KIND_LABEL[node.kind] || 'resource').toLowerCase() + ' ' + node.label;
    if (node.fail)
      box.appendChild(
        h('button', { type: 'button', class: 'qcount status-FAIL', 'data-node': node.index, 'data-status': 'FAIL', 'data-count': node.fail, 'data-testid': 'qbadge-FAIL', 'aria-label': plural(node.fail, 'failed finding', 'failed findings') + ' on ' + label + ': show them', title: qIssueTitles(node, 'FAIL') }, [
          h('span', { class: 'qcount-n', text: fmtInt(node.fail) }),
          ' Fail',
        ]),
      );
    if (node.error)
      box.appendChild(
        h('button', { type: 'button', class: 'qcount status-ERROR', 'data-node': node.index, 'data-status': 'ERROR', 'data-count': node.error, 'data-testid': 'qbadge-ERROR', 'aria-label': plural(node.error, 'errored finding', 'errored findings') + ' on ' + label + ': show them', title: qIssueTitles(node, 'ERROR') }, [
          h('span', { class: 'qcount-n', text: fmtInt(node.error) }),
          ' Error',
        ]),
      );
    if (!node.fail && !node.error && node.other)
      box.appendChild(
        h('button', { type: 'button', class: 'qcount qcount-ok', 'data-node': node.index, 'data-status': '', 'data-count': node.other, 'data-testid': 'qbadge-ok', 'aria-label': plural(node.other, 'finding', 'findings') + ' on ' + label + ', none failed: show them', title: plural(node.other, 'finding', 'findings') + ', none failed or errored' }, [
          '✓ ' + fmtInt(node.other),
        ]),
      );
    if (node.muted)
      box.appendChild(
        h('button', { type: 'button', class: 'qcount qcount-muted', 'data-node': node.index, 'data-status': 'muted', 'data-count': node.muted, 'data-testid': 'qbadge-muted', 'aria-label': plural(node.muted, 'muted finding', 'muted findings') + ' on ' + label + ': show them' }, [
          fmtInt(node.muted) + ' muted',
        ]),
      );
    return box;
  }

  function qIssues(node) {
    return node.findings.filter(function (i) {
      var s = statusOf(i);
      return !muted[i] && (s === 'FAIL' || s === 'ERROR');
    });
  }

  /** The messages of the node's unmuted failed and errored findings, the first `limit` of them. */
  function qIssueList(node, limit) {
    var issues = qIssues(node);
    if (!issues.length) return null;
    var list = h('ul', { class: 'qissues', 'data-testid': 'qnode-issues' });
    issues.slice(0, limit).forEach(function (i) {
      list.appendChild(
        h('li', { class: 'qissue status-text-' + statusOf(i), 'data-check': checkOf(i).id, title: titleOf(i) + ' (' + checkOf(i).id + ')' }, [
          h('span', { class: 'qissue-dot', 'aria-hidden': 'true' }),
          h('span', { class: 'qissue-text', text: messageOf(i) }),
        ]),
      );
    });
    if (issues.length > limit) {
      list.appendChild(
        h('li', { class: 'qissue' }, [
          h('button', { type: 'button', class: 'qmore', 'data-node': node.index, 'data-status': '', text: '+ ' + fmtInt(issues.length - limit) + ' more: show all findings' }),
        ]),
      );
    }
    return list;
  }

  function qIssueTitles(node, status) {
    return node.findings
      .filter(function (i) {
        return !muted[i] && statusOf(i) === status;
      })
      .map(function (i) {
        return titleOf(i);
      })
      .join('\n');
  }

  function qAttrValue(value, cls) {
    if (Array.isArray(value)) {
      return h(
        'span',
        { class: 'qattr-v qattr-list' },
        value.map(function (v) {
          // The same rule as qbusiness_web_experience_origins_restricted: wildcards and plain http
          // are flagged, except http://localhost (with or without a port).
          var warn = cls === 'origins' && (v.indexOf('*') >= 0 || (/^http:\/\//i.test(v) && !/^http:\/\/localhost(:\d+)?\/?$/i.test(v)));
          return h('span', { class: 'qchip mono' + (warn ? ' qchip-warn' : ''), text: v });
        }),
      );
    }
    var classes = (cls || '')
      .split(' ')
      .filter(Boolean)
      .map(function (c) {
        return c === 'warn' ? 'qwarn' : c;
      });
    return h('span', { class: ['qattr-v'].concat(classes).join(' '), text: value });
  }

  function qTreeItem(node) {
    var hasChildren = node.children.length > 0;
    var childId = 'qn-' + node.index;
    var group = node.kind === 'group';
    var rowChildren = [
      hasChildren
        ? h('button', { type: 'button', class: 'qtoggle', 'aria-expanded': 'true', 'aria-controls': childId, 'aria-label': (group ? '' : (Q_KIND_LABEL[node.kind] || '') + ' ') + node.label })
        : h('span', { class: 'qtoggle-spacer', 'aria-hidden': 'true' }),
    ];
    if (group) {
      rowChildren.push(
        h('div', { class: 'qmain' }, [
          h('div', { class: 'qline' }, [
            h('span', { class: 'qgroup-name', text: node.label }),
            h('span', { class: 'tab-count', text: fmtInt(node.children.length) }),
            hasChildren ? null : h('span', { class: 'qempty', text: node.empty || 'None' }),
          ]),
        ]),
      );
    } else {
      var attrs = h('div', { class: 'qattrs' });
      node.attrs.forEach(function (a) {
        if (a[1] === null || a[1] === undefined) return;
        attrs.appendChild(h('span', { class: 'qattr' }, [h('span', { class: 'qattr-k', text: a[0] }), qAttrValue(a[1], a[2])]));
      });
      var issueList = qIssueList(node, Q_LIST_FINDINGS);
      rowChildren.push(
        h('div', { class: 'qmain' }, [
          h('div', { class: 'qline' }, [
            h('span', { class: 'qkind qkind-' + node.kind, text: Q_KIND_LABEL[node.kind] || node.kind }),
            h('span', { class: 'qname', 'data-testid': 'qnode-name', title: node.arn || node.id || null, text: node.label }),
            node.type ? h('span', { class: 'qtype mono', text: node.type }) : null,
            qStatusPill(node.status),
          ]),
          attrs.firstChild ? attrs : null,
          issueList,
        ]),
      );
      rowChildren.push(qBadges(node));
    }
    var item = h(
      'li',
      {
        class: 'qnode qnode-' + node.kind,
        'data-testid': group ? 'qgroup' : 'qnode',
        'data-kind': node.kind,
        'data-id': node.id,
        'data-arn': node.arn,
        'data-fail': group ? null : node.fail,
        'data-error': group ? null : node.error,
        'data-muted': group ? null : node.muted,
      },
      [h('div', { class: 'qrow' + (node.fail + node.error > 0 ? ' qrow-bad' : '') }, rowChildren)],
    );
    if (hasChildren) {
      var list = h('ul', { class: 'qchildren', id: childId });
      node.children.forEach(function (c) {
        list.appendChild(qTreeItem(c));
      });
      item.appendChild(list);
    }
    return item;
  }

  /**
   * Shows the findings of one inventory node (or of it and its resources) on the findings tab, with
   * only the statuses in `status` (comma-separated; none: all), or on the muted tab (status 'muted').
   */
  function showQFindings(k, status, subtree) {
    var node = qNodes[k];
    if (!node) return;
    var list = subtree
      ? qDescendants(node).reduce(function (all, n) {
          return all.concat(n.findings);
        }, [])
      : node.findings;
    var label = (Q_KIND_LABEL[node.kind] || 'Resource') + ' ' + node.label + (subtree ? ' and its resources' : '');
    showFindingList(list, label, status || null, node.arn);
  }

  function showFindingList(list, label, status, arn) {
    var mask = new Uint8Array(N);
    var unmutedN = 0;
    list.forEach(function (i) {
      mask[i] = 1;
      if (!muted[i]) unmutedN++;
    });
    severityBoxes.forEach(function (box) {
      box.checked = false;
    });
    var only = status ? status.split(',') : [];
    statusBoxes.forEach(function (box) {
      box.checked = only.indexOf(box.value) >= 0;
    });
    serviceSelect.value = '';
    regionSelect.value = '';
    checkSelect.value = '';
    searchInput.value = '';
    setResourceFilter({ label: label, mask: mask, arn: arn || null });
    var tab = status === 'muted' || unmutedN === 0 ? 'muted' : 'findings';
    selectTab(tab);
    refresh();
    byId('tab-' + tab).focus();
  }

  // ---------------------------------------------------------------- compliance

  var REQ_STATUS_ORDER = ['FAIL', 'ERROR', 'MANUAL', 'PASS', 'NOT_COVERED'];
  var FINDING_STATUS_ORDER = ['FAIL', 'ERROR', 'MANUAL', 'PASS'];
  var checkIndexById = null;
  var findingsPerCheck = null;
  var unmutedPerCheck = null;
  var frameworkSelect = byId('compliance-framework');
  var renderedFramework = -1;

  /** The index of a check in D.checks, or -1; counts each check's findings on first use. */
  function checkIndex(id) {
    if (!checkIndexById) {
      checkIndexById = new Map();
      checks.forEach(function (c, k) {
        checkIndexById.set(c.id, k);
      });
      findingsPerCheck = new Int32Array(checks.length);
      unmutedPerCheck = new Int32Array(checks.length);
      for (var i = 0; i < N; i++) {
        findingsPerCheck[F.c[i]]++;
        if (!muted[i]) unmutedPerCheck[F.c[i]]++;
      }
    }
    var k = checkIndexById.get(id);
    return k === undefined ? -1 : k;
  }

  /** Shows the findings of one check: every other filter cleared, on the muted tab when all are muted. */
  function showCheckFindings(k) {
    statusBoxes.concat(severityBoxes).forEach(function (box) {
      box.checked = false;
    });
    serviceSelect.value = '';
    regionSelect.value = '';
    searchInput.value = '';
    checkSelect.value = String(k);
    var tab = unmutedPerCheck[k] > 0 ? 'findings' : 'muted';
    selectTab(tab);
    refresh();
    byId('tab-' + tab).focus();
  }

  function renderCompliance() {
    var frameworks = D.compliance;
    if (!Array.isArray(frameworks) || !frameworks.length) return;
    byId('tab-compliance').hidden = false;
    byId('tab-count-compliance').textContent = fmtInt(frameworks.length);
    frameworks.forEach(function (fw, k) {
      frameworkSelect.appendChild(h('option', { value: String(k), text: fw.name + ' ' + fw.version + ' (' + fw.key + ')' }));
    });
    frameworkSelect.addEventListener('change', renderComplianceBody);
    byId('compliance-body').addEventListener('click', function (event) {
      var link = event.target.closest ? event.target.closest('button.check-link') : null;
      if (!link) return;
      var k = checkIndex(link.getAttribute('data-check'));
      if (k >= 0) showCheckFindings(k);
    });
  }

  /** Renders the selected framework's requirements (on first view of the tab and on each change of framework). */
  function renderComplianceBody() {
    var fi = Number(frameworkSelect.value || 0);
    if (fi === renderedFramework || !Array.isArray(D.compliance) || !D.compliance[fi]) return;
    renderedFramework = fi;
    var fw = D.compliance[fi];
    var requirements = Array.isArray(fw.requirements) ? fw.requirements : [];
    var counts = {};
    REQ_STATUS_ORDER.forEach(function (s) {
      counts[s] = 0;
    });
    requirements.forEach(function (r) {
      counts[r.status] = (counts[r.status] || 0) + 1;
    });
    var bar = byId('compliance-counts');
    bar.textContent = '';
    bar.setAttribute('data-framework', fw.key);
    REQ_STATUS_ORDER.forEach(function (s) {
      bar.appendChild(
        h('span', { role: 'listitem', class: 'req-count', 'data-testid': 'compliance-count-' + s, 'data-count': counts[s] }, [statusBadge(s), h('span', { class: 'req-count-n', text: fmtInt(counts[s]) })]),
      );
    });
    bar.appendChild(h('span', { role: 'listitem', class: 'req-count subtle', text: fmtInt(requirements.length) + ' requirements' }));
    var body = byId('compliance-body');
    body.textContent = '';
    var frag = document.createDocumentFragment();
    var section = null;
    requirements.forEach(function (r) {
      if (r.section !== section) {
        section = r.section;
        frag.appendChild(h('tr', { class: 'section-row' }, [h('th', { scope: 'colgroup', colspan: '5', text: section })]));
      }
      frag.appendChild(requirementRow(r));
    });
    body.appendChild(frag);
  }

  function requirementRow(r) {
    var counts = r.counts || {};
    var countsCell = h('td', { class: 'req-findings' });
    FINDING_STATUS_ORDER.forEach(function (s) {
      var n = counts[s] || 0;
      if (n) countsCell.appendChild(h('span', { class: 'req-n status-text-' + s, text: fmtInt(n) + ' ' + STATUS_LABEL[s].toLowerCase() }));
    });
    if (!countsCell.firstChild) countsCell.appendChild(h('span', { class: 'subtle', text: '—' }));
    var ids = Array.isArray(r.checks) ? r.checks : [];
    var checksCell = h('td', { class: 'req-checks' });
    ids.forEach(function (id) {
      var k = checkIndex(String(id));
      var n = k >= 0 ? findingsPerCheck[k] : 0;
      checksCell.appendChild(
        n > 0
          ? h('button', { type: 'button', class: 'check-link mono', 'data-check': id, 'data-testid': 'requirement-check', title: 'Show the findings of this check', text: id })
          : h('span', { class: 'check-idle mono', 'data-testid': 'requirement-check-idle', title: k >= 0 ? 'No findings in this report' : 'Not run in this scan', text: id }),
      );
    });
    if (!ids.length) checksCell.appendChild(h('span', { class: 'subtle small', text: 'No qready check' }));
    return h(
      'tr',
      {
        class: 'req-row',
        'data-testid': 'requirement-row',
        'data-requirement': r.id,
        'data-status': r.status,
        'data-fail': counts.FAIL || 0,
        'data-error': counts.ERROR || 0,
        'data-manual': counts.MANUAL || 0,
        'data-pass': counts.PASS || 0,
      },
      [
        h('td', { class: 'mono req-id', text: r.id }),
        h('td', { class: 'req-title', text: r.title }),
        h('td', null, [statusBadge(r.status)]),
        countsCell,
        checksCell,
      ],
    );
  }

  // ---------------------------------------------------------------- changes since baseline

  var DIFF_LABEL = { new_failures: 'New failures', resolved_failures: 'Resolved', still_failing: 'Still failing', newly_muted: 'Newly muted', not_evaluated: 'Not evaluated' };
  var DIFF_NOTE = {
    new_failures: 'Unmuted failures now that were not unmuted failures in the baseline.',
    resolved_failures: 'Unmuted failures in the baseline that now pass, are muted or are gone.',
    still_failing: 'Unmuted failures in both scans.',
    newly_muted: 'Findings muted now that were not muted in the baseline.',
    not_evaluated: 'Unmuted failures in the baseline that could not be evaluated now (error or manual review): neither fixed nor failing.',
  };
  var changesRendered = false;

  function diffGroups() {
    return D.diff && Array.isArray(D.diff.groups) ? D.diff.groups : [];
  }

  function diffLabel(name) {
    return DIFF_LABEL[name] || String(name).replace(/_/g, ' ');
  }

  /** A diff entry as the scan wrote it: stored as is, or rebuilt from the finding it references. */
  function diffEntry(e) {
    if (!Array.isArray(e)) return e;
    var k = e[0];
    return {
      id: findingIdOf(k),
      check_id: checkOf(k).id,
      title: titleOf(k),
      severity: severityOf(k),
      region: D.regions[F.g[k]],
      resource: { type: D.types[F.t[k]], id: idOf(k), arn: arnOf(k), name: nameOf(k) },
      status_before: e[1] < 0 ? null : statuses[e[1]],
      status_after: statusOf(k),
      muted_before: e[2] === 1,
      muted_after: muted[k] === 1,
      message: messageOf(k),
    };
  }

  function renderChanges() {
    if (!D.diff) return;
    var groups = diffGroups();
    byId('tab-changes').hidden = false;
    var fresh = groups.filter(function (g) {
      return g[0] === 'new_failures';
    })[0];
    byId('tab-count-changes').textContent = fresh ? '+' + fmtInt(fresh[1].length) : '';
    var old = D.diff.old_scan || {};
    byId('changes-note').textContent =
      'Compared with the baseline scan ' +
      (old.id || '—') +
      ' of account ' +
      (old.account_id || '—') +
      ', started ' +
      fmtTime(old.started_at) +
      ' (qready ' +
      (old.tool_version || '—') +
      '). Findings are matched by their stable id.';
    var cards = byId('diff-cards');
    groups.forEach(function (g) {
      var name = g[0];
      var button = h(
        'button',
        { type: 'button', class: 'status-card diff-card diff-' + name, 'data-testid': 'diff-count-' + name, 'data-count': g[1].length, 'aria-label': fmtInt(g[1].length) + ' ' + diffLabel(name).toLowerCase() + ': show them' },
        [h('span', { class: 'count', text: fmtInt(g[1].length) }), h('span', { class: 'card-label', text: diffLabel(name) })],
      );
      button.addEventListener('click', function () {
        selectTab('changes');
        var section = byId('diff-group-' + name);
        if (section && section.scrollIntoView) section.scrollIntoView({ block: 'start' });
      });
      cards.appendChild(h('div', { role: 'listitem', class: 'card-wrap' }, [button]));
    });
  }

  /** Renders the diff's lists on first view of the tab, each in batches. */
  function renderChangesBody() {
    if (changesRendered || !D.diff) return;
    changesRendered = true;
    var container = byId('diff-groups');
    diffGroups().forEach(function (g) {
      container.appendChild(diffGroup(g[0], Array.isArray(g[1]) ? g[1] : []));
    });
  }

  function diffGroup(name, entries) {
    var tbody = h('tbody');
    var more = h('button', { type: 'button', class: 'btn', 'data-testid': 'diff-more-' + name, hidden: true });
    var section = h('section', { class: 'diff-group', id: 'diff-group-' + name, 'data-testid': 'diff-group-' + name, 'data-count': entries.length, 'data-shown': 0 }, [
      h('h3', { class: 'diff-heading' }, [diffLabel(name) + ' ', h('span', { class: 'tab-count', text: fmtInt(entries.length) })]),
      DIFF_NOTE[name] ? h('p', { class: 'panel-note diff-note', text: DIFF_NOTE[name] }) : null,
    ]);
    if (!entries.length) {
      section.appendChild(h('p', { class: 'empty', text: 'None.' }));
      return section;
    }
    section.appendChild(
      h('table', { class: 'findings diff-table' }, [
        h('colgroup', null, [h('col', { class: 'col-sev' }), h('col', { class: 'col-check' }), h('col', { class: 'col-region' }), h('col', { class: 'col-resource' }), h('col', { class: 'col-change' }), h('col')]),
        h('thead', null, [
          h(
            'tr',
            null,
            ['Severity', 'Check', 'Region', 'Resource', 'Before → now', 'Message'].map(function (t) {
              return h('th', { scope: 'col', text: t });
            }),
          ),
        ]),
        tbody,
      ]),
    );
    section.appendChild(h('div', { class: 'more' }, [more]));
    var shown = 0;
    function next() {
      var end = Math.min(entries.length, shown + BATCH);
      var frag = document.createDocumentFragment();
      for (var k = shown; k < end; k++) frag.appendChild(diffRow(diffEntry(entries[k]), name));
      tbody.appendChild(frag);
      shown = end;
      section.setAttribute('data-shown', shown);
      var remaining = entries.length - shown;
      more.hidden = remaining <= 0;
      more.textContent = 'Show ' + fmtInt(Math.min(BATCH, remaining)) + ' more (' + fmtInt(remaining) + ' remaining)';
    }
    more.addEventListener('click', next);
    next();
    return section;
  }

  function stateBadge(status, isMuted, absent) {
    if (status === null || status === undefined) return h('span', { class: 'badge status-none', text: absent });
    var badge = statusBadge(status);
    return isMuted ? h('span', { class: 'state' }, [badge, h('span', { class: 'muted-mark', text: 'muted' })]) : badge;
  }

  function diffRow(e, group) {
    var r = e.resource || {};
    return h(
      'tr',
      {
        class: 'diff-row',
        'data-testid': 'diff-row',
        'data-group': group,
        'data-id': e.id,
        'data-check': e.check_id,
        'data-before': e.status_before || '',
        'data-after': e.status_after || '',
        'data-muted-before': e.muted_before ? 'true' : 'false',
        'data-muted-after': e.muted_after ? 'true' : 'false',
      },
      [
        h('td', null, [severityBadge(e.severity)]),
        h('td', { class: 'cell-check' }, [h('div', { class: 'check-title', text: e.title }), h('div', { class: 'mono small subtle', text: e.check_id })]),
        h('td', { class: 'mono small', text: e.region }),
        h('td', { class: 'cell-resource', title: r.arn || r.id || null }, [h('div', { class: 'res-name', text: r.name || r.id || '—' }), h('div', { class: 'small subtle', text: r.type || '' })]),
        h('td', { class: 'cell-change' }, [stateBadge(e.status_before, e.muted_before, 'New'), h('span', { class: 'arrow', 'aria-hidden': 'true', text: '→' }), stateBadge(e.status_after, e.muted_after, 'Gone')]),
        h('td', null, [h('div', { class: 'cell-message', 'data-testid': 'diff-message', text: e.message === null || e.message === undefined || e.message === '' ? '—' : e.message })]),
      ],
    );
  }

  // ---------------------------------------------------------------- wiring

  var mainList;
  var mutedList;

  function refresh() {
    var m = computeMatches();
    mainList.set(m.main, m.active);
    mutedList.set(m.muted, m.active);
    byId('tab-count-findings').textContent = m.active ? fmtInt(m.main.length) + ' / ' + fmtInt(N - mutedCount) : fmtInt(N - mutedCount);
    byId('tab-count-muted').textContent = m.active ? fmtInt(m.muted.length) + ' / ' + fmtInt(mutedCount) : fmtInt(mutedCount);
    document.body.classList.toggle('filtered', m.active);
  }

  renderHeader();
  countFindings();
  renderSummary();
  renderFilters();
  performance.mark('qready:summary');
  mainList = makeList({
    tbody: 'findings-body',
    button: 'findings-more',
    sentinel: 'findings-sentinel',
    empty: 'findings-empty',
    count: 'match-count',
    total: N - mutedCount,
    noun: 'findings',
    isMuted: false,
  });
  mutedList = makeList({
    tbody: 'muted-body',
    button: 'muted-more',
    sentinel: 'muted-sentinel',
    empty: 'muted-empty',
    count: 'muted-count',
    total: mutedCount,
    noun: 'muted findings',
    isMuted: true,
  });
  wireTabs();
  renderInventory();
  renderQInventory();
  renderCompliance();
  renderChanges();
  refresh();
  performance.mark('qready:rows');

  document.body.dataset.ready = 'true';
  window.__qreadyReadyAt = performance.now();
})();
