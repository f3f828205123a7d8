/*
** phrase-freqs: an SQLite extension with FTS5 auxiliary functions, so that search can compute
** FTS5's BM25 itself (src/search/bm25.ts) without the two costs of FTS5's bm25() that do not depend
** on the query: reading each hit's length from the %_docsize table (a B-tree lookup per row; search
** keeps the lengths in memory) and scanning each phrase's whole list again for its document count.
**
**   phrase_freqs(fts, w0, w1, ...)  each phrase's frequency in the row, weighted by column as
**                                   bm25() weighs it, as text: "f0,f1,..." (integers when the
**                                   weights are)
**   fts5_stats(fts)                 "nRow nToken": rows and tokens of the table, bm25()'s N and
**                                   the sum behind its average document length
**   phrase_freqs_at(fts, col, w0, ...)  the same, then the token offset of the row's first match
**                                   in column col, -1 when it has none there: where a snippet's
**                                   window will be
**   id_list(rowid)                  an aggregate: the rowids as native-endian 32-bit integers in
**                                   one blob (NULL for none), which search reads as an Int32Array
**                                   without parsing group_concat's digits (香港's 31,530 ids:
**                                   1.04 ms instead of 1.64 ms)
**   phrase_freqs_version()          PHRASE_FREQS_VERSION: the store loads the extension only when
**                                   it is the version its code reads (src/store/store.ts), so a
**                                   build left from another version cannot give wrong scores
**
** Built by scripts/build-native.mjs into build/phrase-freqs.so; without it search uses bm25().
*/
#include "sqlite3ext.h"
SQLITE_EXTENSION_INIT1
#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

/* The format of what the functions return; raise it (and src/store/store.ts's) when it changes. */
#ifndef PHRASE_FREQS_VERSION
#define PHRASE_FREQS_VERSION 4
#endif

/*
** Each phrase's weighted frequency in the row; with firstCol >= 0, then the token offset of the
** row's first match in that column (-1: none there). Instances come in column and offset order,
** but the least offset is taken whatever the order.
*/
static void freqsOf(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx, int firstCol,
                    int nWeight, sqlite3_value **weights) {
  int nPhrase = api->xPhraseCount(fts);
  double freq[64];
  if (nPhrase > 64) {
    sqlite3_result_error(ctx, "phrase_freqs: more than 64 phrases", -1);
    return;
  }
  memset(freq, 0, sizeof(freq));
  int first = -1;
  int nInst = 0;
  int rc = api->xInstCount(fts, &nInst);
  for (int i = 0; rc == SQLITE_OK && i < nInst; i++) {
    int ip, ic, io;
    rc = api->xInst(fts, i, &ip, &ic, &io);
    if (rc != SQLITE_OK) break;
    freq[ip] += (nWeight > ic) ? sqlite3_value_double(weights[ic]) : 1.0;
    if (ic == firstCol && (first < 0 || io < first)) first = io;
  }
  if (rc != SQLITE_OK) {
    sqlite3_result_error_code(ctx, rc);
    return;
  }
  char out[64 * 26 + 16];
  int n = 0;
  for (int i = 0; i < nPhrase; i++) {
    double f = freq[i];
    if (f == floor(f) && fabs(f) < 1e15) n += snprintf(out + n, sizeof(out) - n, i ? ",%lld" : "%lld", (long long)f);
    else n += snprintf(out + n, sizeof(out) - n, i ? ",%.17g" : "%.17g", f);
  }
  if (firstCol >= 0) n += snprintf(out + n, sizeof(out) - n, ",%d", first);
  sqlite3_result_text(ctx, out, n, SQLITE_TRANSIENT);
}

static void phraseFreqs(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx, int nVal,
                        sqlite3_value **apVal) {
  freqsOf(api, fts, ctx, -1, nVal, apVal);
}

static void phraseFreqsAt(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx, int nVal,
                          sqlite3_value **apVal) {
  if (nVal < 1) {
    sqlite3_result_error(ctx, "phrase_freqs_at: no column", -1);
    return;
  }
  freqsOf(api, fts, ctx, sqlite3_value_int(apVal[0]), nVal - 1, apVal + 1);
}

static void fts5Stats(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx, int nVal,
                      sqlite3_value **apVal) {
  sqlite3_int64 nRow = 0, nToken = 0;
  int rc = api->xRowCount(fts, &nRow);
  if (rc == SQLITE_OK) rc = api->xColumnTotalSize(fts, -1, &nToken);
  if (rc != SQLITE_OK) {
    sqlite3_result_error_code(ctx, rc);
    return;
  }
  char out[48];
  int n = snprintf(out, sizeof(out), "%lld %lld", (long long)nRow, (long long)nToken);
  sqlite3_result_text(ctx, out, n, SQLITE_TRANSIENT);
}

typedef struct IdList {
  int *ids;
  int n;
  int cap;
} IdList;

static void idListStep(sqlite3_context *ctx, int nVal, sqlite3_value **apVal) {
  (void)nVal;
  IdList *list = (IdList *)sqlite3_aggregate_context(ctx, sizeof(IdList));
  if (!list) {
    sqlite3_result_error_nomem(ctx);
    return;
  }
  sqlite3_int64 id = sqlite3_value_int64(apVal[0]);
  if (id < -2147483647 - 1 || id > 2147483647) {
    sqlite3_result_error(ctx, "id_list: a rowid beyond 32 bits", -1);
    return;
  }
  if (list->n == list->cap) {
    int cap = list->cap ? list->cap * 2 : 1024;
    int *ids = (int *)realloc(list->ids, (size_t)cap * sizeof(int));
    if (!ids) {
      sqlite3_result_error_nomem(ctx);
      return;
    }
    list->ids = ids;
    list->cap = cap;
  }
  list->ids[list->n++] = (int)id;
}

static void idListFinal(sqlite3_context *ctx) {
  IdList *list = (IdList *)sqlite3_aggregate_context(ctx, 0);
  if (!list || list->n == 0) {
    if (list) free(list->ids);
    sqlite3_result_null(ctx);
    return;
  }
  /* SQLite owns the buffer from here and frees it with free() */
  sqlite3_result_blob(ctx, list->ids, list->n * (int)sizeof(int), free);
}

static void phraseFreqsVersion(sqlite3_context *ctx, int nVal, sqlite3_value **apVal) {
  (void)nVal;
  (void)apVal;
  sqlite3_result_int(ctx, PHRASE_FREQS_VERSION);
}

static fts5_api *fts5ApiOf(sqlite3 *db) {
  fts5_api *api = 0;
  sqlite3_stmt *stmt = 0;
  if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &stmt, 0) == SQLITE_OK) {
    sqlite3_bind_pointer(stmt, 1, (void *)&api, "fts5_api_ptr", 0);
    sqlite3_step(stmt);
  }
  sqlite3_finalize(stmt);
  return api;
}

#ifdef _WIN32
__declspec(dllexport)
#endif
int sqlite3_phrasefreqs_init(sqlite3 *db, char **pzErrMsg, const sqlite3_api_routines *pApi) {
  SQLITE_EXTENSION_INIT2(pApi);
  fts5_api *api = fts5ApiOf(db);
  if (api == 0 || api->iVersion < 2) {
    *pzErrMsg = sqlite3_mprintf("phrase-freqs: this SQLite has no FTS5");
    return SQLITE_ERROR;
  }
  int rc = api->xCreateFunction(api, "phrase_freqs", 0, phraseFreqs, 0);
  if (rc == SQLITE_OK) rc = api->xCreateFunction(api, "fts5_stats", 0, fts5Stats, 0);
  if (rc == SQLITE_OK) rc = api->xCreateFunction(api, "phrase_freqs_at", 0, phraseFreqsAt, 0);
  if (rc == SQLITE_OK)
    rc = sqlite3_create_function(db, "id_list", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, 0, 0, idListStep,
                                 idListFinal);
  if (rc == SQLITE_OK)
    rc = sqlite3_create_function(db, "phrase_freqs_version", 0, SQLITE_UTF8 | SQLITE_DETERMINISTIC, 0,
                                 phraseFreqsVersion, 0, 0);
  return rc;
}
