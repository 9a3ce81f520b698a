/// The part of the page's script (see `HTMLScript`) that makes tables sortable and fits the charts to paper when
/// printing. It runs inside `HTMLScript`'s function scope, after the charts are drawn into `charts`.
enum HTMLTableScript {
    static let source = #"""
          // Sortable tables: a click on a header sorts by that column (numbers by their value), again to reverse.
          document.querySelectorAll('table.sortable').forEach(function (table) {
            var headers = table.tHead ? table.tHead.rows[0].cells : [];
            Array.prototype.forEach.call(headers, function (th, column) {
              th.tabIndex = 0;
              function sort() {
                var descending = th.getAttribute('aria-sort') !== 'descending';
                Array.prototype.forEach.call(headers, function (h) { h.removeAttribute('aria-sort'); });
                th.setAttribute('aria-sort', descending ? 'descending' : 'ascending');
                var body = table.tBodies[0];
                var rows = Array.prototype.slice.call(body.rows);
                rows.sort(function (a, b) {
                  var x = a.cells[column], y = b.cells[column];
                  var xs = x && x.dataset.sort, ys = y && y.dataset.sort;
                  var order = (xs !== undefined && ys !== undefined)
                    ? Number(xs) - Number(ys)
                    : (x ? x.textContent : '').localeCompare(y ? y.textContent : '');
                  return descending ? -order : order;
                });
                rows.forEach(function (row) { body.appendChild(row); });
              }
              th.addEventListener('click', sort);
              th.addEventListener('keydown', function (e) { if (e.key === 'Enter') sort(); });
            });
          });

          // Print: every detail open, every chart redrawn at the paper's width.
          var closed = [];
          window.addEventListener('beforeprint', function () {
            document.querySelectorAll('details:not([open])').forEach(function (d) { d.open = true; closed.push(d); });
            charts.forEach(function (c) { c.resize(); });
          });
          window.addEventListener('afterprint', function () {
            closed.forEach(function (d) { d.open = false; });
            closed = [];
            charts.forEach(function (c) { c.resize(); });
          });
        """#
}
