// The course website's own script (coursekit book): typesets the notebooks' LaTeX with the site's KaTeX and
// highlights C# with the site's highlight.js. Nothing here loads anything.
(function () {
  'use strict';
  // Markdig leaves each formula as \(…\) in <span class="math"> or \[…\] in <div class="math">.
  var formulas = document.querySelectorAll('.math');
  var rendered = 0, failed = 0;
  formulas.forEach(function (element) {
    var display = element.tagName === 'DIV';
    var tex = element.textContent.trim();
    if ((tex.startsWith('\\(') && tex.endsWith('\\)')) || (tex.startsWith('\\[') && tex.endsWith('\\]'))) tex = tex.slice(2, -2);
    try {
      window.katex.render(tex, element, { displayMode: display, throwOnError: true });
      element.classList.add('math-rendered');
      rendered++;
    } catch (error) {
      element.classList.add('math-failed');
      element.title = String(error && error.message);
      failed++;
      console.error('KaTeX could not typeset ' + JSON.stringify(tex) + ': ' + (error && error.message));
    }
  });
  document.body.setAttribute('data-formulas', String(formulas.length));
  document.body.setAttribute('data-formulas-rendered', String(rendered));
  document.body.setAttribute('data-formulas-failed', String(failed));

  if (window.hljs) {
    document.querySelectorAll('pre code.language-csharp').forEach(function (element) { window.hljs.highlightElement(element); });
  }
})();
