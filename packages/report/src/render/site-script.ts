/**
 * The portfolio filters, as a script inlined into the page: a card is shown
 * when it matches every chosen filter (decision, owner, status, tag). The
 * chosen filters are kept in the URL's query-like fragment suffix so a
 * filtered view can be linked (`#portfolio?owner=cx-returns`).
 */
export const FILTER_SCRIPT = `
(function () {
  var form = document.getElementById("filters");
  if (!form) return;
  var cards = Array.prototype.slice.call(document.querySelectorAll("#portfolio .card"));
  var count = document.getElementById("portfolio-count");
  var names = ["decision", "owner", "status", "tag"];
  function value(name) { return form.elements[name].value; }
  function apply() {
    var shown = 0;
    cards.forEach(function (card) {
      var tag = value("tag");
      var ok = (!value("decision") || card.dataset.decision === value("decision"))
        && (!value("owner") || card.dataset.owner === value("owner"))
        && (!value("status") || card.dataset.status === value("status"))
        && (!tag || card.dataset.tags.indexOf("|" + tag + "|") >= 0);
      card.hidden = !ok;
      if (ok) shown++;
    });
    count.textContent = shown + " of " + cards.length + " scenarios";
  }
  function fromHash() {
    var query = location.hash.split("?")[1] || "";
    var params = new URLSearchParams(query);
    names.forEach(function (name) { form.elements[name].value = params.get(name) || ""; });
  }
  form.addEventListener("change", apply);
  form.addEventListener("reset", function () { setTimeout(apply, 0); });
  if (location.hash.indexOf("#portfolio?") === 0) fromHash();
  apply();
})();
`;
