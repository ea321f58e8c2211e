// The initiative form of the contribute page: checks the answers in the browser, then writes the
// record file in the layout of `.venv/bin/python build.py new initiative` (portal/scaffold.py `filled`; the
// page carries that layout, generated from the record format) and offers to propose it on GitHub,
// download it or copy it. Values are only ever set as text, never parsed as HTML.
(function () {
  "use strict";

  var form = document.getElementById("initiative-form");
  if (!form) return;

  // The words the script shows, in the page's language (a JSON island written by the template).
  var MSG = JSON.parse(document.getElementById("contribute-messages").textContent);

  // A message with its %(name)s placeholders replaced by values[name].
  function fill(message, values) {
    return message.replace(/%\((\w+)\)s/g, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole;
    });
  }

  // ---- the record file, as portal/scaffold.py writes it

  // Answers without surrounding blanks, empty items or empty mappings; null when nothing is left.
  function prune(value) {
    if (typeof value === "string") {
      var text = value.replace(/\r\n?/g, "\n").trim();
      return text ? text : null;
    }
    if (Array.isArray(value)) {
      var items = value.map(prune).filter(function (v) { return v !== null; });
      return items.length ? items : null;
    }
    if (value && typeof value === "object") {
      var kept = {}, any = false;
      Object.keys(value).forEach(function (key) {
        var v = prune(value[key]);
        if (v !== null) { kept[key] = v; any = true; }
      });
      return any ? kept : null;
    }
    return null;
  }

  // A YAML double-quoted scalar: JSON's string syntax is a subset of it (json.dumps in Python).
  var scalar = JSON.stringify;

  function readLayout(list) {
    return Array.prototype.map.call(list.children, function (li) {
      var nested = li.querySelector("ol");
      return {
        name: li.dataset.name, shape: li.dataset.shape, required: li.dataset.required === "yes",
        placeholder: li.dataset.placeholder, comment: li.dataset.comment,
        fields: nested ? readLayout(nested) : []
      };
    });
  }

  var layoutRoot = document.getElementById("record-layout");
  var header = Array.prototype.map.call(layoutRoot.querySelectorAll("[data-header] > li"),
                                        function (li) { return li.textContent; });
  var layout = readLayout(layoutRoot.querySelector("[data-fields]"));

  function itemLines(lines, indent) {
    return lines.map(function (line, i) { return indent + (i === 0 ? "  - " : "    ") + line; });
  }

  function missingLines(f, indent) {
    if (f.shape === "mapping") {
      var out = [indent + f.name + ":"];
      f.fields.forEach(function (sub) {
        if (sub.required) out = out.concat([indent + "  " + sub.comment], missingLines(sub, indent + "  "));
      });
      return out;
    }
    if (f.shape === "mappings") {
      var item = [];
      f.fields.forEach(function (sub) { if (sub.required) item = item.concat(missingLines(sub, "")); });
      return [indent + f.name + ":"].concat(itemLines(item, indent));
    }
    if (f.shape === "list") return [indent + f.name + ": [" + scalar(f.placeholder) + "]"];
    return [indent + f.name + ": " + scalar(f.placeholder)];
  }

  function fieldLines(fields, values, indent, nested) {
    var out = [];
    fields.forEach(function (f) {
      var value = Object.prototype.hasOwnProperty.call(values, f.name) ? values[f.name] : null;
      if (value === null) {
        if (f.required) out = out.concat([indent + f.comment], missingLines(f, indent));
        else if (!nested) out.push(indent + f.comment, indent + "# " + f.name + ":");
        return;
      }
      out.push(indent + f.comment);
      if (f.shape === "mapping") {
        out.push(indent + f.name + ":");
        out = out.concat(fieldLines(f.fields, value, indent + "  ", true));
      } else if (f.shape === "mappings") {
        out.push(indent + f.name + ":");
        value.forEach(function (item) {
          var lines = [];
          f.fields.forEach(function (sub) {
            if (Object.prototype.hasOwnProperty.call(item, sub.name)) lines.push(sub.name + ": " + scalar(item[sub.name]));
            else if (sub.required) lines = lines.concat(missingLines(sub, ""));
          });
          out = out.concat(itemLines(lines, indent));
        });
      } else if (f.shape === "list") {
        out.push(indent + f.name + ": [" + value.map(scalar).join(", ") + "]");
      } else {
        out.push(indent + f.name + ": " + scalar(value));
      }
    });
    return out;
  }

  // `story` maps the body's headings to answers; `order` lists the headings as the layout does.
  function recordText(values, story, order) {
    var fields = fieldLines(layout, prune(values) || {}, "", false);
    var answers = prune(story) || {};
    var sections = order.filter(function (h) { return answers[h] !== undefined; })
      .map(function (h) { return "## " + h + "\n\n" + answers[h]; });
    var text = "---\n" + header.concat(fields).join("\n") + "\n---\n";
    return text + (sections.length ? "\n" + sections.join("\n\n") + "\n" : "");
  }

  // ---- the record id, as portal/ids.py makes it: NFKD, apostrophes and digit commas, then
  // text-unidecode's table (assets/transliteration.js, loaded only for a title outside ASCII), then
  // lowercase words of letters and digits joined by hyphens, whole words up to 80 characters.

  var MAX_ID = 80;
  var tableLoad = null;

  function loadTable() {
    if (window.PORTAL_TRANSLITERATION) return Promise.resolve();
    if (!tableLoad) {
      tableLoad = new Promise(function (resolve) {
        var script = document.createElement("script");
        script.src = form.dataset.transliteration;
        script.onload = resolve;
        script.onerror = resolve;  // without the table, letters outside ASCII are left out
        document.head.appendChild(script);
      });
    }
    return tableLoad;
  }

  function transliterate(text) {
    var table = window.PORTAL_TRANSLITERATION || {};
    var out = "";
    for (var i = 0; i < text.length; i++) {
      var code = text.codePointAt(i);
      if (code > 0xffff) i++;
      if (code < 0x80) { out += String.fromCharCode(code); continue; }
      var block = table[(code >> 8).toString(16)];
      out += block ? block[code & 0xff] : "";
    }
    return out;
  }

  function suggestId(title) {
    var text = title.normalize("NFKD").replace(/'/g, "-").replace(/(\d),(?=\d)/g, "$1");
    text = transliterate(text).normalize("NFKD").toLowerCase().replace(/'+/g, "");
    text = text.replace(/[^-a-z0-9]+/g, "-").replace(/-{2,}/g, "-").replace(/^-+|-+$/g, "");
    if (text.length > MAX_ID) {
      var words = text.split("-"), kept = "";
      for (var w = 0; w < words.length; w++) {
        var next = kept ? kept + "-" + words[w] : words[w];
        if (next.length > MAX_ID) break;
        kept = next;
      }
      text = kept || text.slice(0, MAX_ID);
    }
    return text || "record";
  }

  // ---- rows that can be added and removed

  function renumber(list) {
    var partners = list.dataset.rows === "partners";
    var title = partners ? MSG.partner : MSG.webPage;
    var remove = partners ? MSG.removePartner : MSG.removeWebPage;
    Array.prototype.forEach.call(list.children, function (row, i) {
      row.querySelector(".row-title").textContent = fill(title, { n: i + 1 });
      Array.prototype.forEach.call(row.querySelectorAll("[data-field]"), function (control) {
        control.id = list.dataset.rows + "-" + (i + 1) + "-" + control.dataset.field;  // the error summary links here
      });
      row.querySelector(".remove-row").setAttribute("aria-label", fill(remove, { n: i + 1 }));
    });
  }

  function addRow(kind, focus) {
    var list = form.querySelector('[data-rows="' + kind + '"]');
    var row = document.getElementById("row-" + kind).content.firstElementChild.cloneNode(true);
    row.querySelector(".remove-row").addEventListener("click", function () {
      row.remove();
      renumber(list);
      var add = form.querySelector('[data-add="' + kind + '"]');
      add.focus();
    });
    list.appendChild(row);
    renumber(list);
    if (focus) row.querySelector("input, select").focus();
    return row;
  }

  Array.prototype.forEach.call(form.querySelectorAll("[data-add]"), function (button) {
    button.addEventListener("click", function () { addRow(button.dataset.add, true); });
  });

  // ---- reading the answers

  function read() {
    var values = {};
    layout.forEach(function (f) {
      if (f.shape === "mappings") {
        var list = form.querySelector('[data-rows="' + f.name + '"]');
        values[f.name] = Array.prototype.map.call(list.children, function (row) {
          var item = {};
          f.fields.forEach(function (sub) {
            var control = row.querySelector('[data-field="' + sub.name + '"]');
            if (control) item[sub.name] = control.value;
          });
          return item;
        });
      } else if (f.shape === "mapping") {
        var mapping = {};
        f.fields.forEach(function (sub) {
          var control = form.elements[f.name + "." + sub.name];
          if (control) mapping[sub.name] = control.value;
        });
        values[f.name] = mapping;
      } else if (f.shape === "list") {
        values[f.name] = Array.prototype.filter.call(form.querySelectorAll('input[name="' + f.name + '"]'),
          function (box) { return box.checked; }).map(function (box) { return box.value; });
      } else {
        var control = form.elements[f.name];
        values[f.name] = control ? control.value : "";
      }
    });
    var story = {}, order = [];
    Array.prototype.forEach.call(form.querySelectorAll("textarea[data-heading]"), function (area) {
      story[area.dataset.heading] = area.value;
      order.push(area.dataset.heading);
    });
    return { values: values, story: story, order: order };
  }

  // ---- the validator's checks (portal/formchecks.py exports them at build time, with its messages
  // in the page's language), as portal/fields.py and portal/rules.py make them

  var CHECKS = JSON.parse(document.getElementById("contribute-checks").textContent);
  var CM = CHECKS.messages;
  var summary = document.getElementById("error-summary");
  var touched = {};
  var submittedOnce = false;

  function has(object, key) { return Object.prototype.hasOwnProperty.call(object, key); }

  function clip(text) {  // how the validator quotes a long value
    text = text.split(/\s+/).filter(Boolean).join(" ");
    return text.length <= 40 ? text : text.slice(0, 39) + "\u2026";
  }

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  function parseDate(text) {  // portal/dates.py parse_partial_date: a real date, year 1900 or later
    var m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(text);
    if (!m) return null;
    var year = Number(m[1]), month = m[2] ? Number(m[2]) : null, day = m[3] ? Number(m[3]) : null;
    if (month !== null && (month < 1 || month > 12)) return null;
    var monthDays = function (mo) { return new Date(Date.UTC(year, mo, 0)).getUTCDate(); };
    if (day !== null && (day < 1 || day > monthDays(month))) return null;
    if (year < 1900) return null;
    var first = year + "-" + pad(month || 1) + "-" + pad(day || 1);
    var last = day !== null ? first : month !== null ? year + "-" + pad(month) + "-" + pad(monthDays(month))
      : year + "-12-31";
    return { iso: text, first: first, last: last };
  }

  function statusOn(iso3, day) {
    var periods = CHECKS.countries[iso3].periods;
    for (var i = 0; i < periods.length; i++) {
      var p = periods[i];
      if ((p[0] === null || p[0] <= day) && (p[1] === null || day < p[1])) return p[2];
    }
    return periods[periods.length - 1][2];
  }

  function southern(status) { return CHECKS.southern.indexOf(status) >= 0; }

  function describe(iso3, day) {  // 'JPN (Japan), a developed economy on 2021-03-01'
    return fill(CM.COUNTRY_ON_DAY, { iso3: iso3, name: CHECKS.countries[iso3].name,
      status: CHECKS.statuses[statusOn(iso3, day)], day: day });
  }

  // The answers as the file holds them: pruned like `recordText`, each list item with its row.
  function answers() {
    var raw = read();
    var values = {}, rows = {};
    layout.forEach(function (f) {
      if (f.shape === "mappings") {
        var list = form.querySelector('[data-rows="' + f.name + '"]');
        var items = [], kept = [];
        raw.values[f.name].forEach(function (item, i) {
          var pruned = prune(item);
          if (pruned) { items.push(pruned); kept.push(list.children[i]); }
        });
        values[f.name] = items;
        rows[f.name] = kept;
      } else {
        values[f.name] = prune(raw.values[f.name]);
      }
    });
    return { values: values, rows: rows, story: raw.story };
  }

  function control(path, rows) {  // the element a problem links to
    var item = /^(\w+)\[(\d+)\]\.(\w+)$/.exec(path);
    if (item) {
      var row = (rows[item[1]] || [])[Number(item[2])];
      return row ? row.querySelector('[data-field="' + item[3] + '"]') : null;
    }
    var top = path.replace(/\[\d+\]$/, "");
    if (top === "partners") {
      var first = form.querySelector('[data-rows="partners"] [data-field]');
      return first || form.querySelector('[data-add="partners"]');
    }
    return document.getElementById("q-" + top.replace(/\./g, "-")) ||
      document.getElementById("q-" + top.replace(/\./g, "-") + "-0");
  }

  function checkValue(entry, path, value, add) {
    if (value === null || value === undefined) {
      if (entry.required && entry.placeholder) {
        add(entry.list ? path + "[0]" : path, fill(CM.PLACEHOLDER, { field: entry.list ? path + "[0]" : path,
          text: entry.placeholder }));
        return false;
      }
      return true;
    }
    var items = entry.list ? value : [value];
    if (entry.list && items.length > entry.maxItems) {
      add(path, fill(CM.TOO_MANY, { field: path, count: items.length, limit: entry.maxItems }));
      return false;
    }
    var ok = true;
    items.forEach(function (v, i) {
      var at = entry.list ? path + "[" + i + "]" : path;
      if (/^TODO/.test(v)) {
        add(at, fill(CM.PLACEHOLDER, { field: at, text: clip(v) })); ok = false;
      } else if (entry.type === "code" && CHECKS.vocabularies[entry.vocabulary].codes.indexOf(v) < 0) {
        add(at, fill(CM.VOCABULARY, { text: v, vocabulary: CHECKS.vocabularies[entry.vocabulary].title })); ok = false;
      } else if (entry.type === "country" && !has(CHECKS.countries, v)) {
        add(at, fill(CM.COUNTRY, { text: v })); ok = false;
      } else if (entry.type === "date" && !parseDate(v)) {
        add(at, fill(CM.DATE, { text: v })); ok = false;
      }
    });
    return ok;
  }

  function checkInitiative(v, add) {  // portal/rules.py check_initiative
    var day = parseDate(v.start).first;
    var southernCountries = {}, facilitators = 0, southernFacilitators = [];
    v.partners.forEach(function (partner, i) {
      var at = "partners[" + i + "]";
      if (!partner.country) {
        if (CHECKS.international.indexOf(partner.type) < 0) {
          add(at + ".country", fill(CM.COUNTRY_REQUIRED, { name: partner.name }));
          return;
        }
        if (partner.role === "facilitator") facilitators += 1;
        else if (partner.type === "regional-ip-organization") southernCountries["org:" + partner.name] = true;
        return;
      }
      var status = statusOn(partner.country, day);
      if (v.kind === "south-south" && !southern(status)) {
        add(at + ".country", fill(CM.SOUTH_SOUTH_PARTNER, { name: partner.name, country: describe(partner.country, day) }));
      } else if (v.kind === "triangular") {
        if (partner.role === "facilitator") {
          if (southern(status)) southernFacilitators.push(describe(partner.country, day));
          else facilitators += 1;
        } else if (partner.role === "member" && !southern(status)) {
          facilitators += 1;
        } else if (!southern(status)) {
          add(at + ".country", fill(CM.NOT_SOUTHERN_PARTNER, { name: partner.name,
            country: describe(partner.country, day), role: partner.role }));
        }
      }
      if (southern(status) && ["beneficiary", "provider", "member"].indexOf(partner.role) >= 0) {
        southernCountries[partner.country] = true;
      }
    });
    if (v.kind !== "triangular") return;
    var count = Object.keys(southernCountries).length;
    if (count < 2) add("partners", fill(CM.TRIANGULAR_SOUTHERN, { count: count }));
    if (facilitators === 0) {
      add("partners", southernFacilitators.length
        ? fill(CM.TRIANGULAR_FACILITATOR_SOUTH, { countries: southernFacilitators.join("; ") })
        : CM.TRIANGULAR_FACILITATOR_NONE);
    }
  }

  function modality(v) {  // portal/verdicts.py modality, for an initiative's partners
    var day = parseDate(v.start).first;
    var parties = v.partners.map(function (p) {
      var role = CHECKS.roleParties[p.role];
      return { name: p.name, role: role, country: p.country || null,
               group: p.type === "regional-ip-organization" && !p.country && role !== "supporter" };
    });
    var isSouthern = function (p) { return p.group || (p.country !== null && southern(statusOn(p.country, day))); };
    var developed = function (p) { return p.country !== null && !isSouthern(p); };
    var what = function (p) {
      return p.group ? CM.GROUP_OF_COUNTRIES : p.country === null ? CM.INTERNATIONAL_ORGANIZATION : describe(p.country, day);
    };
    var names = function (list) {
      var seen = {}, out = [];
      list.forEach(function (p) {
        var key = JSON.stringify([p.name, p.role, p.country, p.group]);
        if (seen[key]) return;
        seen[key] = true;
        out.push(p.country && p.name === p.country ? what(p) : fill(CM.PARTY, { name: p.name, what: what(p) }));
      });
      return out.join("; ");
    };
    var reason = function (key, list) { return fill(CHECKS.reasons[key], { parties: names(list) }); };
    var giving = parties.filter(function (p) { return p.role === "provider" || p.role === "member"; });
    var southernGivers = giving.filter(isSouthern);
    var helpers = giving.filter(function (p) { return !isSouthern(p); })
      .concat(parties.filter(function (p) { return p.role === "supporter" && !isSouthern(p); }))
      .concat(parties.filter(function (p) { return p.role === "organizer" && developed(p); }));
    var countries = {};
    parties.forEach(function (p) { if (p.role !== "organizer" && p.country && isSouthern(p)) countries[p.country] = true; });
    var groups = parties.filter(function (p) { return p.group && p.role !== "organizer"; });
    if (giving.length && !southernGivers.length) {
      var north = giving.filter(developed);
      return north.length ? ["north-south", reason("north-south", north)] : ["multilateral", reason("multilateral", giving)];
    }
    if (Object.keys(countries).length + groups.length >= 2) {
      return helpers.length ? ["triangular", reason("triangular", helpers)] : ["south-south", CHECKS.reasons["south-south"]];
    }
    var northHelpers = helpers.filter(developed);
    if (northHelpers.length) return ["north-south", reason("north-south-single", northHelpers)];
    var organizations = helpers.filter(function (p) { return p.country === null && !p.group; });
    if (organizations.length) return ["multilateral", reason("multilateral-single", organizations)];
    var named = parties.filter(function (p) { return p.country && p.role !== "organizer"; }).slice(0, 1);
    return ["national", fill(CHECKS.reasons.national, { parties: names(named) || CM.NO_COUNTRY_NAMED })];
  }

  function checkModality(v, add) {  // portal/rules.py check_modality, for an initiative
    var verdict = modality(v);
    if (verdict[0] === v.kind) return;
    var message = fill(CM.MODALITY_MISMATCH, { field: "kind", declared: v.kind, modality: verdict[0], reason: verdict[1] });
    if (CHECKS.modalities.indexOf(verdict[0]) < 0) {
      message = fill(CM.NOT_ADMITTED, { message: message, a_kind: CHECKS.aKind, admitted: CHECKS.modalities.join(" or ") });
    }
    add("kind", message);
  }

  // Every problem of the answers, in the order of the form: [{field, message, element}].
  function problems() {
    var a = answers(), v = a.values, out = [], invalid = {}, errorFields = {};
    function add(path, message) {
      var top = path.split(/[.[]/)[0];
      errorFields[top] = true;
      out.push({ field: path, message: message, element: control(path, a.rows) });
    }
    Object.keys(CHECKS.fields).forEach(function (path) {
      if (path.indexOf(".") >= 0) return;
      var entry = CHECKS.fields[path];
      var before = out.length;
      if (entry.type === "mapping" && entry.list) {
        var items = v[path].length ? v[path] : (entry.required ? [{}] : []);
        items.forEach(function (item, i) {
          Object.keys(CHECKS.fields).forEach(function (sub) {
            if (sub.indexOf(path + ".") !== 0) return;
            var name = sub.slice(path.length + 1);
            checkValue(CHECKS.fields[sub], path + "[" + i + "]." + name, has(item, name) ? item[name] : null, add);
          });
        });
      } else if (entry.type === "mapping") {
        if (v[path]) {
          Object.keys(CHECKS.fields).forEach(function (sub) {
            if (sub.indexOf(path + ".") !== 0) return;
            var name = sub.slice(path.length + 1);
            checkValue(CHECKS.fields[sub], sub, has(v[path], name) ? v[path][name] : null, add);
          });
        }
      } else {
        checkValue(entry, path, v[path], add);
      }
      if (out.length > before) invalid[path] = true;
    });
    Object.keys(CHECKS.fields).forEach(function (path) {  // dates in order, whenever both are valid
      var other = CHECKS.fields[path].notBefore;
      if (!other || invalid[path] || invalid[other] || !v[path] || !v[other]) return;
      var end = parseDate(v[path]), start = parseDate(v[other]);
      if (end.last < start.first) {
        add(path, fill(CM.DATE_ORDER, { field: path, end: end.iso, other: other, start: start.iso }));
      }
    });
    var reads = CHECKS.parties.filter(function (f) { return invalid[f] || !v[f]; });
    if (!reads.length) {  // the South-South rules read only the kind, the start and the partners
      checkInitiative(v, add);
      if (!CHECKS.parties.some(function (f) { return errorFields[f]; })) checkModality(v, add);
    }
    Array.prototype.forEach.call(form.querySelectorAll("textarea[data-heading][data-required]"), function (area) {
      if (!area.value.trim()) {
        out.push({ field: "body", message: fill(CM.STORY_EMPTY, { question: area.dataset.question }), element: area });
      }
    });
    var consent = document.getElementById("q-consent");
    if (consent && !consent.checked) out.push({ field: "consent", message: MSG.consent, element: consent });
    return out;
  }

  // ---- telling the contributor: beside each field, and in the summary at the top (GOV.UK's pattern)

  function showInline(found, all) {
    Array.prototype.forEach.call(form.querySelectorAll(".field-error"), function (p) { p.remove(); });
    Array.prototype.forEach.call(form.querySelectorAll("[aria-invalid]"), function (e) { e.removeAttribute("aria-invalid"); });
    found.forEach(function (problem, i) {
      var element = problem.element;
      if (!element || !(all || touched[element.id])) return;
      element.setAttribute("aria-invalid", "true");
      var note = document.createElement("p");
      note.className = "field-error";
      note.id = "error-" + i;
      note.textContent = problem.message;
      var holder = element.closest(".question, label, fieldset") || element.parentElement;
      holder.insertBefore(note, holder.firstChild === element ? element : holder.firstChild.nextSibling);
    });
  }

  function showSummary(found) {
    var list = summary.querySelector("ul");
    list.textContent = "";
    found.forEach(function (problem) {
      var li = document.createElement("li");
      if (problem.element) {
        var link = document.createElement("a");
        link.href = "#" + problem.element.id;
        link.textContent = problem.message;
        link.addEventListener("click", function (event) {
          event.preventDefault();
          problem.element.focus();
          problem.element.scrollIntoView({ block: "center" });
        });
        li.appendChild(link);
      } else {
        li.textContent = problem.message;
      }
      list.appendChild(li);
    });
    summary.hidden = found.length === 0;
  }

  function recheck() {
    var found = problems();
    showInline(found, submittedOnce);
    if (submittedOnce) showSummary(found);
    return found;
  }

  // A message that appears while a button is pressed would move what is under the pointer: the
  // check waits until the press is over.
  var pressing = false, waiting = false;
  function later() {
    if (pressing) waiting = true;
    else recheck();
  }
  document.addEventListener("pointerdown", function () { pressing = true; }, true);
  document.addEventListener("pointerup", function () {
    setTimeout(function () {
      pressing = false;
      if (waiting) { waiting = false; recheck(); }
    }, 0);
  }, true);

  form.addEventListener("change", function (event) {
    if (event.target.id) touched[event.target.id] = true;
    later();
  });
  form.addEventListener("input", function (event) {
    if (event.target.name === "title" && /[^\x00-\x7f]/.test(event.target.value)) loadTable();
    if (event.target.id && touched[event.target.id]) recheck();
  });
  form.addEventListener("focusout", function (event) {
    if (event.target.id && event.target.value) { touched[event.target.id] = true; later(); }
  });

  // ---- the result

  var result = document.getElementById("result");
  var output = document.getElementById("result-text");
  var download = document.getElementById("download-link");
  var propose = document.getElementById("propose-link");
  var tooLong = document.getElementById("too-long");
  var copyStatus = document.getElementById("copy-status");
  var downloadUrl = null;

  function show(text, fileName) {
    output.value = text;
    document.getElementById("result-file").textContent = fileName;
    if (downloadUrl) URL.revokeObjectURL(downloadUrl);
    downloadUrl = URL.createObjectURL(new Blob([text], { type: "text/markdown;charset=utf-8" }));
    download.href = downloadUrl;
    download.setAttribute("download", fileName);
    if (propose) {
      var url = form.dataset.newFile + "?filename=" + encodeURIComponent(fileName) +
        "&value=" + encodeURIComponent(text);
      var fits = url.length <= Number(form.dataset.urlLimit);
      propose.href = fits ? url : form.dataset.newFile;
      propose.parentElement.hidden = !fits;
      tooLong.hidden = fits;
    }
    var email = document.getElementById("email-link");
    if (email) {  // the text in the message when it fits a mail link; else the contributor attaches the file
      var mail = email.href.split("?")[0] + "?subject=" + encodeURIComponent(fileName);
      var withText = mail + "&body=" + encodeURIComponent(text);
      email.href = withText.length <= Number(form.dataset.urlLimit) ? withText : mail;
    }
    copyStatus.textContent = "";
    result.hidden = false;
    document.getElementById("result-title").focus();
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    submittedOnce = true;
    var found = recheck();
    if (found.length) {
      result.hidden = true;
      summary.focus();
      return;
    }
    var answers = read();
    loadTable().then(function () {
      var id = suggestId(answers.values.title || "");
      show(recordText(answers.values, answers.story, answers.order), id + form.dataset.extension);
      preview();
    });
  });

  // ---- the preview: the initiative as its page will show it (the story as plain paragraphs)

  function chosenLabel(name) {
    var box = form.querySelector('input[name="' + name + '"]:checked');
    return box ? box.parentElement.textContent.trim() : "";
  }

  function optionLabel(row, field) {
    var select = row.querySelector('[data-field="' + field + '"]');
    return select && select.value ? select.options[select.selectedIndex].textContent : "";
  }

  function element(tag, text, className) {
    var e = document.createElement(tag);
    if (text) e.textContent = text;
    if (className) e.className = className;
    return e;
  }

  function preview() {
    var box = document.getElementById("preview");
    var body = box.querySelector(".preview-body");
    body.textContent = "";
    body.appendChild(element("h4", form.elements.title.value.trim()));
    body.appendChild(element("p", [chosenLabel("kind"), chosenLabel("status")].filter(Boolean).join(" · "), "meta"));
    body.appendChild(element("p", form.elements.summary.value.trim(), "lead"));
    var facts = element("dl");
    var period = [form.elements.start.value.trim(), form.elements.end.value.trim()].filter(Boolean).join(" – ");
    facts.appendChild(element("dt", box.dataset.period));
    facts.appendChild(element("dd", period));
    var roles = {};
    Array.prototype.forEach.call(form.querySelectorAll('[data-rows="partners"] > li'), function (row) {
      var name = row.querySelector('[data-field="name"]').value.trim();
      if (!name) return;
      var role = optionLabel(row, "role");
      var note = [optionLabel(row, "type"), optionLabel(row, "country")].filter(Boolean).join(", ");
      (roles[role] = roles[role] || []).push(name + (note ? " (" + note + ")" : ""));
    });
    Object.keys(roles).forEach(function (role) {
      facts.appendChild(element("dt", role));
      roles[role].forEach(function (text) { facts.appendChild(element("dd", text)); });
    });
    var topicsChosen = Array.prototype.filter.call(form.querySelectorAll('input[name="topics"]'), function (b) { return b.checked; })
      .map(function (b) { return b.parentElement.textContent.trim(); });
    facts.appendChild(element("dt", box.dataset.topics));
    facts.appendChild(element("dd", topicsChosen.join(", ")));
    body.appendChild(facts);
    Array.prototype.forEach.call(form.querySelectorAll("textarea[data-heading]"), function (area) {
      if (!area.value.trim()) return;
      body.appendChild(element("h5", area.dataset.question));
      area.value.trim().split(/\n\s*\n/).forEach(function (para) { body.appendChild(element("p", para)); });
    });
    box.hidden = false;
  }

  document.getElementById("preview-button").addEventListener("click", function () {
    preview();
    document.getElementById("preview-title").focus();
  });

  document.getElementById("copy-button").addEventListener("click", function () {
    function copied() {
      copyStatus.textContent = fill(MSG.copiedFile, { file: document.getElementById("result-file").textContent });
    }
    function fallback() {
      output.focus();
      output.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      copyStatus.textContent = ok ? MSG.copied : MSG.selected;
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(output.value).then(copied, fallback);
    } else {
      fallback();
    }
  });

  // ---- start: two partners (every partnership has at least two), today's date, the form shown

  addRow("partners", false);
  addRow("partners", false);
  var submitted = form.elements.submitted;
  if (!submitted.value) {
    var now = new Date();
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    submitted.value = now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
  }
  document.getElementById("form-needs-script").hidden = true;
  form.hidden = false;
}());
