// Only in pages built by `build.py serve`: reload when the site has been rebuilt.
(function () {
  var seen = null;
  function poll() {
    fetch("/__build", { cache: "no-store" })
      .then(function (r) { return r.text(); })
      .then(function (generation) {
        if (seen === null) { seen = generation; }
        else if (generation !== seen) { window.location.reload(); return; }
        setTimeout(poll, 700);
      })
      .catch(function () { setTimeout(poll, 2000); });
  }
  poll();
})();
