// Small progressive enhancements; every page works without them.
(function () {
  "use strict";
  // Buttons that ask before acting: <button data-confirm="…">.
  document.addEventListener("click", function (ev) {
    var el = ev.target.closest("[data-confirm]");
    if (el && !window.confirm(el.getAttribute("data-confirm"))) { ev.preventDefault(); ev.stopPropagation(); }
  }, true);
  // Review screen: selecting a task row highlights its source lines and scrolls to them.
  function highlight(row) {
    var src = document.getElementById("source");
    if (!src || !row) return;
    document.querySelectorAll(".review-table tr.selected").forEach(function (r) { r.classList.remove("selected"); });
    row.classList.add("selected");
    src.querySelectorAll(".ln.hl").forEach(function (l) { l.classList.remove("hl"); });
    var from = parseInt(row.getAttribute("data-line") || "0", 10);
    var to = parseInt(row.getAttribute("data-end-line") || from, 10);
    if (!from) return;
    var first = null;
    for (var n = from; n <= to; n++) {
      var ln = document.getElementById("L" + n);
      if (ln) { ln.classList.add("hl"); first = first || ln; }
    }
    if (first) { src.scrollTop = first.offsetTop - src.offsetTop - 40; }
  }
  document.addEventListener("focusin", function (ev) {
    var row = ev.target.closest && ev.target.closest("tr[data-line]");
    if (row) highlight(row);
  });
  document.addEventListener("click", function (ev) {
    var row = ev.target.closest && ev.target.closest("tr[data-line]");
    if (row) highlight(row);
  });
  // Upload form: show the progress of sending a large file.
  document.addEventListener("submit", function (ev) {
    var form = ev.target;
    if (!form.matches("form[data-upload-progress]") || !window.XMLHttpRequest || !window.FormData) return;
    var bar = form.querySelector("progress");
    var label = form.querySelector("[data-progress-label]");
    if (!bar) return;
    ev.preventDefault();
    var xhr = new XMLHttpRequest();
    xhr.open("POST", form.action || window.location.href);
    bar.hidden = false;
    if (label) label.hidden = false;
    xhr.upload.onprogress = function (e) {
      if (e.lengthComputable) {
        bar.max = e.total; bar.value = e.loaded;
        if (label) label.textContent = "Đang tải lên " + Math.round(100 * e.loaded / e.total) + "%";
        if (e.loaded >= e.total && label) label.textContent = "Đang đọc và trích xuất nhiệm vụ…";
      }
    };
    xhr.onload = function () {
      // The server answers with a redirect to the review page (followed by XHR) or the form with errors.
      if (xhr.responseURL && xhr.responseURL !== window.location.href) { window.location.href = xhr.responseURL; return; }
      document.open(); document.write(xhr.responseText); document.close();
    };
    xhr.onerror = function () { if (label) label.textContent = "Lỗi mạng khi tải lên. Vui lòng thử lại."; };
    xhr.send(new FormData(form));
    form.querySelectorAll("button[type=submit]").forEach(function (b) { b.disabled = true; });
  });
})();
