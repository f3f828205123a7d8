/*
** body-inflate: an SQLite extension that inflates stored bodies (raw deflate streams, see
** src/store/prepare.ts) inside the statement that reads them, so that search's snippets get each
** body's text, or the first part of it, without a JavaScript Buffer for the compressed blob and a
** zlib stream made for every call (node:zlib's inflateRawSync makes one each time: about 2.5 µs
** of 15 µs a hit).
**
**   inflate_raw(blob)          the whole inflated stream, as a blob
**   inflate_raw(blob, n)       what the first n bytes of it inflate to (a sync flush: every whole
**                              byte of output they hold), as a blob; all of it when n >= its length
**   body_inflate_version()     BODY_INFLATE_VERSION: the store loads the extension only when it is
**                              the version its code reads (src/store/store.ts)
**
** One z_stream per connection, reset for each call; its output buffer is kept and grows as needed.
** Built by scripts/build-native.mjs into build/body-inflate.so where zlib's headers are installed
** (zlib1g-dev); without it search inflates with node:zlib, with the same results.
*/
#include "sqlite3ext.h"
SQLITE_EXTENSION_INIT1
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

/* The format of what the functions return; raise it (and src/store/store.ts's) when it changes. */
#ifndef BODY_INFLATE_VERSION
#define BODY_INFLATE_VERSION 1
#endif

typedef struct Inflater {
  z_stream z;
  int ready;
  unsigned char *out;
  size_t cap;
} Inflater;

static void inflateRaw(sqlite3_context *ctx, int nVal, sqlite3_value **apVal) {
  Inflater *s = (Inflater *)sqlite3_user_data(ctx);
  if (sqlite3_value_type(apVal[0]) == SQLITE_NULL) {
    sqlite3_result_null(ctx);
    return;
  }
  const unsigned char *in = (const unsigned char *)sqlite3_value_blob(apVal[0]);
  int n = sqlite3_value_bytes(apVal[0]);
  int limit = n;
  if (nVal > 1 && sqlite3_value_type(apVal[1]) != SQLITE_NULL) {
    sqlite3_int64 want = sqlite3_value_int64(apVal[1]);
    if (want > 0 && want < n) limit = (int)want;
  }
  if (!s->ready) {
    memset(&s->z, 0, sizeof(s->z));
    if (inflateInit2(&s->z, -15) != Z_OK) {
      sqlite3_result_error_nomem(ctx);
      return;
    }
    s->ready = 1;
  } else if (inflateReset(&s->z) != Z_OK) {
    sqlite3_result_error(ctx, "inflate_raw: zlib could not reset its stream", -1);
    return;
  }
  s->z.next_in = (unsigned char *)in;
  s->z.avail_in = (uInt)limit;
  size_t len = 0;
  for (;;) {
    if (s->cap - len < 16384) {
      size_t cap = s->cap ? s->cap * 2 : 65536;
      unsigned char *out = (unsigned char *)realloc(s->out, cap);
      if (!out) {
        sqlite3_result_error_nomem(ctx);
        return;
      }
      s->out = out;
      s->cap = cap;
    }
    s->z.next_out = s->out + len;
    s->z.avail_out = (uInt)(s->cap - len);
    int rc = inflate(&s->z, limit < n ? Z_SYNC_FLUSH : Z_FINISH);
    len = s->cap - s->z.avail_out;
    if (rc == Z_STREAM_END) break;
    /* a prefix: all its input is used and what it holds is out */
    if (limit < n && s->z.avail_in == 0 && s->z.avail_out != 0) break;
    if (rc == Z_BUF_ERROR && s->z.avail_out == 0) continue;
    if (rc != Z_OK && rc != Z_BUF_ERROR) {
      sqlite3_result_error(ctx, "inflate_raw: not a raw deflate stream", -1);
      return;
    }
    if (s->z.avail_in == 0 && s->z.avail_out != 0) {
      sqlite3_result_error(ctx, "inflate_raw: the stream ends early", -1);
      return;
    }
  }
  sqlite3_result_blob(ctx, s->out, (int)len, SQLITE_TRANSIENT);
}

static void bodyInflateVersion(sqlite3_context *ctx, int nVal, sqlite3_value **apVal) {
  (void)nVal;
  (void)apVal;
  sqlite3_result_int(ctx, BODY_INFLATE_VERSION);
}

static void freeInflater(void *p) {
  Inflater *s = (Inflater *)p;
  if (s->ready) inflateEnd(&s->z);
  free(s->out);
  free(s);
}

#ifdef _WIN32
__declspec(dllexport)
#endif
int sqlite3_bodyinflate_init(sqlite3 *db, char **pzErrMsg, const sqlite3_api_routines *pApi) {
  SQLITE_EXTENSION_INIT2(pApi);
  (void)pzErrMsg;
  Inflater *s = (Inflater *)calloc(1, sizeof(Inflater));
  if (!s) return SQLITE_NOMEM;
  int rc = sqlite3_create_function_v2(db, "inflate_raw", -1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, s,
                                      inflateRaw, 0, 0, freeInflater);
  if (rc == SQLITE_OK)
    rc = sqlite3_create_function(db, "body_inflate_version", 0, SQLITE_UTF8 | SQLITE_DETERMINISTIC, 0,
                                 bodyInflateVersion, 0, 0);
  return rc;
}
