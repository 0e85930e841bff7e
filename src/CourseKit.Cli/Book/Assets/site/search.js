// The course website's search page (coursekit book): a MiniSearch index built in the browser from search-index.js
// (window.CourseKitSearchDocuments), searched as you type; the query also comes from ?q= (every page's search box).
(function () {
  'use strict';
  var documents = window.CourseKitSearchDocuments || [];
  var index = new window.MiniSearch({
    fields: ['page', 'section', 'text', 'words'],
    storeFields: ['url', 'page', 'section', 'text'],
    searchOptions: { boost: { section: 2, page: 1.5 }, prefix: true, fuzzy: 0.15 },
  });
  index.addAll(documents);

  var box = document.getElementById('search-box');
  var status = document.getElementById('search-status');
  var list = document.getElementById('search-results');

  function snippet(text, terms) {
    var lower = text.toLowerCase(), at = -1;
    for (var i = 0; i < terms.length && at < 0; i++) at = lower.indexOf(terms[i].toLowerCase());
    if (at < 0) return text.slice(0, 200) + (text.length > 200 ? '…' : '');
    var start = Math.max(0, at - 90);
    return (start > 0 ? '…' : '') + text.slice(start, at + 150) + (at + 150 < text.length ? '…' : '');
  }

  function show(query) {
    list.textContent = '';
    query = query.trim();
    if (!query) { status.textContent = documents.length + ' sections indexed. Type a word to search.'; return []; }
    var results = index.search(query).slice(0, 30);
    status.textContent = results.length === 0 ? 'Nothing found for “' + query + '”.' : results.length + ' result(s) for “' + query + '”.';
    results.forEach(function (result) {
      var item = document.createElement('li');
      item.className = 'search-result';
      var link = document.createElement('a');
      link.href = result.url;
      link.textContent = result.page + (result.section && result.section !== result.page ? ' › ' + result.section : '');
      var text = document.createElement('p');
      text.textContent = snippet(result.text, result.terms);
      item.appendChild(link);
      item.appendChild(text);
      list.appendChild(item);
    });
    return results;
  }

  /** The search the page runs, for scripts and tests: the results as {url, page, section}. */
  window.courseKitSearch = function (query) {
    box.value = query;
    return show(query).map(function (r) { return { url: r.url, page: r.page, section: r.section }; });
  };

  var query = new URLSearchParams(window.location.search).get('q') || '';
  box.value = query;
  show(query);
  box.addEventListener('input', function () { show(box.value); });
})();
