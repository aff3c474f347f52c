// zugong: small progressive enhancements. Every page works without them.
(function () {
  "use strict";
  // Show only the fieldsets of the chosen kind of change; the hidden ones
  // are disabled, so their fields are not sent.
  function sync(select) {
    var form = select.form;
    var value = select.value;
    var sets = form.querySelectorAll("fieldset[data-event]");
    for (var i = 0; i < sets.length; i++) {
      var kinds = sets[i].getAttribute("data-event").split(" ");
      var on = value !== "" && kinds.indexOf(value) >= 0;
      sets[i].hidden = !on;
      sets[i].disabled = !on;
    }
  }
  document.addEventListener("DOMContentLoaded", function () {
    var selects = document.querySelectorAll("select[data-switch=event]");
    for (var i = 0; i < selects.length; i++) {
      (function (s) {
        sync(s);
        s.addEventListener("change", function () { sync(s); });
      })(selects[i]);
    }
  });
  // Ask before destructive actions; the question comes from the catalog.
  document.addEventListener("submit", function (e) {
    var q = e.target.getAttribute && e.target.getAttribute("data-confirm");
    if (q && !window.confirm(q)) { e.preventDefault(); }
  }, true);
})();
