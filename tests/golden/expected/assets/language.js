// The root page: send readers to the site in their browser's language, once. A reader who comes
// back to this page from inside the site (to choose another language) or opens it with #choose
// stays here and chooses.
(function () {
  "use strict";
  var links = document.querySelectorAll("#language-choice a[data-lang]");
  if (window.location.hash === "#choose") { return; }
  try {
    if (document.referrer && new URL(document.referrer).origin === window.location.origin) { return; }
  } catch (e) { /* no usable referrer: go on */ }
  var offered = {};
  Array.prototype.forEach.call(links, function (a) { offered[a.getAttribute("data-lang")] = a.href; });
  var wanted = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || ""];
  for (var i = 0; i < wanted.length; i++) {
    var code = String(wanted[i]).toLowerCase().split("-")[0];
    if (offered[code]) { window.location.replace(offered[code]); return; }
  }
})();
