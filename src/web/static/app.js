// Progressive enhancement for the reader (the pages work without it): archived images that come
// below the screen take their own shape (those on it keep their box: nothing read moves), dead or
// slow ones become a placeholder in the same box with their caption and a link, citation blocks get
// a copy button that says, to a screen reader too, what it copies and that it did, and a comparison
// of two versions prints with its folded unchanged stretches open, and a static copy's page that
// finds articles by title does so.
// Loaded from /static/ as an external, deferred script; the CSP forbids any inline script.
(() => {
  const root = document.documentElement;
  const text = (name, fallback) => root.getAttribute(`data-i18n-${name}`) || fallback;
  // the words added are the interface's, in an article that may be in the other language
  const interfaceLang = root.lang;
  const SLOW_MS = 15000;

  function placeholderFor(img) {
    const box = document.createElement('span');
    box.className = 'img-placeholder';
    box.lang = interfaceLang;
    const alt = img.getAttribute('alt') || '';
    const title = document.createElement('span');
    title.textContent = text('unavailable', 'Image unavailable');
    box.appendChild(title);
    if (alt) {
      const altText = document.createElement('span');
      altText.className = 'ph-alt';
      // the image's own words stay in the article's language
      altText.lang = img.closest('[lang]')?.getAttribute('lang') || interfaceLang;
      altText.textContent = alt;
      box.appendChild(altText);
    }
    const src = img.getAttribute('src');
    if (src && /^https?:\/\//i.test(src)) {
      const link = document.createElement('a');
      link.href = src;
      link.rel = 'noopener noreferrer';
      link.textContent = text('open-image', 'Open the image');
      box.appendChild(link);
    }
    return box;
  }

  function fail(img) {
    if (!img.isConnected || img.dataset.failed) return;
    img.dataset.failed = '1';
    img.replaceWith(placeholderFor(img));
  }

  function markSlow(img) {
    if (img.complete || img.dataset.slow || !img.isConnected) return;
    img.dataset.slow = '1';
    const src = img.getAttribute('src');
    if (!src) return;
    const note = document.createElement('span');
    note.className = 'img-slow-note';
    note.lang = interfaceLang;
    const link = document.createElement('a');
    link.href = src;
    link.rel = 'noopener noreferrer';
    link.textContent = text('open-image', 'Open the image');
    note.appendChild(link);
    img.insertAdjacentElement('afterend', note);
    img.addEventListener('load', () => note.remove(), { once: true });
  }

  // Errors do not bubble, but they can be caught on the way down.
  document.addEventListener(
    'error',
    (event) => {
      const target = event.target;
      if (target instanceof HTMLImageElement) fail(target);
    },
    true,
  );
  // An archived image's box is held at 3:2 by the stylesheet until it comes (the records give no
  // sizes), and after: one that comes while its box is on the screen or above it stays in that box,
  // fitted, so that the text the reader is on does not move. One that comes below the screen, where
  // nothing seen moves, takes its own shape (data-natural): a portrait photo at its full height.
  function loaded(img) {
    img.dataset.loaded = '1';
    if (img.getBoundingClientRect().top >= window.innerHeight) img.dataset.natural = '1';
  }

  document.addEventListener(
    'load',
    (event) => {
      const target = event.target;
      if (target instanceof HTMLImageElement) loaded(target);
    },
    true,
  );

  const images = Array.from(document.querySelectorAll('main img'));
  for (const img of images) {
    if (img.complete) {
      if (img.naturalWidth === 0 && img.getAttribute('src')) fail(img);
      else if (img.naturalWidth > 0) loaded(img);
    }
  }
  if ('IntersectionObserver' in window) {
    const observer = new IntersectionObserver((entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        observer.unobserve(entry.target);
        const img = entry.target;
        setTimeout(() => markSlow(img), SLOW_MS);
      }
    });
    for (const img of images) if (!img.complete) observer.observe(img);
  }

  // Copy buttons for citation blocks: beside the block's heading (not inside it, where the heading
  // would read "APA style Copy"), named after it ("Copy APA style"), and "Copied" said aloud too.
  if (navigator.clipboard) {
    for (const pre of document.querySelectorAll('pre[data-copy]')) {
      const heading = pre.previousElementSibling;
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'copy-button';
      const label = document.createElement('span');
      label.textContent = text('copy', 'Copy');
      button.appendChild(label);
      const status = document.createElement('span');
      status.className = 'visually-hidden';
      status.setAttribute('role', 'status');
      if (heading && heading.tagName === 'H3') {
        const what = document.createElement('span');
        what.className = 'visually-hidden';
        what.textContent = ` ${heading.textContent}`;
        button.appendChild(what);
      }
      let reset = 0;
      button.addEventListener('click', () => {
        navigator.clipboard.writeText(pre.textContent || '').then(
          () => {
            label.textContent = text('copied', 'Copied');
            status.textContent = text('copied', 'Copied');
            clearTimeout(reset);
            reset = setTimeout(() => {
              label.textContent = text('copy', 'Copy');
              status.textContent = '';
            }, 2000);
          },
          () => {},
        );
      });
      if (heading && heading.tagName === 'H3') {
        const head = document.createElement('div');
        head.className = 'copy-head';
        heading.replaceWith(head);
        head.append(heading, button, status);
      } else pre.insertAdjacentElement('beforebegin', button);
    }
  }

  // A comparison printed (or saved as PDF) shows its text whole: the unchanged stretches folded on
  // screen are opened for the print, and folded again after.
  const folded = () => document.querySelectorAll('.diff details.unchanged');
  window.addEventListener('beforeprint', () => {
    for (const d of folded()) {
      if (d.open) continue;
      d.dataset.printOpened = '1';
      d.open = true;
    }
  });
  window.addEventListener('afterprint', () => {
    for (const d of folded()) {
      if (!d.dataset.printOpened) continue;
      delete d.dataset.printOpened;
      d.open = false;
    }
  });

  // A static copy's page that finds articles by title (find.html?q=…): the copy's index of titles
  // (find-index.js, a deferred script after this one) read as search reads text, folded alike
  // (Traditional and Simplified, width, case), every word typed in the title; newest first, a
  // story's versions (one date, one title) once. Titles become text, never markup.
  const findForm = document.getElementById('find-form');
  if (findForm) {
    const MAX_SHOWN = 100;
    const input = document.getElementById('find-q');
    const status = document.getElementById('find-status');
    const list = document.getElementById('find-results');
    const say = (name, values) =>
      (findForm.getAttribute(`data-${name}`) || '').replace(/\{(\w+)\}/g, (_, k) => String(values[k] ?? ''));
    const ignorable = /\p{Default_Ignorable_Code_Point}/gu;
    let fold = null;
    let items = [];
    let titles = [];
    const folded = (s) => {
      const t = s.replace(ignorable, '');
      let out = '';
      for (let i = 0; i < t.length; i++) out += fold.get(t[i]) ?? t[i];
      return out;
    };
    // the words in the title marked, where folding kept its length (one unit for one: no invisible
    // characters were dropped), so that the folded title's places are the title's
    const markWords = (into, title, words) => {
      const t = folded(title);
      if (t.length !== title.length) {
        into.textContent = title;
        return;
      }
      const marked = new Uint8Array(t.length);
      for (const w of words)
        for (let at = t.indexOf(w); at !== -1; at = t.indexOf(w, at + 1)) marked.fill(1, at, at + w.length);
      let i = 0;
      while (i < title.length) {
        let j = i;
        while (j < title.length && marked[j] === marked[i]) j++;
        const part = title.slice(i, j);
        if (marked[i]) {
          const mark = document.createElement('mark');
          mark.textContent = part;
          into.appendChild(mark);
        } else into.appendChild(document.createTextNode(part));
        i = j;
      }
    };
    const run = (q) => {
      list.textContent = '';
      const words = folded(q).split(/\s+/).filter(Boolean);
      if (!words.length) {
        status.textContent = '';
        return;
      }
      const seen = new Set();
      const found = [];
      for (let i = 0; i < items.length; i++) {
        const t = titles[i];
        if (!words.every((w) => t.includes(w))) continue;
        const key = `${items[i][1]}\n${t}`;
        if (seen.has(key)) continue;
        seen.add(key);
        found.push(items[i]);
      }
      const n = found.length.toLocaleString('en');
      status.textContent =
        found.length === 0
          ? say('none', {})
          : found.length > MAX_SHOWN
            ? say('found-some', { n, shown: MAX_SHOWN })
            : say('found', { n });
      for (const [id, date, title] of found.slice(0, MAX_SHOWN)) {
        const li = document.createElement('li');
        const a = document.createElement('a');
        a.className = 'title';
        a.href = `article/${id}.html`;
        markWords(a, title || '—', words);
        li.appendChild(a);
        if (date) {
          const meta = document.createElement('p');
          meta.className = 'meta';
          const time = document.createElement('time');
          time.dateTime = date;
          time.textContent = date;
          meta.appendChild(time);
          li.appendChild(meta);
        }
        list.appendChild(li);
      }
    };
    const start = () => {
      const data = window.BACKFILE_FIND;
      if (!data) return;
      fold = new Map();
      for (let i = 0; i + 1 < data.fold.length; i += 2) fold.set(data.fold[i], data.fold[i + 1]);
      items = data.items;
      titles = items.map((item) => folded(item[2]));
      const q = new URLSearchParams(location.search).get('q') || '';
      input.value = q;
      run(q);
      findForm.addEventListener('submit', (event) => {
        event.preventDefault();
        run(input.value);
        try {
          history.replaceState(null, '', `?q=${encodeURIComponent(input.value)}`);
        } catch {
          // a page read from a disk may not change its address: the results stand
        }
      });
    };
    // the index is the next deferred script: it has run when the document is parsed
    status.textContent = say('loading', {});
    if (window.BACKFILE_FIND) start();
    else document.addEventListener('DOMContentLoaded', start);
  }

  // A static copy's page for the addresses it has not (404.html, which hosts answer with): an
  // address of the reader's kind without `.html` leads to its file, once: the original site's
  // /article/32181/<slug> and the server's /article/32181 to article/32181.html, /about to
  // about.html. A file's address (with an extension) is left alone, so that a missing file never
  // leads round again.
  const notInCopy = document.querySelector('[data-copy-base]');
  let copyBase = null;
  try {
    copyBase = notInCopy ? new URL(notInCopy.getAttribute('data-copy-base')) : null;
  } catch {
    copyBase = null;
  }
  if (copyBase && copyBase.origin === location.origin) {
    const basePath = copyBase.pathname.replace(/\/$/, '');
    let path = location.pathname;
    if (basePath && path.startsWith(`${basePath}/`)) path = path.slice(basePath.length);
    const article = /^\/article\/(\d+)(?:\/|$)/.exec(path);
    const target = article
      ? `/article/${article[1]}.html`
      : path.length > 1 && !/\.[A-Za-z0-9]+$/.test(path)
        ? `${path.replace(/\/+$/, '')}.html`
        : null;
    if (target && target !== path) location.replace(`${copyBase.origin}${basePath}${target}`);
  }
})();
