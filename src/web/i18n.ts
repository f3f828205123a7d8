// Every interface string of the reader, in Traditional Chinese (Hong Kong) first and English second.
// Article text is never translated; only the interface around it switches (?lang=en, a cookie, a link).

import { MONTHS } from '../publish/citation.js';
import { NOTE_TEXT, type NoteCode } from '../search/notes.js';
import { daysInMonth } from './month-day.js';

export type Lang = 'zh' | 'en';

export const LANGS: readonly Lang[] = ['zh', 'en'];

/** The value of <html lang> for each interface language. */
export const HTML_LANG: Record<Lang, string> = { zh: 'zh-Hant-HK', en: 'en' };

const zh = {
  /** The interface language (the page's lang is HTML_LANG of it). */
  lang: 'zh' as Lang,
  siteName: '眾新聞檔案',
  /** What search says of a query it could not take as typed (src/search/notes.ts), by code. */
  queryNote: {
    unclosedQuote: () => '引號未有收結：其後的字詞當作一個片語搜尋。',
    notAFilter: (prefix: string, filters: string) =>
      `「${prefix}:」不是篩選條件（可用 ${filters}），已當作文字搜尋。`,
    noLetters: (text: string) => `「${text}」沒有可搜尋的文字或數字，已略去。`,
    controlCharacter: (shown: string) => `控制字元 ${shown} 沒有可搜尋的文字或數字，已略去。`,
    controlCharacters: (shown: string) => `控制字元 ${shown} 沒有可搜尋的文字或數字，已略去。`,
    shortened: (max: string) => `搜尋字串太長，只用了首 ${max} 個字元。`,
    notADate: (label: string) => `「${label}」不是日期（請寫成 YYYY、YYYY-MM 或 YYYY-MM-DD），已略去。`,
    strayOr: () => 'OR 兩邊都要有字詞；多餘的 OR 已略去。',
    trailingOr: () => 'OR 兩邊都要有字詞；結尾的 OR 已略去。',
    lowercaseOr: (typed: string) => `「${typed}」當作每篇結果都要有的字詞搜尋；要找其中之一，請寫大寫的 OR。`,
    filterNegated: (label: string) => `「-${label}」：日期範圍不能排除，已當作篩選使用。`,
    orWithFilter: () => '字詞與篩選條件之間不能用 OR；該 OR 已略去。',
    noDates: (label: string) => `「${label}」沒有日期，已略去。`,
    noValue: (label: string) => `「${label}」沒有值，已略去。`,
    notAnId: (label: string) => `「${label}」不是文章編號（例如 id:174），已略去。`,
    tooManyTerms: (max: string) => `只用了首 ${max} 個字詞。`,
    orBeforeExcluded: () => '排除的字詞前的 OR 已略去。',
    emptyRange: (from: string, to: string) => `日期範圍 ${from}..${to} 是空的（開始日期在結束日期之後）。`,
    onlyExcluded: () => '只有排除的字詞，不會找到任何文章：請加上字詞或篩選條件。',
    notRun: (message: string) => `無法執行這個搜尋（${message}）。`,
  } satisfies Record<NoteCode, (...values: string[]) => string>,
  printMasthead: '眾新聞檔案：眾新聞（Citizen News，2017–2022）報道與評論存檔',
  siteTagline: '眾新聞（Citizen News，2017–2022）報道與評論存檔',
  skipToContent: '跳到主要內容',
  colon: '：',
  mainNav: '主選單',
  navHome: '首頁',
  navSearch: '搜尋',
  navCategories: '分類',
  navTags: '標籤',
  navAuthors: '作者',
  navArchive: '日期',
  dateNav: '前後日期',
  allDates: '所有日期',
  switchLang: 'English',
  switchLangLabel: 'Switch the interface to English',
  searchPlaceholder: '搜尋標題、內文、作者、標籤…',
  searchButton: '搜尋',
  searchLabel: '搜尋文章',
  latest: '最新文章',
  categories: '分類',
  timeline: '每月文章數',
  matchedIn: '符合的資料',
  quotes: ['「', '」'] as readonly [string, string],
  fieldName: { author: '作者', category: '分類', tag: '標籤' } as Record<
    'author' | 'category' | 'tag',
    string
  >,
  latestMore: '按日期瀏覽全部文章 ›',
  timelineScroll: '圖表可左右捲動；每條柱連到該月的文章。',
  timelineDesc: (first: string, last: string, total: number) =>
    `${zh.monthLabel(first)} 至 ${zh.monthLabel(last)} 每月文章數，共 ${total.toLocaleString('en')} 篇。`,
  timelineList: (months: number) => `以列表瀏覽全部 ${months} 個月 ›`,
  timelineSkip: '跳過圖表，到各年的月份列表 ›',
  onThisDay: '當年今日',
  /** A month-day ("MM-DD") without a year. */
  monthDayLabel: (md: string) => `${Number(md.slice(0, 2))} 月 ${Number(md.slice(3, 5))} 日`,
  onThisDayTitle: (md: string) => `當年今日（${zh.monthDayLabel(md)}）`,
  onThisDayNone: '往年今日沒有文章。',
  onThisDayNoneOn: (md: string) => `存檔中沒有 ${zh.monthDayLabel(md)}的文章。`,
  onThisDayYear: (year: string, n: number) => `${year} 年（${n.toLocaleString('en')} 篇）`,
  /** A count after a heading, in the language's parentheses. */
  inParens: (text: string) => `（${text}）`,
  onThisDayAll: (n: number) => `該日全部 ${n.toLocaleString('en')} 篇 ›`,
  onThisDayMore: '更多當年今日，或選看其他日子 ›',
  onThisDayLeapDay: '今年沒有 2 月 29 日：看 2 月 29 日的文章 ›',
  onThisDaySummary: (md: string, total: number, years: number) =>
    `歷年 ${zh.monthDayLabel(md)}共有 ${total.toLocaleString('en')} 篇文章，分屬 ${years} 個年份。`,
  onThisDayNav: '前一日及後一日',
  onThisDayToday: '今日',
  onThisDayFeed: '每日訂閱（Atom）',
  onThisDayFeedTitle: '當年今日（Atom 訂閱）',
  onThisDayFeedSubtitle: '每日一則：眾新聞歷年今日的文章。',
  onThisDayPick: '選看其他日子',
  onThisDayCalendar: '當年今日：全年每一日',
  onThisDayCalendarIntro: (days: number, total: number) =>
    `一年 ${days} 日，每日連到歷年同一日的文章；共 ${total.toLocaleString('en')} 篇。每日之下為該日篇數。`,
  onThisDayAllDays: '全年每一日 ›',
  onThisDayStaticHome: '按日子瀏覽歷年同一日的文章：',
  staticCopy: (date: string) =>
    `本頁是 backfile 於 ${date} 製作的靜態副本：可按標題尋找文章，全文搜尋則需存檔伺服器；其餘內容與伺服器相同。`,
  findTitle: '按標題尋找',
  findIntro: '在本副本中按標題尋找文章：輸入標題中的字詞，繁體簡體皆可，多個字詞以空格分開。',
  findLabel: '標題中的字詞',
  findPlaceholder: '按標題尋找…',
  findButton: '尋找',
  findNoScript: '按標題尋找需要 JavaScript。亦可按日期、分類、標籤或作者瀏覽全部文章。',
  /** Templates the finder's script fills ({n}: articles found, {shown}: listed). */
  findFound: '找到 {n} 篇標題相符的文章。',
  findFoundSome: '找到 {n} 篇標題相符的文章，以下是最新的 {shown} 篇；加上字詞可收窄範圍。',
  findNone: '沒有標題相符的文章。全文搜尋需用存檔伺服器；亦可按日期、標籤或作者瀏覽。',
  findLoading: '載入標題索引…',
  staticNotFound: '這個靜態副本沒有這個網址。可按標題尋找文章，或從以下連結瀏覽。',
  staticCopySearch: (date: string) => `本頁是 backfile 於 ${date} 製作的靜態副本；搜尋由存檔伺服器提供。`,
  onThisDayMonth: '月份',
  onThisDayDay: '日子',
  onThisDayGo: '前往',
  onThisDayDownload: (md: string, n: number) =>
    `下載歷年 ${zh.monthDayLabel(md)}全部 ${n.toLocaleString('en')} 篇`,
  notAMonthDay: (raw: string) => `「${raw}」不是月日：請寫成 MM-DD，例如 06-04（6 月 4 日）。`,
  noSuchMonthDay: (month: number, day: number) =>
    `${month} 月沒有 ${day} 日（最多 ${daysInMonth(month)} 日）：請另選日子。`,
  onThisDayClamped: (month: number, day: number) =>
    `${month} 月沒有 ${day} 日，這裏是該月最後一日，${month} 月 ${daysInMonth(month)} 日。`,
  articlesCount: (n: number) => `${n.toLocaleString('en')} 篇`,
  totalArticles: (n: number) => `共 ${n.toLocaleString('en')} 篇文章`,
  published: '發佈日期',
  lastUpdated: '最後更新',
  notOnWayback: '不在網頁時光機：這份記錄由其他網頁存檔（例如 WARC 檔案）重建。',
  /** The site's times (last updated) are Hong Kong time: 304 would postdate their capture as UTC. */
  hkTime: '香港時間',
  noDate: '日期不詳',
  untitled: '（無標題）',
  author: '作者',
  category: '分類',
  tags: '標籤',
  figureUnavailable: '圖片未能載入',
  openImage: '在網頁時光機開啟圖片',
  videoOn: (platform: string) => `${platform} 影片`,
  videoCapture: '播放器存檔（網頁時光機）',
  aboutAuthor: '關於作者',
  provenance: '來源',
  originalUrl: '原文網址',
  waybackCapture: '網頁時光機存檔',
  lostSlug: '備份中此網址的標題部分已損毀，以上連結未必可用；可在此找到全部存檔：',
  captureTime: '存檔時間',
  sourceFile: '備份中的檔案',
  prev: '上一篇',
  next: '下一篇',
  related: '相關文章',
  placeholderTitle: '這份存檔記錄不是原文',
  placeholderText:
    '網頁時光機在這個網址存下的，是眾新聞停運後的告別頁或網站暫停服務的頁面，而不是這篇文章。較早的存檔或會保存原文：',
  placeholderLink: '查看這篇文章網址的所有存檔',
  placeholderRecover: '存檔人員可用這個指令再試：',
  forArchivists: '給存檔人員',
  placeholdersLeftOut: (n: number) =>
    `另有 ${n.toLocaleString('en')} 個佔位頁亦符合，未有列出：這些記錄存的是眾新聞的告別通知或「暫時離線」頁面，而不是文章。`,
  placeholdersWhere: '佔位頁列在未註明日期的文章之後',
  placeholderHeading: (id: number) => `第 ${id} 號文章：存檔只有告別頁或暫停服務頁`,
  placeholderCaptured: (title: string) => `存檔頁面的標題是「${title.trim()}」。`,
  directArticle: (id: number) => `文章編號 ${id}：`,
  directMissing: (id: number) => `眾新聞第 ${id} 號文章不在這個存檔中。網頁時光機或存有它：`,
  repairedTitle: '此篇文字經解碼還原',
  repairedText: (lost: number) =>
    `這份存檔記錄的標題和內文編碼有誤（UTF-8 被當作西里爾字母編碼讀取），此處顯示解碼還原的文字${lost ? `；有 ${lost} 處在備份前已缺字，以 � 標示` : ''}。存檔檔案保留原樣。`,
  versionsTitle: (n: number) => `此文另有 ${n} 個版本`,
  versionsWhy:
    '眾新聞更新文章時，常以新編號重新發佈；以下各篇與此篇同日發佈，標題相同，或標題經修改（列出）而署名及內文相同。',
  versionLink: (id: number) => `第 ${id} 號`,
  versionTimes: (updated: string | null, captured: string | null) =>
    updated || captured
      ? `（${[updated ? `最後更新 ${updated} 香港時間` : '', captured ? `存檔 ${captured}` : ''].filter(Boolean).join('；')}）`
      : '',
  hitVersions: (n: number) => `另有 ${n - 1} 個版本`,
  showAllVersions: '逐篇顯示所有版本',
  mergeVersions: '合併同一報道的版本',
  compareWith: (id: number) => `與第 ${id} 號比較`,
  versionsShowAll: (n: number) => `列出其餘 ${n} 個版本`,
  compareTitle: (from: number, to: number) => `比較第 ${from} 號與第 ${to} 號版本`,
  compareIntro: (from: number, to: number) =>
    `同一報道的兩個版本：由第 ${from} 號到第 ${to} 號的改動。刪去的文字加刪除線，並以「−」標示；新增的文字加底線，並以「+」標示；一段分成兩段或兩段合成一段，在分段處以「¶」標示。`,
  compareSwap: '反方向比較',
  compareCite: '引用這兩個版本',
  compareCiteWhy: '兩個版本各有編號及網頁時光機存檔時間；引用時請寫明所據的版本。',
  compareCiteApa: (id: number) => `第 ${id} 號：APA 格式`,
  compareCiteBibtex: (id: number) => `第 ${id} 號：BibTeX`,
  compareMeta: '兩個版本的資料',
  compareField: '項目',
  compareTitleField: '標題',
  compareDiffers: '不同',
  compareSame: '相同',
  compareSameReordered: '相同，次序不同',
  compareTextLength: '內文字數',
  compareTitleDiff: '標題的改動',
  compareTextDiff: '內文的改動',
  compareCounts: (added: number, removed: number, unchanged: number) =>
    `新增 ${added.toLocaleString('en')} 字，刪去 ${removed.toLocaleString('en')} 字，${unchanged.toLocaleString('en')} 字不變。`,
  compareTitleSame: '兩個版本的標題相同。',
  compareTextSame: (n: number) => `兩個版本的內文完全相同（${n.toLocaleString('en')} 字）。`,
  compareTextEmpty: '兩個版本都沒有內文。',
  compareUnchanged: (n: number) => `… ${n.toLocaleString('en')} 字沒有改動 …`,
  insertedStart: '新增開始：',
  insertedEnd: '：新增結束',
  deletedStart: '刪去開始：',
  deletedEnd: '：刪去結束',
  compareSpace: '空格',
  compareParagraphBreak: '分段',
  compareParagraphs: (why: 'too-long' | 'too-different') =>
    `部分段落${why === 'too-long' ? '太長' : '改動太多'}，未能逐字比較，以整段標示新增與刪去。`,
  compareNone: (why: 'too-long' | 'too-different') =>
    `兩個版本的內文${why === 'too-long' ? '太長' : '差異太大'}，未能比較；請分別開啟兩篇閱讀。`,
  compareSameArticle: (id: number) => `第 ${id} 號不能與自己比較：請選另一個版本。`,
  compareNotVersions: (id: number, other: number) =>
    `第 ${id} 號與第 ${other} 號不是同一報道的版本（日期、標題或內文不同），不能比較。只有同一報道的版本可以比較：文章若有其他版本，會列在文章頁的標題下。`,
  cite: '引用本文',
  citeApa: 'APA 格式',
  citeBibtex: 'BibTeX',
  copy: '複製',
  copied: '已複製',
  listingCategory: (v: string) => `分類：${v}`,
  listingTag: (v: string) => `標籤：${v}`,
  listingAuthor: (v: string) => `作者：${v}`,
  listingDate: (v: string) => `${v}的文章`,
  listingUndated: '日期不詳的文章',
  undated: '日期不詳',
  undatedNote: (placeholders: number) =>
    `這些記錄沒有日期，按文章編號排列（編號越大越新）；其中 ${placeholders.toLocaleString('en')} 個只存有告別頁或暫停服務頁，列在最後。`,
  sortNewest: '最新',
  sortOldest: '最舊',
  sortRelevance: '相關度',
  sortLabel: '排序',
  page: (p: number, of: number) => `第 ${p} 頁，共 ${of} 頁`,
  pagination: '分頁',
  searchPageLimit: (n: number) =>
    `搜尋結果只列出首 ${n} 頁。加上篩選（分類、作者、標籤、年份）可收窄結果，改按「最舊」排序可從另一端看起，或在結果頁底下載全部結果（CSV）。`,
  downloadAll: (n: number) => `下載全部 ${n.toLocaleString('en')} 篇結果`,
  exportCsv: 'CSV 試算表',
  exportRis: 'RIS（Zotero、EndNote）',
  exportBibtex: 'BibTeX',
  downloadNote:
    '每篇一項，各版本分列。CSV 有編號、日期、標題、作者、分類、標籤、原網址、網頁時光機存檔及存檔時間；RIS 及 BibTeX 可匯入文獻管理軟件。',
  exportNeedsQuery: '請輸入搜尋字詞或篩選條件，才可匯出其結果。',
  wholeNumber: (name: string, max: number) => `「${name}」須是 1 至 ${max.toLocaleString('en')} 的整數。`,
  mustBeOneOf: (name: string, allowed: readonly string[]) => `「${name}」須是 ${allowed.join('、')} 之一。`,
  queryTooLong: (max: number) => `搜尋字串太長：最多 ${max} 個字元。`,
  filterTooLong: (name: string, max: number) => `「${name}」篩選太長：最多 ${max} 個字元。`,
  filterForm: (name: string, form: string) => `「${name}」篩選須寫成 ${form}。`,
  goToPage: (page: number) => `前往第 ${page.toLocaleString('en')} 頁`,
  goToArticle: (id: number, versions: boolean) =>
    versions ? `第 ${id} 號文章及其版本` : `前往第 ${id} 號文章`,
  prevPage: '上一頁',
  nextPage: '下一頁',
  firstPage: '第一頁',
  lastPage: '最後一頁',
  showing: (from: number, to: number, total: number) =>
    `第 ${from.toLocaleString('en')}–${to.toLocaleString('en')} 篇，共 ${total.toLocaleString('en')} 篇`,
  showingStories: (from: number, to: number, stories: number, total: number) =>
    `第 ${from.toLocaleString('en')}–${to.toLocaleString('en')} 則，共 ${stories.toLocaleString('en')} 則（${total.toLocaleString('en')} 篇，同一報道的版本合列）`,
  allTags: '所有標籤',
  allAuthors: '所有作者',
  allCategories: '所有分類',
  years: '年份',
  months: '月份',
  days: '日子',
  searchTitle: '搜尋',
  searchResultsHeading: '搜尋結果',
  searchResults: (q: string) => `「${q}」的搜尋結果`,
  searchTotal: (n: number, ms: number) => `找到 ${n.toLocaleString('en')} 篇（${ms.toFixed(0)} 毫秒）`,
  searchTotalStories: (n: number, stories: number, ms: number) =>
    `找到 ${n.toLocaleString('en')} 篇，合併版本後 ${stories.toLocaleString('en')} 則（${ms.toFixed(0)} 毫秒）`,
  searchUnderstood: '理解為',
  searchEmpty: '沒有找到文章。',
  searchEmptyWhy: '所有條件都必須符合：每個詞、每個 "引號" 內的片語、每個篩選。',
  searchRelaxed: '試試較寬的搜尋：',
  relaxedTotal: (n: number) => `（${n.toLocaleString('en')} 篇）`,
  wordsNowhere: (_n: number) => '沒有文章含有',
  wordsNowhereEnd: '。',
  listSeparator: '、',
  searchHelp: '搜尋語法',
  searchHelpText: '輸入字詞即可：所有字詞都須符合，繁簡通用，詞中亦算（香港 亦找到 香港人，毋須 *）。',
  searchHelpRows: [
    ['"反送中"', '完整片語'],
    ['林鄭 OR 特首', '任一符合'],
    ['警察 -催淚彈', '有前者、沒有後者'],
    ['tag:中美關係　author:眾新聞記者　category:眾說', '按標籤、作者、分類篩選（值有空格時加引號）'],
    ['date:2020-07　date:2019-06..2019-12', '按月份、日期或日期範圍篩選'],
    ['from:2020-07　to:2021-06-30', '由某日起、至某日止'],
    ['id:32181', '某編號的文章'],
  ] as ReadonlyArray<readonly [string, string]>,
  searchStart: '輸入字詞開始搜尋。',
  facets: '篩選',
  jumpToFacets: '篩選結果',
  facetCategory: '分類',
  facetAuthor: '作者',
  facetTag: '標籤',
  facetYear: '年份',
  facetMonth: '月份',
  removeFilter: '移除篩選',
  valuesFilterLabel: (kind: 'category' | 'tag' | 'author') =>
    `在${kind === 'author' ? '作者' : kind === 'tag' ? '標籤' : '分類'}中找`,
  valuesFilterButton: '找',
  valuesMatching: (kind: 'category' | 'tag' | 'author', n: number, q: string) =>
    n === 0
      ? `沒有${kind === 'author' ? '作者' : kind === 'tag' ? '標籤' : '分類'}含有「${q}」。`
      : `${n.toLocaleString('en')} ${kind === 'author' ? '位作者' : kind === 'tag' ? '個標籤' : '個分類'}含有「${q}」，按文章數排列。`,
  valuesMatchingTitle: (kind: 'category' | 'tag' | 'author', q: string) =>
    `含有「${q}」的${kind === 'author' ? '作者' : kind === 'tag' ? '標籤' : '分類'}`,
  valuesAll: (kind: 'category' | 'tag' | 'author') =>
    `所有${kind === 'author' ? '作者' : kind === 'tag' ? '標籤' : '分類'}`,
  valuesCount: (kind: 'category' | 'tag' | 'author', n: number) =>
    `共 ${n.toLocaleString('en')} ${kind === 'author' ? '位作者' : kind === 'tag' ? '個標籤' : '個分類'}，按文章數排列`,
  pageSuffix: (p: number) => `（第 ${p} 頁）`,
  warnings: '注意',
  notFoundTitle: '找不到這一頁',
  notFoundText: '這個網址沒有內容。文章可能不在存檔之內，或網址有誤。',
  notAnArticleId: (raw: string) => `「${raw}」不是文章編號：文章網址是 /article/ 加上數字。`,
  noArticlesWith: (kind: 'category' | 'tag' | 'author', value: string) =>
    `沒有${{ category: '分類', tag: '標籤', author: '作者' }[kind]}為「${value}」的文章。`,
  valueTooLong: (kind: 'category' | 'tag' | 'author', max: number) =>
    `${{ category: '分類', tag: '標籤', author: '作者' }[kind]}名稱太長：最多 ${max} 個字元。`,
  versionsParam: '「versions」只可以是 all（列出每個版本），或不填（同一報道的版本合列）。',
  noArticlesDated: (date: string) => `沒有 ${date} 的文章。`,
  notADate: (part: 'year' | 'month' | 'day', raw: string) =>
    `「${raw}」不是${{ year: '年份', month: '月份（01–12）', day: '日子（01–31）' }[part]}。`,
  noSuchPage: (page: number, pages: number) => `沒有第 ${page} 頁：這裏只有 ${pages} 頁。`,
  nothingAt: (path: string) => `${path} 沒有內容。`,
  methodNotAllowed: '這個存檔只供閱讀：只接受 GET 和 HEAD 請求。',
  badRequestTitle: '請求有誤',
  methodTitle: '不接受這種請求',
  badRequestText: '網址中有參數無法處理，請檢查後再試。',
  errorTitle: '出了點問題',
  errorText: '伺服器未能處理這個請求。請稍後再試。',
  tryThese: '你可以：',
  goHome: '回到首頁',
  trySearch: '搜尋存檔',
  browseCategories: '瀏覽分類',
  footerAbout: '眾新聞於 2022 年 1 月 4 日停止運作。本站從公開存檔重現其文章，版權屬眾新聞及各作者所有。',
  footerData: '資料（JSON）',
  footerAboutLink: '關於本存檔',
  aboutTitle: '關於本存檔',
  aboutIntro:
    '眾新聞（Citizen News）是香港的網上新聞媒體，於 2022 年 1 月 4 日停止運作。本站重現其網站的文章，供讀者閱讀、搜尋及引用。',
  aboutHolds: '存檔內容',
  aboutArticles: (records: number, articles: number, first: string, last: string) =>
    `共 ${records.toLocaleString('en')} 項紀錄，其中 ${articles.toLocaleString('en')} 篇是文章，日期由 ${first} 至 ${last}。`,
  aboutValues: '分類 {categories} 個、標籤 {tags} 個、作者 {authors} 個署名。',
  aboutVersions: (n: number, stories: number) =>
    `其中 ${n.toLocaleString('en')} 篇是同一報道的不同版本，屬 ${stories.toLocaleString('en')} 個報道：眾新聞常以新編號重新發布更新了的文章。搜尋及列表把同一報道的版本合為一項，文章頁列出其他版本，兩個版本可以逐一比較。`,
  aboutUndated:
    '{undated} 項沒有日期，其中 {placeholders} 頁是網頁時光機存下的告別啟事或「暫時離線」頁，而非文章：這些頁面會標明，並連到該網址的其他存檔。',
  aboutRepaired: (n: number) =>
    `${n.toLocaleString('en')} 篇的文字曾被錯誤解碼（UTF-8 被當作西里爾字母編碼讀取），本站已還原並加以註明；原始紀錄不變。`,
  aboutSources: '來源',
  aboutSourcesText:
    '文章來自公開的義工備份 {corpus}：每篇一個 Markdown 檔，附網頁時光機（Wayback Machine）的存檔連結。每篇文章頁的「來源」一欄列出其原網址、存檔連結及存檔時間。',
  aboutCiting: '引用',
  aboutCitingText:
    '每篇文章頁附 APA 格式引文及 BibTeX，可以複製。搜尋結果及{onThisDay}可下載 CSV、RIS 及 BibTeX，匯入 Zotero、EndNote 等文獻管理軟件。',
  aboutData: '資料及訂閱',
  aboutDataJson: '每頁的資料亦以 JSON 提供：在網址加上 {format}，或在路徑前加上 {api}（例如 {example}）。',
  aboutDataFeed: '{feed}：每日一則，列出歷年今日的文章。',
  aboutDataSitemap: '全部文章的網址：{sitemap}。',
  aboutStaticData:
    '這是靜態副本，不設 JSON、訂閱及網站地圖；這些由存檔伺服器（{serve}）提供。副本所含內容記在根目錄的 {manifest}。',
  aboutCopy: '自行保存一份',
  aboutCopyText:
    '備份可以自由下載（{clone}）。本站以 backfile 從這份備份建成；任何人都可以用同一份備份，在自己的電腦重建本站。',
  aboutRights: '文章版權屬眾新聞及各作者所有。',
  jsonLink: 'JSON',
  count: '篇數',
  value: '名稱',
  monthNames: [
    '1 月',
    '2 月',
    '3 月',
    '4 月',
    '5 月',
    '6 月',
    '7 月',
    '8 月',
    '9 月',
    '10 月',
    '11 月',
    '12 月',
  ],
  yearLabel: (y: string) => `${y} 年`,
  monthLabel: (ym: string) => `${ym.slice(0, 4)} 年 ${Number(ym.slice(5, 7))} 月`,
  dayLabel: (d: string) => `${d.slice(0, 4)} 年 ${Number(d.slice(5, 7))} 月 ${Number(d.slice(8, 10))} 日`,
};

export type Strings = typeof zh;

const en: Strings = {
  lang: 'en',
  siteName: 'Citizen News Archive',
  queryNote: NOTE_TEXT,
  printMasthead: 'Citizen News Archive: the reporting and commentary of Citizen News (眾新聞, 2017–2022)',
  siteTagline: 'The reporting and commentary of Citizen News (眾新聞, 2017–2022), kept readable',
  skipToContent: 'Skip to main content',
  colon: ': ',
  mainNav: 'Main',
  navHome: 'Home',
  navSearch: 'Search',
  navCategories: 'Categories',
  navTags: 'Tags',
  navAuthors: 'Authors',
  navArchive: 'Dates',
  dateNav: 'Earlier and later dates',
  allDates: 'All dates',
  switchLang: '中文',
  switchLangLabel: '切換至中文介面',
  searchPlaceholder: 'Search titles, text, authors, tags…',
  searchButton: 'Search',
  searchLabel: 'Search articles',
  latest: 'Latest articles',
  categories: 'Categories',
  timeline: 'Articles per month',
  matchedIn: 'Found by',
  quotes: [' "', '"'],
  fieldName: { author: 'author', category: 'category', tag: 'tag' },
  latestMore: 'Browse every article by date ›',
  timelineScroll: 'The chart scrolls sideways; each bar leads to its month.',
  timelineDesc: (first, last, total) =>
    `Articles per month from ${en.monthLabel(first)} to ${en.monthLabel(last)}, ${total.toLocaleString('en')} in all.`,
  timelineList: (months) => `All ${months} months as a list ›`,
  timelineSkip: 'Skip the chart to the list of months ›',
  onThisDay: 'On this day',
  monthDayLabel: (md) => `${Number(md.slice(3, 5))} ${en.monthNames[Number(md.slice(0, 2)) - 1] ?? ''}`,
  onThisDayTitle: (md) => `On this day (${en.monthDayLabel(md)})`,
  onThisDayNone: 'No articles on this day in past years.',
  onThisDayNoneOn: (md) => `The archive has no articles from ${en.monthDayLabel(md)} in any year.`,
  onThisDayYear: (year, n) => `${year} (${n.toLocaleString('en')} ${n === 1 ? 'article' : 'articles'})`,
  inParens: (text) => ` (${text})`,
  onThisDayAll: (n) => `All ${n.toLocaleString('en')} articles from that day ›`,
  onThisDayMore: 'More from this day, or choose another day ›',
  onThisDayLeapDay: 'No 29 February this year: the articles of 29 February ›',
  onThisDaySummary: (md, total, years) =>
    `${total.toLocaleString('en')} ${total === 1 ? 'article' : 'articles'} on ${en.monthDayLabel(md)}, in ${years} ${years === 1 ? 'year' : 'years'}.`,
  onThisDayNav: 'The day before and after',
  onThisDayToday: 'Today',
  onThisDayFeed: 'Follow daily (Atom feed)',
  onThisDayFeedTitle: 'On this day (Atom feed)',
  onThisDayFeedSubtitle: "Once a day: Citizen News' articles from this day in past years.",
  onThisDayPick: 'Choose another day',
  onThisDayCalendar: 'On this day: every day of the year',
  onThisDayCalendarIntro: (days, total) =>
    `The ${days} days of the year, each linked to its articles across the years: ${total.toLocaleString('en')} in all. The number under each day is its count of articles.`,
  onThisDayAllDays: 'Every day of the year ›',
  onThisDayStaticHome: 'Articles of the same day across the years, by day:',
  staticCopy: (date) =>
    `A static copy made by backfile on ${date}: articles can be found by title; full-text search needs the archive's server. Everything else is as the server shows it.`,
  findTitle: 'Find by title',
  findIntro:
    'Find an article of this copy by its title: type words of the title, in Traditional or Simplified Chinese; separate several with spaces.',
  findLabel: 'Words of the title',
  findPlaceholder: 'Find by title…',
  findButton: 'Find',
  findNoScript:
    'Finding by title needs JavaScript. You can also browse every article by date, category, tag or author.',
  findFound: '{n} articles have these words in their title.',
  findFoundSome:
    '{n} articles have these words in their title; the newest {shown} are listed. Add a word to narrow them.',
  findNone:
    "No article has these words in its title. Full-text search needs the archive's server; you can also browse by date, tag or author.",
  findLoading: 'Loading the index of titles…',
  staticNotFound:
    'This static copy has nothing at this address. Find an article by its title, or browse from the links below.',
  staticCopySearch: (date) => `A static copy made by backfile on ${date}; search is on the archive's server.`,
  onThisDayMonth: 'Month',
  onThisDayDay: 'Day',
  onThisDayGo: 'Go',
  onThisDayDownload: (md, n) =>
    `Download ${n === 1 ? 'the 1 article' : `all ${n.toLocaleString('en')} articles`} from ${en.monthDayLabel(md)} across the years`,
  notAMonthDay: (raw) => `"${raw}" is not a month and day: write it MM-DD, such as 06-04 (4 June).`,
  noSuchMonthDay: (month, day) =>
    `${MONTHS[month - 1] ?? month} has no day ${day} (it has at most ${daysInMonth(month)}): choose another day.`,
  onThisDayClamped: (month, day) =>
    `${MONTHS[month - 1] ?? month} has no day ${day}: this is its last day, ${daysInMonth(month)} ${MONTHS[month - 1] ?? month}.`,
  articlesCount: (n) => `${n.toLocaleString('en')} ${n === 1 ? 'article' : 'articles'}`,
  totalArticles: (n) => `${n.toLocaleString('en')} articles`,
  published: 'Published',
  lastUpdated: 'Last updated',
  notOnWayback:
    'Not on the Wayback Machine: this record was rebuilt from another web archive (a WARC file, say).',
  hkTime: 'HKT',
  noDate: 'Date unknown',
  untitled: '(untitled)',
  author: 'Author',
  category: 'Category',
  tags: 'Tags',
  figureUnavailable: 'Image unavailable',
  openImage: 'Open the image in the Wayback Machine',
  videoOn: (platform: string) => `Video on ${platform}`,
  videoCapture: 'Archived player (Wayback Machine)',
  aboutAuthor: 'About the author',
  provenance: 'Provenance',
  originalUrl: 'Original URL',
  waybackCapture: 'Wayback Machine capture',
  lostSlug:
    'The backup lost the title part of this address, so the links above may not work; every capture of the article is listed here:',
  captureTime: 'Captured',
  sourceFile: 'File in the backup',
  prev: 'Previous',
  next: 'Next',
  related: 'Related articles',
  placeholderTitle: 'This record is not the article',
  placeholderText:
    'What the Wayback Machine kept at this address is the farewell page Citizen News showed after it closed, or its maintenance page, not the article. An earlier capture may hold the article:',
  placeholderLink: "All captures of this article's address",
  placeholderRecover: 'Archivists can try again with',
  forArchivists: 'For archivists',
  placeholdersLeftOut: (n) =>
    `${n.toLocaleString('en')} placeholder page${n === 1 ? '' : 's'} also match${n === 1 ? 'es' : ''} and ${n === 1 ? 'is' : 'are'} not listed: their records hold Citizen News's farewell notice or a "Temporarily Offline" page instead of the article.`,
  placeholdersWhere: 'Placeholder pages are listed after the undated articles',
  placeholderHeading: (id) => `Article no. ${id}: the archive holds only a farewell or maintenance page`,
  placeholderCaptured: (title) => `The captured page is titled "${title.trim()}".`,
  directArticle: (id) => `Article no. ${id}:`,
  directMissing: (id) =>
    `Citizen News article ${id} is not in this archive. The Wayback Machine may hold it:`,
  repairedTitle: "This article's text was decoded back",
  repairedText: (lost) =>
    `The record holds its title and text mis-decoded (UTF-8 read through a Cyrillic code page); they are shown decoded back${lost ? `, with ${lost} place${lost === 1 ? '' : 's'} where bytes were already missing marked �` : ''}. The record file keeps them as they were.`,
  versionsTitle: (n) => `${n} other version${n === 1 ? '' : 's'} of this article`,
  versionsWhy:
    'Citizen News often republished an updated article under a new number; these were published the same day as this one, under the same title, or under a reworded one (shown) with the same byline and text.',
  versionLink: (id) => `No. ${id}`,
  versionTimes: (updated, captured) =>
    updated || captured
      ? ` (${[updated ? `last updated ${updated} HKT` : '', captured ? `captured ${captured}` : ''].filter(Boolean).join('; ')})`
      : '',
  hitVersions: (n) => `${n - 1} more version${n === 2 ? '' : 's'}`,
  showAllVersions: 'Show every version',
  mergeVersions: 'Merge versions of one story',
  compareWith: (id) => `Compare with No. ${id}`,
  versionsShowAll: (n) => `List the ${n} other versions`,
  compareTitle: (from, to) => `Comparing versions No. ${from} and No. ${to}`,
  compareIntro: (from, to) =>
    `Two versions of one story: what changed from No. ${from} to No. ${to}. Removed text is struck through and marked "−"; added text is underlined and marked "+"; where a paragraph was split in two or two were joined, the break is marked "¶".`,
  compareSwap: 'Compare the other way round',
  compareCite: 'Cite the two versions',
  compareCiteWhy: 'Each version has its own number and Wayback capture: cite the one whose words you quote.',
  compareCiteApa: (id) => `No. ${id}: APA style`,
  compareCiteBibtex: (id) => `No. ${id}: BibTeX`,
  compareMeta: 'The two versions',
  compareField: 'Field',
  compareTitleField: 'Title',
  compareDiffers: 'differs',
  compareSame: 'same',
  compareSameReordered: 'same, in another order',
  compareTextLength: 'Length of text (characters)',
  compareTitleDiff: 'Changes to the title',
  compareTextDiff: 'Changes to the text',
  compareCounts: (added, removed, unchanged) =>
    `Added ${added.toLocaleString('en')} character${added === 1 ? '' : 's'}, removed ${removed.toLocaleString('en')}, ${unchanged.toLocaleString('en')} unchanged.`,
  compareTitleSame: 'The two versions have the same title.',
  compareTextSame: (n) =>
    `The two versions have the same text (${n.toLocaleString('en')} character${n === 1 ? '' : 's'}).`,
  compareTextEmpty: 'Neither version has any text.',
  compareUnchanged: (n) => `… ${n.toLocaleString('en')} character${n === 1 ? '' : 's'} unchanged …`,
  insertedStart: 'added: ',
  insertedEnd: ' (end of addition)',
  deletedStart: 'removed: ',
  deletedEnd: ' (end of removal)',
  compareSpace: 'a space',
  compareParagraphBreak: 'a paragraph break',
  compareParagraphs: (why) =>
    `Some passages are ${why === 'too-long' ? 'too long' : 'changed too much'} to compare character by character; they are marked as whole paragraphs added and removed.`,
  compareNone: (why) =>
    `The texts of the two versions are ${why === 'too-long' ? 'too long' : 'too different'} to compare; open each to read it.`,
  compareSameArticle: (id) => `No. ${id} cannot be compared with itself: choose another version.`,
  compareNotVersions: (id, other) =>
    `No. ${id} and No. ${other} are not versions of one story (their dates, titles or texts differ), so they cannot be compared. Only versions of one story can be: an article's other versions, if it has any, are listed under its title on its page.`,
  cite: 'Cite this article',
  citeApa: 'APA style',
  citeBibtex: 'BibTeX',
  copy: 'Copy',
  copied: 'Copied',
  listingCategory: (v) => `Category: ${v}`,
  listingTag: (v) => `Tag: ${v}`,
  listingAuthor: (v) => `Author: ${v}`,
  listingDate: (v) => `Articles from ${v}`,
  listingUndated: 'Articles without a date',
  undated: 'No date',
  undatedNote: (placeholders) =>
    `These records have no date; they are in order of their article number (the higher, the newer). ${placeholders.toLocaleString('en')} of them hold only the farewell or maintenance page and come last.`,
  sortNewest: 'Newest',
  sortOldest: 'Oldest',
  sortRelevance: 'Relevance',
  sortLabel: 'Sort',
  page: (p, of) => `Page ${p} of ${of}`,
  pagination: 'Pagination',
  searchPageLimit: (n: number) =>
    `Search lists the first ${n} pages only. Narrow it with a filter (category, author, tag, year), sort oldest first to see the other end, or download every result (CSV) from the foot of the results.`,
  downloadAll: (n: number) => `Download all ${n.toLocaleString('en')} results`,
  exportCsv: 'CSV spreadsheet',
  exportRis: 'RIS (Zotero, EndNote)',
  exportBibtex: 'BibTeX',
  downloadNote:
    'One entry per article, each version on its own. The CSV has id, date, title, author, category, tags, original address, Wayback capture and capture time; RIS and BibTeX go into reference managers.',
  exportNeedsQuery: 'Give a search query or a filter to export what it finds.',
  wholeNumber: (name: string, max: number) =>
    `"${name}" must be a whole number from 1 to ${max.toLocaleString('en')}.`,
  mustBeOneOf: (name: string, allowed: readonly string[]) =>
    `"${name}" must be one of ${allowed.join(', ')}.`,
  queryTooLong: (max: number) => `The query is too long: at most ${max} characters.`,
  filterTooLong: (name: string, max: number) =>
    `The "${name}" filter is too long: at most ${max} characters.`,
  filterForm: (name: string, form: string) => `The "${name}" filter must be written ${form}.`,
  goToPage: (page) => `Go to page ${page.toLocaleString('en')}`,
  goToArticle: (id, versions) =>
    versions ? `Article No. ${id} and its versions` : `Go to article No. ${id}`,
  prevPage: 'Previous page',
  nextPage: 'Next page',
  firstPage: 'First page',
  lastPage: 'Last page',
  showing: (from, to, total) =>
    `${from.toLocaleString('en')}–${to.toLocaleString('en')} of ${total.toLocaleString('en')}`,
  showingStories: (from, to, stories, total) =>
    `Stories ${from.toLocaleString('en')}–${to.toLocaleString('en')} of ${stories.toLocaleString('en')} (${total.toLocaleString('en')} articles, versions of one story together)`,
  allTags: 'All tags',
  allAuthors: 'All authors',
  allCategories: 'All categories',
  years: 'Years',
  months: 'Months',
  days: 'Days',
  searchTitle: 'Search',
  searchResultsHeading: 'Results',
  searchResults: (q) => (q.includes('"') ? `Results for ${q}` : `Results for "${q}"`),
  searchTotal: (n, ms) => `${n.toLocaleString('en')} found (${ms.toFixed(0)} ms)`,
  searchTotalStories: (n, stories, ms) =>
    `${n.toLocaleString('en')} articles found: ${stories.toLocaleString('en')} stories, counting the versions of one story once (${ms.toFixed(0)} ms)`,
  searchUnderstood: 'Understood as',
  searchEmpty: 'No articles found.',
  searchEmptyWhy: 'Every condition must hold: each word, each "quoted" phrase and each filter.',
  searchRelaxed: 'Try a wider search:',
  relaxedTotal: (n) => ` (${n.toLocaleString('en')} found)`,
  wordsNowhere: (n) => (n === 1 ? 'No article holds the word ' : 'No article holds the words '),
  wordsNowhereEnd: '.',
  listSeparator: ', ',
  searchHelp: 'Query syntax',
  searchHelpText:
    'Type words: all must match, in Traditional or Simplified alike, inside words too (carr finds Carrie; no * needed).',
  searchHelpRows: [
    ['"carrie lam"', 'the phrase as typed'],
    ['林鄭 OR 特首', 'either'],
    ['警察 -催淚彈', 'the first without the second'],
    [
      'tag:中美關係  author:眾新聞記者  category:眾說',
      'a tag, author or category (quote values with spaces)',
    ],
    ['date:2020-07  date:2019-06..2019-12', 'a month, a day or a range of dates'],
    ['from:2020-07  to:2021-06-30', 'from a date, up to a date'],
    ['id:32181', 'the article of that number'],
  ],
  searchStart: 'Type a word to search.',
  facets: 'Filters',
  jumpToFacets: 'Filter the results',
  facetCategory: 'Category',
  facetAuthor: 'Author',
  facetTag: 'Tag',
  facetYear: 'Year',
  facetMonth: 'Month',
  removeFilter: 'Remove filter',
  valuesFilterLabel: (kind) =>
    `Find ${kind === 'author' ? 'an author' : kind === 'tag' ? 'a tag' : 'a category'}`,
  valuesFilterButton: 'Find',
  valuesMatching: (kind, n, q) => {
    const noun = kind === 'author' ? 'author' : kind === 'tag' ? 'tag' : 'category';
    if (n === 0) return `No ${noun === 'category' ? 'category' : noun} holds "${q}".`;
    const nouns = n === 1 ? noun : noun === 'category' ? 'categories' : `${noun}s`;
    return `${n.toLocaleString('en')} ${nouns} holding "${q}", most articles first.`;
  },
  valuesMatchingTitle: (kind, q) =>
    `${kind === 'author' ? 'Authors' : kind === 'tag' ? 'Tags' : 'Categories'} holding "${q}"`,
  valuesAll: (kind) => `All ${kind === 'author' ? 'authors' : kind === 'tag' ? 'tags' : 'categories'}`,
  valuesCount: (kind, n) =>
    `${n.toLocaleString('en')} ${kind === 'author' ? 'authors' : kind === 'tag' ? 'tags' : 'categories'}, most articles first`,
  pageSuffix: (p) => ` (page ${p})`,
  warnings: 'Note',
  notFoundTitle: 'Page not found',
  notFoundText: 'Nothing lives at this address. The article may not be in the archive, or the link is wrong.',
  notAnArticleId: (raw) => `"${raw}" is not an article number: article addresses are /article/ and a number.`,
  noArticlesWith: (kind, value) => `No articles have the ${kind} "${value}".`,
  valueTooLong: (kind, max) => `The ${kind} name is too long: at most ${max} characters.`,
  versionsParam:
    '"versions" can only be all (every version listed), or left out (versions of one story together).',
  noArticlesDated: (date) => `No articles are dated ${date}.`,
  notADate: (part, raw) =>
    `"${raw}" is not a ${{ year: 'year', month: 'month (01–12)', day: 'day (01–31)' }[part]}.`,
  noSuchPage: (page, pages) =>
    `There is no page ${page}: there ${pages === 1 ? 'is 1 page' : `are ${pages} pages`}.`,
  nothingAt: (path) => `Nothing lives at ${path}.`,
  methodNotAllowed: 'This archive is read-only: it answers GET and HEAD requests only.',
  badRequestTitle: 'Bad request',
  methodTitle: 'Method not allowed',
  badRequestText: 'Something in the address could not be used; please check it and try again.',
  errorTitle: 'Something went wrong',
  errorText: 'The server could not handle this request. Please try again later.',
  tryThese: 'You can:',
  goHome: 'Go to the home page',
  trySearch: 'Search the archive',
  browseCategories: 'Browse the categories',
  footerAbout:
    'Citizen News closed on 4 January 2022. This site serves its articles from a public archive; copyright stays with Citizen News and its authors.',
  footerData: 'Data (JSON)',
  footerAboutLink: 'About this archive',
  aboutTitle: 'About this archive',
  aboutIntro:
    'Citizen News (眾新聞) was an online news outlet in Hong Kong. It closed on 4 January 2022. This site brings back the articles of its website, to read, search and cite.',
  aboutHolds: 'What the archive holds',
  aboutArticles: (records, articles, first, last) =>
    `${records.toLocaleString('en')} records, ${articles.toLocaleString('en')} of them articles, dated from ${first} to ${last}.`,
  aboutValues: '{categories} categories, {tags} tags and {authors} bylines.',
  aboutVersions: (n, stories) =>
    `${n.toLocaleString('en')} of them are versions of ${stories.toLocaleString('en')} stories: Citizen News often republished an updated article under a new number. Search and listings show the versions of one story as one entry, an article's page lists its other versions, and any two versions can be compared.`,
  aboutUndated:
    '{undated} records have no date; {placeholders} of them are captures of the farewell notice or a "Temporarily Offline" page that the Wayback Machine kept instead of an article. Their pages say so and link to the other captures of the address.',
  aboutRepaired: (n) =>
    `${n.toLocaleString('en')} ${n === 1 ? 'record had its text' : 'records had their text'} mis-decoded (UTF-8 read as a Cyrillic code page): restored here, with a note; the record itself is unchanged.`,
  aboutSources: 'Sources',
  aboutSourcesText:
    "The articles come from a public volunteer backup, {corpus}: one Markdown file per article, with links into the Wayback Machine. Each article's Provenance panel gives its original address, its Wayback capture and the capture time.",
  aboutCiting: 'Citing',
  aboutCitingText:
    'Each article page has an APA-style citation and BibTeX to copy. Search results and {onThisDay} can be downloaded as CSV, RIS and BibTeX, for Zotero, EndNote and other reference managers.',
  aboutData: 'Data and feeds',
  aboutDataJson:
    "Every page's data is also served as JSON: add {format} to its address, or put {api} before its path (for example {example}).",
  aboutDataFeed: '{feed}: once a day, the articles from that day in past years.',
  aboutDataSitemap: "Every article's address: {sitemap}.",
  aboutStaticData:
    "This is a static copy, without the JSON, the feed and the sitemaps, which the archive's server ({serve}) gives. What the copy holds is in {manifest} at its root.",
  aboutCopy: 'Keep a copy',
  aboutCopyText:
    'The backup can be downloaded freely ({clone}). This site is built from it with backfile; anyone can rebuild it from the same backup on their own computer.',
  aboutRights: 'The articles are copyright of Citizen News and their authors.',
  jsonLink: 'JSON',
  count: 'Articles',
  value: 'Name',
  monthNames: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
  yearLabel: (y) => y,
  monthLabel: (ym) => `${en.monthNames[Number(ym.slice(5, 7)) - 1] ?? ''} ${ym.slice(0, 4)}`,
  dayLabel: (d) =>
    `${Number(d.slice(8, 10))} ${en.monthNames[Number(d.slice(5, 7)) - 1] ?? ''} ${d.slice(0, 4)}`,
};

const STRINGS: Record<Lang, Strings> = { zh, en };

export function strings(lang: Lang): Strings {
  return STRINGS[lang];
}

/** Picks the interface language: ?lang= first, then the cookie, then zh. */
export function pickLang(query: string | undefined, cookie: string | undefined): Lang {
  if (query === 'en' || query === 'zh') return query;
  if (cookie === 'en' || cookie === 'zh') return cookie;
  return 'zh';
}
