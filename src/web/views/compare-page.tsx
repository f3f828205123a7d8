// The comparison of two versions of one story (/article/:id/compare/:other): their metadata side by
// side, with the fields that differ marked in words, then the changes to the title and to the
// visible text as <del> and <ins> (struck through and underlined, each also marked − / + and named
// for screen readers, so that neither colour nor the browser's styling alone tells them), with
// long unchanged stretches folded into <details> that open without JavaScript. A change of blank
// alone (a space, line breaks) is named in words too; the signs ≠ and = beside the fields are
// drawn for the eye and left out of what a screen reader says.

import { formatCaptureTime, siteTimeIso } from '../../publish/citation.js';
import {
  collapseUnchanged,
  type ShownPiece,
  type ShownRun,
  shownParagraphs,
  type TextDiff,
} from '../../text/diff.js';
import { textLang } from '../../text/language.js';
import type { CompareData, ComparedVersion } from '../compare.js';
import type { Child } from '../html/jsx-runtime.js';
import { HTML_LANG } from '../i18n.js';
import { displayUrl, safeExternalUrl, urls } from '../urls.js';
import { DateLink, Mixed } from './components.js';
import { Layout, type ViewContext } from './layout.js';

/** Characters of unchanged text shown on either side of a change before the rest is folded. */
const CONTEXT = 80;

type Field = keyof ComparedVersion;

export function ComparePage(props: { ctx: ViewContext; data: CompareData }) {
  const { ctx, data } = props;
  const { t } = ctx;
  const { from, to } = data;
  const uiLang = HTML_LANG[ctx.lang];
  // the story's language: its text's, as the article page says it (most are Chinese)
  const lang = textLang(`${to.title}\n${data.text.ops.map((o) => o.text).join('')}`, 4000, true);
  const differs = new Set<Field>(data.differs);
  const heading = t.compareTitle(from.id, to.id);
  const row = (field: Field, label: string, cell: (v: ComparedVersion) => Child) => {
    const differ = differs.has(field);
    return (
      <tr class={differ ? 'differs' : undefined}>
        <th scope="row">
          {label}
          <span class="field-state">
            {' '}
            {/* the sign is drawn, the word read: "≠" aloud is "not equal to", noise before "differs" */}
            {differ ? (
              <strong>
                <span aria-hidden="true">≠ </span>
                {t.compareDiffers}
              </strong>
            ) : (
              <span class="muted">
                <span aria-hidden="true">= </span>
                {field === 'tags' && data.tagsReordered ? t.compareSameReordered : t.compareSame}
              </span>
            )}
          </span>
        </th>
        <td>{cell(from)}</td>
        <td>{cell(to)}</td>
      </tr>
    );
  };
  const text = (value: string | null) => (value ? <span lang={textLang(value)}>{value}</span> : '—');
  return (
    <Layout ctx={ctx} title={`${heading}${t.colon}${to.title || t.untitled}`}>
      <div class="compare">
        <h1>{heading}</h1>
        <p class="compare-story" lang={lang}>
          {to.title || t.untitled}
        </p>
        <p>{t.compareIntro(from.id, to.id)}</p>
        <ul class="compare-links">
          <li>
            <a href={urls.article(from.id)}>{t.versionLink(from.id)}</a>
          </li>
          <li>
            <a href={urls.article(to.id)}>{t.versionLink(to.id)}</a>
          </li>
          <li>
            <a href={urls.compare(to.id, from.id)}>{t.compareSwap}</a>
          </li>
        </ul>
        <section aria-labelledby="compare-meta-title">
          <h2 id="compare-meta-title">{t.compareMeta}</h2>
          <div class="table-scroll">
            <table class="compare-meta" aria-labelledby="compare-meta-title">
              <thead>
                <tr>
                  <th scope="col">{t.compareField}</th>
                  <th scope="col">{t.versionLink(from.id)}</th>
                  <th scope="col">{t.versionLink(to.id)}</th>
                </tr>
              </thead>
              <tbody>
                {row('title', t.compareTitleField, (v) => (
                  <a href={urls.article(v.id)} lang={textLang(v.title)}>
                    {v.title || t.untitled}
                  </a>
                ))}
                {row('date', t.published, (v) => (
                  <DateLink date={v.date} t={t} />
                ))}
                {row('lastUpdated', t.lastUpdated, (v) =>
                  v.lastUpdated ? (
                    <time datetime={siteTimeIso(v.lastUpdated) ?? undefined}>
                      {v.lastUpdated} {t.hkTime}
                    </time>
                  ) : (
                    '—'
                  ),
                )}
                {row('author', t.author, (v) =>
                  v.author ? (
                    <a href={urls.author(v.author)} lang={textLang(v.author)}>
                      {v.author}
                    </a>
                  ) : (
                    '—'
                  ),
                )}
                {row('category', t.category, (v) => text(v.category))}
                {row('tags', t.tags, (v) =>
                  v.tags.length ? (
                    <ul class="compare-tags">
                      {v.tags.map((tag) => (
                        <li lang={textLang(tag)}>{tag}</li>
                      ))}
                    </ul>
                  ) : (
                    '—'
                  ),
                )}
                {row('captureTimestamp', t.captureTime, (v) => formatCaptureTime(v.captureTimestamp) ?? '—')}
                {row('wayback', t.waybackCapture, (v) => external(v.wayback))}
                {row('originalUrl', t.originalUrl, (v) => external(v.originalUrl))}
                {row('textLength', t.compareTextLength, (v) => v.textLength.toLocaleString('en'))}
              </tbody>
            </table>
          </div>
        </section>
        <section aria-labelledby="compare-title-diff">
          <h2 id="compare-title-diff">{t.compareTitleDiff}</h2>
          {data.title.identical ? (
            <p>{t.compareTitleSame}</p>
          ) : (
            <DiffBlock diff={data.title} ctx={ctx} lang={lang} uiLang={uiLang} fold={false} />
          )}
        </section>
        <section aria-labelledby="compare-text-diff">
          <h2 id="compare-text-diff">{t.compareTextDiff}</h2>
          {data.text.identical ? (
            <p>{data.text.unchanged ? t.compareTextSame(data.text.unchanged) : t.compareTextEmpty}</p>
          ) : (
            <DiffBlock diff={data.text} ctx={ctx} lang={lang} uiLang={uiLang} fold />
          )}
        </section>
        {/* each version is cited on its own: its number, address and capture tell which text is meant */}
        <section class="panel citation" aria-labelledby="compare-cite-title">
          <h2 id="compare-cite-title">{t.compareCite}</h2>
          <p>{t.compareCiteWhy}</p>
          {[from, to].map((v) => (
            <>
              <h3>{t.compareCiteApa(v.id)}</h3>
              <pre data-copy="apa">
                <Mixed text={v.citation.apa} t={t} />
              </pre>
              <h3>{t.compareCiteBibtex(v.id)}</h3>
              <pre data-copy="bibtex">
                <Mixed text={v.citation.bibtex} t={t} />
              </pre>
            </>
          ))}
        </section>
      </div>
    </Layout>
  );
}

/** A record's address as a link when it is http(s), else as the text it is (a hostile one stays text). */
function external(url: string | null): Child {
  const href = safeExternalUrl(url);
  if (!href) return url || '—';
  return (
    <a href={href} rel="noopener noreferrer">
      {displayUrl(href)}
    </a>
  );
}

/** A diff's counts, its notice when it is coarser than characters, and its paragraphs. */
function DiffBlock(props: { diff: TextDiff; ctx: ViewContext; lang: string; uiLang: string; fold: boolean }) {
  const { diff, ctx, lang, uiLang } = props;
  const { t } = ctx;
  if (diff.granularity === 'none') {
    return <p class="notice diff-limited">{t.compareNone(diff.limited ?? 'too-different')}</p>;
  }
  const runs: ShownRun[] = props.fold ? collapseUnchanged(diff.ops, CONTEXT) : diff.ops;
  return (
    <>
      <p class="diff-counts">{t.compareCounts(diff.added, diff.removed, diff.unchanged)}</p>
      {diff.granularity === 'paragraphs' ? (
        <p class="notice diff-limited">{t.compareParagraphs(diff.limited ?? 'too-different')}</p>
      ) : null}
      <div class="diff" lang={lang}>
        {shownParagraphs(runs).map((block) =>
          block.kind === 'folded' ? (
            <details class="unchanged">
              <summary lang={uiLang}>{t.compareUnchanged(block.chars)}</summary>
              <div class="unchanged-text">
                {block.paragraphs.map((text) => (
                  <p>{text}</p>
                ))}
              </div>
            </details>
          ) : (
            <p class={paragraphClass(block.pieces)}>
              {block.pieces.map((piece) =>
                piece.op === 'equal' ? piece.text : <Change piece={piece} ctx={ctx} uiLang={uiLang} />,
              )}
            </p>
          ),
        )}
      </div>
    </>
  );
}

/** A paragraph that is all added or all removed is marked as a whole too (a bar beside it). */
function paragraphClass(pieces: readonly ShownPiece[]): string | undefined {
  if (pieces.every((p) => p.op === 'insert')) return 'added';
  if (pieces.every((p) => p.op === 'delete')) return 'removed';
  return undefined;
}

/**
 * An insertion or deletion within a paragraph, named for screen readers at its start and end. A
 * change of blank alone (a space, a paragraph break) is said in words, or it would read as
 * nothing; a paragraph break added or removed is drawn (¶) at the end of the paragraph it ends.
 */
function Change(props: {
  piece: Extract<ShownPiece, { op: 'insert' | 'delete' }>;
  ctx: ViewContext;
  uiLang: string;
}) {
  const { piece, ctx, uiLang } = props;
  const { t } = ctx;
  const Tag = piece.op === 'insert' ? 'ins' : 'del';
  const [start, end] =
    piece.op === 'insert' ? [t.insertedStart, t.insertedEnd] : [t.deletedStart, t.deletedEnd];
  const said = (words: string) => (
    <span class="visually-hidden" lang={uiLang}>
      {words}
    </span>
  );
  const pilcrow = (
    <span class="pilcrow" aria-hidden="true">
      ¶
    </span>
  );
  const blank = !/\S/.test(piece.text);
  // the change's underline or strike is drawn on what it changes, not on its mark (+ or −, drawn
  // before it in the line, so that a line never ends with a mark whose text is on the next)
  return (
    <Tag>
      {said(start)}
      <span class="changed">
        {blank && piece.breaks ? (
          <>
            {said(t.compareParagraphBreak)}
            {pilcrow}
          </>
        ) : blank ? (
          <>
            {said(t.compareSpace)}
            <span aria-hidden="true">{piece.text}</span>
          </>
        ) : piece.breaks ? (
          <>
            {piece.text}
            {pilcrow}
            {said(t.inParens(t.compareParagraphBreak))}
          </>
        ) : (
          piece.text
        )}
      </span>
      {said(end)}
    </Tag>
  );
}
