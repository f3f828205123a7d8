// What search says of a query it could not take as typed (an unclosed quote, a date that is no date,
// a prefix that is no filter): a code with its values, said in English here (result.warnings, which
// the JSON API and the CLI give) and by the reader in its page's language (src/web/i18n.ts has a
// sentence for every code).

/** The English sentence of each note, from its values. */
export const NOTE_TEXT = {
  unclosedQuote: () => 'a quote was not closed; the rest of the query was read as one phrase',
  notAFilter: (prefix: string, filters: string) =>
    `"${prefix}:" is not a filter (use ${filters}); it was searched as text`,
  noLetters: (text: string) => `"${text}" has no letters or digits to search for; it was ignored`,
  controlCharacter: (shown: string) =>
    `the control character ${shown} has no letters or digits to search for; it was ignored`,
  controlCharacters: (shown: string) =>
    `the control characters ${shown} have no letters or digits to search for; they were ignored`,
  shortened: (max: string) => `the query was shortened to its first ${max} characters`,
  notADate: (label: string) => `"${label}" is not a date (use YYYY, YYYY-MM or YYYY-MM-DD); it was ignored`,
  strayOr: () => 'OR needs a term on each side; a stray OR was ignored',
  trailingOr: () => 'OR needs a term on each side; a trailing OR was ignored',
  lowercaseOr: (typed: string) =>
    `"${typed}" was searched as a word that every hit contains; write OR in capitals for either term`,
  filterNegated: (label: string) => `"-${label}": a date range cannot be excluded; it was used as a filter`,
  orWithFilter: () => 'OR between a term and a filter is not supported; the OR was ignored',
  noDates: (label: string) => `"${label}" gives no dates; it was ignored`,
  noValue: (label: string) => `"${label}" has no value; it was ignored`,
  notAnId: (label: string) => `"${label}" is not an article number (id:174); it was ignored`,
  tooManyTerms: (max: string) => `only the first ${max} terms were used`,
  orBeforeExcluded: () => 'OR before an excluded term was ignored',
  emptyRange: (from: string, to: string) =>
    `the date range ${from}..${to} is empty (the start is after the end)`,
  onlyExcluded: () => 'a query of only excluded terms matches nothing; add a term or a filter',
  notRun: (message: string) => `the query could not be run: ${message}`,
} satisfies Record<string, (...values: string[]) => string>;

export type NoteCode = keyof typeof NOTE_TEXT;

/** A note on a query: what it is, and the values its sentence names. */
export interface QueryNote {
  code: NoteCode;
  values: string[];
}

/** The English sentence of a note. */
export function noteText(note: QueryNote): string {
  return (NOTE_TEXT[note.code] as (...values: string[]) => string)(...note.values);
}

/**
 * The notes of a query as they are made: `warnings` (English) and `notes` (codes), one for one; a
 * note said already is not said again.
 */
export class Notes {
  readonly warnings: string[] = [];
  readonly notes: QueryNote[] = [];

  add(code: NoteCode, ...values: string[]): void {
    pushNote(this.warnings, this.notes, { code, values });
  }
}

/** Adds a note to English warnings and their codes, one for one, unless it is said already. */
export function pushNote(warnings: string[], notes: QueryNote[], note: QueryNote): void {
  const text = noteText(note);
  if (warnings.includes(text)) return;
  warnings.push(text);
  notes.push(note);
}
