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
