// The typed article of the record format (one Markdown file with YAML frontmatter per article).
// This is the contract every stage shares: the corpus reader produces it, recovery builds it,
// the store imports it, and serializeRecord writes it back byte for byte.

/** An unknown frontmatter key, kept in its place with its raw YAML text. */
export interface ExtraField {
  key: string;
  /** The raw text of the value as it stood in the file (after "key:"), lines joined with "\n". */
  raw: string;
}

export interface Article {
  /** Numeric article id, taken from original_url and checked against the file name. */
  id: number;
  title: string;
  /** "YYYY-MM-DD", or "" when the record has an empty date. */
  date: string;
  /** "YYYY-MM-DD hh:mm:ss" when the key is present, else undefined. */
  lastUpdated?: string;
  author: string;
  /** undefined when the key is absent. */
  category?: string;
  /** undefined when the key is absent; [] when present and empty. */
  tags?: string[];
  /**
   * The Wayback capture URL; for a record recovered from a capture that is not on the Wayback Machine
   * (a WARC file of one's own crawl), the article's URL on the original site, as original_url.
   */
  url: string;
  /**
   * The 14-digit capture timestamp taken from url, when it is a Wayback capture URL; else taken from
   * `captured`, when there is one.
   */
  captureTimestamp?: string;
  /** The article's URL on the original site. */
  originalUrl: string;
  /**
   * `captured:` when the capture is not on the Wayback Machine: when it was made, in UTC
   * ("2025-01-01T00:00:00Z", a WARC record's WARC-Date). Absent in the corpus's records.
   */
  captured?: string;
  /**
   * `capture_source:` when the capture is not on the Wayback Machine: where it is kept, e.g.
   * "warc:crawl.warc.gz#urn:uuid:…" (a WARC file's name and the record's WARC-Record-ID). Absent in
   * the corpus's records.
   */
  captureSource?: string;
  /** The Markdown body after the frontmatter, byte for byte. */
  body: string;
  /** Unknown frontmatter keys in their order. */
  extra: ExtraField[];
  /**
   * How the record was laid out in its file, so that serializeRecord gives the same bytes back.
   * Absent on records built from scratch: they are written in the corpus's conventions.
   */
  layout?: unknown;
}

/** The body split into its parts; main + footer + columnist === body, always. */
export interface BodyParts {
  /** The article text: the title heading, paragraphs and figures. */
  main: string;
  /** The subscription footer (請加入成為眾新聞的月費訂戶 …) with its rules, or "". */
  footer: string;
  /** The columnist box (avatar, name, bio) of blog columns, or "". */
  columnist: string;
}

/** One file of a source, as bytes, or the reason it could not be read. */
export type SourceEntry =
  | { path: string; bytes: Buffer; error?: undefined }
  | { path: string; bytes?: undefined; error: Error };
