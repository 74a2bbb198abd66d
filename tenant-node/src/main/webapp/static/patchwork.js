// A second click on a form's button while the first is on its way would submit twice: send
// each form once per page view. The server also treats a repeat as harmless.
document.addEventListener('submit', function (event) {
  var form = event.target;
  if (form.dataset.sent) {
    event.preventDefault();
    return;
  }
  form.dataset.sent = 'yes';
  form.setAttribute('aria-busy', 'true');
});
// Coming back with the browser's back button shows the page as it was: let it submit again.
window.addEventListener('pageshow', function () {
  document.querySelectorAll('form[data-sent]').forEach(function (form) {
    delete form.dataset.sent;
    form.removeAttribute('aria-busy');
  });
});
// The admin import page while an import runs: poll its progress every second, show the line, and
// reload the page (which then shows the report) once the import has ended.
(function () {
  var line = document.getElementById('import-progress');
  if (!line || !line.dataset.poll) {
    return;
  }
  var timer = window.setInterval(function () {
    fetch(line.dataset.poll, {credentials: 'same-origin', headers: {Accept: 'application/json'}})
      .then(function (response) {
        if (!response.ok) {
          throw new Error('HTTP ' + response.status);
        }
        return response.json();
      })
      .then(function (progress) {
        if (progress.running) {
          line.textContent = progress.line;
        } else {
          window.clearInterval(timer);
          window.location.reload();
        }
      })
      .catch(function () {
        // Signed out, or the node restarted: stop; the refresh link still works.
        window.clearInterval(timer);
      });
  }, 1000);
})();
