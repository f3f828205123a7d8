import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ORDINARY_ARTICLES } from '../web/testing/fixtures.js';
import { testStore } from '../web/testing/test-app.js';
import { captureListUrl, displayUrl } from '../web/urls.js';
import {
  apaCitation,
  articleMeta,
  bibtexCitation,
  bibtexEscape,
  citedAuthors,
  formatCaptureTime,
  isWaybackCapture,
  readableUrl,
  risCitation,
  siteTimeIso,
} from './citation.js';

const a = testStore().getArticle(ORDINARY_ARTICLES[0]!.id)!;

test('APA text names author, date, title, publisher, original URL and the capture', () => {
  const text = apaCitation(a);
  assert.equal(
    text,
    '測試記者. (2021, June 30). 測試文章：國安法實施一周年回顧. 眾新聞 Citizen News. https://www.hkcnews.com/article/101/test-101/slug-101 (Archived 2021-01-01 at https://web.archive.org/web/20210101000000/https://www.hkcnews.com/article/101/test-101/slug-101)',
  );
  assert.match(apaCitation({ ...a, date: '', author: '' }), /^眾新聞 Citizen News\. \(n\.d\.\)/);
});

test('BibTeX entry has a stable key, braced fields and escaped specials', () => {
  const bib = bibtexCitation({ ...a, title: '50% & {braces} #1_x' });
  assert.match(bib, /^@misc\{hkcnews101,\n/);
  assert.match(bib, /title = \{\{50\\% \\& \\\{braces\\\} \\#1\\_x\}\}/);
  assert.match(bib, /year = \{2021\}/);
  // a month macro, so that styles print the month's name ("June 2021", not "6 2021")
  assert.match(bib, /month = jun,\n/);
  // url: the address a reader can open, the capture; unescaped, as reference managers write it
  assert.match(
    bib,
    /url = \{https:\/\/web\.archive\.org\/web\/20210101000000\/https:\/\/www\.hkcnews\.com\/article\/101\/test-101\/slug-101\}\n\}$/,
  );
  const noCapture = bibtexCitation({
    ...a,
    date: '2021-12-05',
    url: 'https://www.hkcnews.com/article/101/x%20y',
    captureTimestamp: '',
  });
  assert.match(noCapture, /month = dec,/);
  assert.match(noCapture, /url = \{https:\/\/www\.hkcnews\.com\/article\/101\/test-101\/slug-101\}/);
  assert.match(
    bib,
    /howpublished = \{\\url\{https:\/\/www\.hkcnews\.com\/article\/101\/test-101\/slug-101\}\}/,
  );
  assert.ok(bib.endsWith('\n}'));
  assert.equal(bibtexEscape('a\\b^c~'), 'a\\textbackslash{}b\\^{}c\\~{}');
});

test("a reporters' byline is cited as the people it names, without their roles", () => {
  assert.deepEqual(citedAuthors('記者林勵'), ['林勵']);
  assert.deepEqual(citedAuthors('記者林勵、鄭啟智、實習記者梁穎欣'), ['林勵', '鄭啟智', '梁穎欣']);
  assert.deepEqual(citedAuthors('特約記者梁瑞珮'), ['梁瑞珮']);
  assert.deepEqual(citedAuthors('中國組記者黃麗萍'), ['黃麗萍']);
  assert.deepEqual(citedAuthors('實習記者謝鎧文‧郭日朗'), ['謝鎧文', '郭日朗']);
  // other values are one author as written: a newsroom, a columnist, a column that holds 、
  assert.deepEqual(citedAuthors('眾新聞記者'), ['眾新聞記者']);
  assert.deepEqual(citedAuthors('帝國之間、民國之外'), ['帝國之間、民國之外']);
  assert.deepEqual(citedAuthors('飄楊 & 小鳥'), ['飄楊 & 小鳥']);
  assert.deepEqual(citedAuthors('記者'), ['記者']);
  assert.deepEqual(citedAuthors(' '), []);

  const two = { ...a, author: '記者林勵、實習記者梁穎欣' };
  assert.match(apaCitation(two), /^林勵, & 梁穎欣\. \(2021, June 30\)/);
  assert.match(apaCitation({ ...a, author: '記者甲、乙、丙' }), /^甲, 乙, & 丙\. /);
  assert.match(bibtexCitation(two), /author = \{\{林勵\} and \{梁穎欣\}\},/);
  assert.match(
    bibtexCitation({ ...a, author: 'Florence & Kayser' }),
    /author = \{\{Florence \\& Kayser\}\},/,
  );
  assert.deepEqual(
    risCitation(two)
      .split('\r\n')
      .filter((l) => l.startsWith('AU')),
    ['AU  - 林勵', 'AU  - 梁穎欣'],
  );
  const creators = articleMeta({ ...a, ...two }, '眾新聞', '')
    .filter((m) => m.name === 'DC.creator')
    .map((m) => m.content);
  assert.deepEqual(creators, ['林勵', '梁穎欣']);
});

test('capture time formats only 14-digit stamps', () => {
  assert.equal(formatCaptureTime('20210712045522'), '2021-07-12 04:55:22 UTC');
  assert.equal(formatCaptureTime('2021'), null);
  assert.equal(formatCaptureTime(null), null);
});

test('percent-encoded Chinese URLs are cited readably in APA and escaped for LaTeX in BibTeX', () => {
  const original = 'https://www.hkcnews.com/article/7/%E5%9C%8B%E5%AE%89%E6%B3%95-7/%E6%A8%99%E9%A1%8C%20x';
  const b = { ...a, originalUrl: original, url: `https://web.archive.org/web/20210101000000/${original}` };
  const apa = apaCitation(b);
  assert.ok(apa.includes('https://www.hkcnews.com/article/7/國安法-7/標題%20x ('), apa);
  assert.ok(
    apa.includes('at https://web.archive.org/web/20210101000000/https://www.hkcnews.com/article/7/國安法-7/'),
  );
  const bib = bibtexCitation(b);
  assert.ok(bib.includes('\\url{https://www.hkcnews.com/article/7/\\%E5\\%9C\\%8B'), bib);
  // the url field is the exception: biblatex reads it verbatim, and so do reference managers (a
  // \% there would become part of the address); natbib styles write it in a \url{} of its own
  const [rest, url] = bib.split('\n  url = ');
  assert.ok(!/[^\\]%/.test(rest!), 'no bare % left in BibTeX outside url');
  assert.ok(
    url!.startsWith(
      '{https://web.archive.org/web/20210101000000/https://www.hkcnews.com/article/7/%E5%9C%8B',
    ),
  );
});

test('display URLs shorten the runs of U+FFFD left by lost slugs, links keep them', () => {
  const lost = `https://www.hkcnews.com/article/9/${'%EF%BF%BD'.repeat(12)}`;
  assert.equal(displayUrl(lost), 'https://www.hkcnews.com/article/9/\uFFFD…');
  assert.equal(readableUrl(lost), `https://www.hkcnews.com/article/9/${'\uFFFD'.repeat(12)}`);
  assert.equal(readableUrl('https://x.test/%E4%B8%AD%'), 'https://x.test/%E4%B8%AD%');
});

test('a slug whose bytes the backup lost (U+FFFD) is cited as the article address and its captures', () => {
  const lost = 'https://hkcnews.com/article/43693/%EF%BF%BD%EF%BF%BD%EF%BF%BD-43693/%EF%BF%BD%EF%BF%BD';
  const b = { ...a, id: 43693, originalUrl: lost, url: `https://web.archive.org/web/20211203014537/${lost}` };
  const captures = 'https://web.archive.org/web/*/hkcnews.com/article/43693/*';
  assert.ok(
    apaCitation(b).endsWith(
      `眾新聞 Citizen News. https://www.hkcnews.com/article/43693 (Archived 2021-01-01; captures: ${captures})`,
    ),
    apaCitation(b),
  );
  const bib = bibtexCitation(b);
  assert.match(bib, /howpublished = \{\\url\{https:\/\/www\.hkcnews\.com\/article\/43693\}\}/);
  assert.ok(bib.includes(`note = {Archived 2021-01-01; captures: \\url{${captures}}}`), bib);
  assert.ok(!/EF|\uFFFD/.test(apaCitation(b) + bib));
  // a readable slug is cited as it is
  assert.match(apaCitation(a), /article\/101\/test-101\/slug-101 \(Archived 2021-01-01 at https:\/\/web/);
});

test('the list of captures of an address: an hkcnews article by its id, any other URL as it is', () => {
  const all = 'https://web.archive.org/web/*/hkcnews.com/article/7/*';
  assert.equal(captureListUrl('https://www.hkcnews.com/article/7/%E5%9C%8B-7/slug'), all);
  assert.equal(captureListUrl('http://hkcnews.com/article/7'), all);
  assert.equal(
    captureListUrl('https://example.org/news/1.html'),
    'https://web.archive.org/web/*/example.org/news/1.html*',
  );
  assert.equal(captureListUrl('javascript:alert(1)'), null);
});

test('an RIS record: a newspaper article with author, title, date, address, capture and keywords', () => {
  const ris = risCitation({ ...a, title: '標題\n第二行', tags: ['國安法', ' '] });
  const lines = ris.split('\r\n');
  assert.equal(lines[0], 'TY  - NEWS');
  assert.ok(lines.includes('AU  - 測試記者'));
  assert.ok(lines.includes('TI  - 標題 第二行'), 'a field stays on one line');
  assert.ok(lines.includes('T2  - 眾新聞 Citizen News'));
  assert.ok(lines.includes('PY  - 2021') && lines.includes('DA  - 2021/06/30'));
  // UR: the address a reader can open (the capture), as BibTeX's url; the note names both
  assert.ok(
    lines.includes(
      'UR  - https://web.archive.org/web/20210101000000/https://www.hkcnews.com/article/101/test-101/slug-101',
    ),
  );
  assert.ok(
    lines.includes(
      'N1  - Original address: https://www.hkcnews.com/article/101/test-101/slug-101. Archived 2021-01-01 at https://web.archive.org/web/20210101000000/https://www.hkcnews.com/article/101/test-101/slug-101',
    ),
  );
  assert.deepEqual(
    lines.filter((l) => l.startsWith('KW')),
    ['KW  - 國安法'],
  );
  assert.deepEqual(lines.slice(-3), ['ID  - hkcnews101', 'ER  - ', '']);
  // no author: none is invented (the publisher is there); no date: no date fields
  const bare = risCitation({ ...a, author: ' ', date: '' });
  assert.ok(!/^AU|^PY|^DA/m.test(bare));
  // a lost slug is cited as the article's address and its captures, as in APA and BibTeX
  const lost = 'https://hkcnews.com/article/43693/%EF%BF%BD%EF%BF%BD-43693/%EF%BF%BD';
  const b = risCitation({
    ...a,
    id: 43693,
    originalUrl: lost,
    url: `https://web.archive.org/web/2021/${lost}`,
  });
  assert.match(b, /^UR {2}- https:\/\/web\.archive\.org\/web\/\*\/hkcnews\.com\/article\/43693\/\*\r$/m);
  assert.match(
    b,
    /^N1 {2}- Original address: https:\/\/www\.hkcnews\.com\/article\/43693\. Archived 2021-01-01; captures: https:\/\/web\.archive\.org\/web\/\*\/hkcnews\.com\/article\/43693\/\*\r$/m,
  );
});

test("the site's times are Hong Kong time, written with their offset", () => {
  assert.equal(siteTimeIso('2020-07-22 13:02:36'), '2020-07-22T13:02:36+08:00');
  assert.equal(siteTimeIso('2020-07-22 13:02'), '2020-07-22T13:02+08:00');
  assert.equal(siteTimeIso('2020-07-22'), '2020-07-22');
  assert.equal(siteTimeIso('22/07/2020'), null);
  assert.equal(siteTimeIso(''), null);
});

test('a record rebuilt from a WARC file cites its capture time, and no Wayback copy it does not have', () => {
  const warc = { ...a, url: a.originalUrl, captureTimestamp: '20250101000000' };
  assert.equal(isWaybackCapture(a.url), true);
  assert.equal(isWaybackCapture(warc.url), false);
  assert.match(apaCitation(warc), /slug-101 \(Captured 2025-01-01\)$/);
  assert.doesNotMatch(apaCitation(warc), /web\.archive\.org|Archived/);
  assert.match(bibtexCitation(warc), /note = \{Captured 2025-01-01\}/);
  assert.match(risCitation(warc), /\r\nN1 {2}- Captured 2025-01-01\r\n/);
  // without a capture time either, nothing is said of a copy
  const bare = { ...warc, captureTimestamp: '' };
  assert.match(apaCitation(bare), /slug-101$/);
  assert.doesNotMatch(bibtexCitation(bare), /note =/);
  assert.doesNotMatch(risCitation(bare), /N1 {2}-/);
});
