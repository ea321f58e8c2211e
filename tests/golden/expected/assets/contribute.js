// The initiative form of the contribute page: checks the answers in the browser, then writes the
// record file in the layout of `python build.py new initiative` (portal/scaffold.py `filled`; the
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

  // The record id made from a title, as portal/load.py suggest_id does.
  function suggestId(title) {
    var ascii = title.normalize("NFKD").replace(/[^\x00-\x7f]/g, "").toLowerCase();
    var words = ascii.match(/[a-z0-9]+/g) || [];
    var slug = words.join("-").slice(0, 80).replace(/^-+|-+$/g, "");
    return slug || "record";
  }

  // ---- rows that can be added and removed

  function renumber(list) {
    var partners = list.dataset.rows === "partners";
    var title = partners ? MSG.partner : MSG.webPage;
    var remove = partners ? MSG.removePartner : MSG.removeWebPage;
    Array.prototype.forEach.call(list.children, function (row, i) {
      row.querySelector(".row-title").textContent = fill(title, { n: i + 1 });
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

  // ---- checks the browser cannot make from the attributes alone

  var topics = Array.prototype.slice.call(form.querySelectorAll('input[name="topics"]'));
  var maxTopics = Number(form.dataset.maxTopics);

  function checkTopics() {
    var chosen = topics.filter(function (box) { return box.checked; }).length;
    var message = chosen === 0 ? MSG.topicsNone
      : chosen > maxTopics ? fill(MSG.topicsMax, { max: maxTopics }) : "";
    topics[0].setCustomValidity(message);
  }

  function checkContact() {
    var name = form.elements["contact.name"];
    var other = form.elements["contact.email"].value.trim() || form.elements["contact.url"].value.trim();
    name.required = Boolean(other);
  }

  function checkPartners() {
    var list = form.querySelector('[data-rows="partners"]');
    Array.prototype.forEach.call(list.children, function (row) {
      var type = row.querySelector('[data-field="type"]');
      var country = row.querySelector('[data-field="country"]');
      country.setCustomValidity(!country.value && type.value && type.value !== "igo"
        ? MSG.countryMissing : "");
    });
  }

  form.addEventListener("change", function () { checkTopics(); checkContact(); checkPartners(); });
  form.addEventListener("input", checkContact);

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
    copyStatus.textContent = "";
    result.hidden = false;
    document.getElementById("result-title").focus();
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    checkTopics(); checkContact(); checkPartners();
    if (!form.reportValidity()) return;
    var answers = read();
    var id = suggestId(answers.values.title || "");
    show(recordText(answers.values, answers.story, answers.order), id + form.dataset.extension);
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
  checkTopics();
}());
