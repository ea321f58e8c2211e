// A list's and the search page's filters sit behind one button (a <details> element): folded on a
// narrow screen, where the records come first, and open beside them on a wide one. Without this
// script they start folded on every screen and open with a click or the keyboard, as <details> does.
(function () {
  "use strict";
  var narrow = window.matchMedia("(max-width: 50rem)"); // where style.css puts the filters above the list
  function fit() {
    document.querySelectorAll("details.filters").forEach(function (d) { d.open = !narrow.matches; });
  }
  fit();
  narrow.addEventListener("change", fit);
})();
