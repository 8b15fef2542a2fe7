// Click a column header to sort the document list; numbers sort as numbers.
document.querySelectorAll('table.sortable th').forEach(function (th) {
  th.addEventListener('click', function () {
    var table = th.closest('table'), body = table.tBodies[0];
    var i = Array.prototype.indexOf.call(th.parentNode.children, th);
    var asc = th.dataset.asc !== '1'; th.dataset.asc = asc ? '1' : '0';
    Array.prototype.slice.call(body.rows).sort(function (x, y) {
      var a = x.cells[i].textContent, b = y.cells[i].textContent, na = parseFloat(a), nb = parseFloat(b);
      var r = (!isNaN(na) && !isNaN(nb)) ? na - nb : a.localeCompare(b);
      return asc ? r : -r;
    }).forEach(function (r) { body.appendChild(r); });
  });
});
