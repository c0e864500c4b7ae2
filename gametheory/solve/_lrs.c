/* Every vertex of {z >= 0, G z <= 1} by a lexicographic depth-first pivot search in
 * 128-bit integers (optional speed-up of gametheory/solve/reverse_search.py).
 *
 * The same algorithm as _python_search in reverse_search.py, step for step: the
 * fraction-free dictionary (every entry an integer minor, common denominator det),
 * the lexicographic ratio test over (rhs, slack columns), depth-first search with a
 * hash set of visited bases (bit masks), and for each vertex its label mask (the
 * variables equal to zero) mapped to the first basis that reached it. Every product,
 * difference and entry is checked (__builtin_mul_overflow, __builtin_sub_overflow, and
 * |entry| <= 2^bits - 1 with bits = 127 unless a test lowers it); on overflow
 * search() returns None and Python runs the search again in unbounded integers.
 *
 * search(G, bits, seconds) -> ([(label_mask, basis_mask), ...], visited), None on
 * overflow, or the number of bases visited (an int) when `seconds` ran out first.
 * G is a list of c rows of d positive Python ints (each must fit in 64 bits),
 * c + d <= 63; seconds < 0 means no time limit.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef __int128 i128;
typedef uint64_t u64;

typedef struct {
    int c, d, w;   /* rows, nonbasic columns, row width d + 1 (column 0 is the rhs) */
    i128 *t;       /* c rows of w entries */
    i128 det;
    i128 limit;
    int *basic;    /* variable basic in each row */
    int *nonbasic; /* variable of each column 1..d (index k - 1) */
    int *where;    /* column k >= 1 if nonbasic, -(row + 1) if basic */
    int overflow;
    /* Multi-limb mode (big != 0): each entry is stride = L + 1 words, word 0 its
     * signed length in limbs (negative for a negative number), then L limbs of its
     * magnitude, little-endian. tmp1..tmp4 hold 2 L + 2 limbs each. */
    int big, L, stride;
    u64 *bt, *bdet, *bnew, *tmp1, *tmp2, *tmp3, *tmp4, *odd;
} dict_t;

#define T(D, i, k) ((D)->t[(size_t)(i) * (D)->w + (k)])
#define BE(D, i, k) (&(D)->bt[((size_t)(i) * (D)->w + (k)) * (D)->stride])

static int checked(dict_t *D, i128 v)
{
    if (v > D->limit || v < -D->limit) {
        D->overflow = 1;
        return 0;
    }
    return 1;
}

static inline int fits64(i128 v)
{
    return v == (i128)(int64_t)v;
}

/* a * b, or overflow; products of 64-bit values cannot overflow and skip the check. */
static inline int mul(dict_t *D, i128 a, i128 b, i128 *out)
{
    if (fits64(a) && fits64(b)) {
        *out = a * b;
        return 1;
    }
    if (__builtin_mul_overflow(a, b, out)) {
        D->overflow = 1;
        return 0;
    }
    return 1;
}

/* a * b - c * e, or overflow. */
static inline int det2(dict_t *D, i128 a, i128 b, i128 c, i128 e, i128 *out)
{
    i128 x, y;
    if (!mul(D, a, b, &x) || !mul(D, c, e, &y))
        return 0;
    if (__builtin_sub_overflow(x, y, out)) {
        D->overflow = 1;
        return 0;
    }
    return 1;
}

/* Exact division by det without a 128-bit division (slow in software): det = 2^s o
 * with o odd; x / det = (x >> s) * o^-1 mod 2^128, exact because det divides x and
 * |x / det| <= |x| < 2^127 (Jebelean 1993, exact division). */
typedef struct {
    int shift;
    unsigned __int128 inverse;
} divisor_t;

static divisor_t divisor(i128 det)
{
    divisor_t out;
    unsigned __int128 o = (unsigned __int128)det, inv;
    out.shift = 0;
    while (!(o & 1)) {
        o >>= 1;
        out.shift++;
    }
    inv = o; /* correct to 3 bits; each Newton step doubles the bits */
    for (int i = 0; i < 6; i++)
        inv *= 2 - o * inv;
    out.inverse = inv;
    return out;
}

static inline i128 exact_div(i128 x, divisor_t q)
{
    return (i128)((unsigned __int128)(x >> q.shift) * q.inverse);
}

/* Compare v1 / a1 with v2 / a2 (a1, a2 > 0): -1, 0, 1, or 2 on overflow. */
static int ratio_cmp(dict_t *D, i128 v1, i128 a1, i128 v2, i128 a2)
{
    i128 x;
    if (!det2(D, v1, a2, v2, a1, &x))
        return 2;
    return (x > 0) - (x < 0);
}

static i128 column_entry(dict_t *D, int var, int i)
{
    int w = D->where[var];
    if (w > 0)
        return T(D, i, w);
    return (-w - 1 == i) ? D->det : 0;
}

/* Column k enters, row r leaves; 0 on overflow (the dictionary is then unusable). */
static int pivot(dict_t *D, int k, int r)
{
    i128 det = D->det, p = T(D, r, k);
    i128 *prow = &T(D, r, 0);
    divisor_t q = divisor(det);
    for (int i = 0; i < D->c; i++) {
        if (i == r)
            continue;
        i128 *row = &T(D, i, 0);
        i128 f = row[k];
        for (int j = 0; j < D->w; j++) {
            if (j == k)
                continue;
            i128 x;
            if (f == 0) {
                if (!mul(D, p, row[j], &x))
                    return 0;
            } else if (!det2(D, p, row[j], f, prow[j], &x)) {
                return 0;
            }
            x = exact_div(x, q);
            if (!checked(D, x))
                return 0;
            row[j] = x;
        }
        row[k] = -f;
    }
    prow[k] = det;
    D->det = p;
    int entering = D->nonbasic[k - 1], leave = D->basic[r];
    D->nonbasic[k - 1] = leave;
    D->basic[r] = entering;
    D->where[entering] = -(r + 1);
    D->where[leave] = k;
    return 1;
}


/* ---- Multi-limb integers (used when 128 bits overflow, e.g. for float payoffs) ----
 * The capacity L comes from Hadamard's bound on the minors (computed in Python), so
 * no entry can outgrow it; a longer result is still checked and reported as overflow. */

typedef unsigned __int128 u128;

static inline int64_t slen(const u64 *e)
{
    return (int64_t)e[0];
}

static inline int iabs(int64_t v)
{
    return (int)(v < 0 ? -v : v);
}

static int mag_cmp(const u64 *a, int an, const u64 *b, int bn)
{
    if (an != bn)
        return an < bn ? -1 : 1;
    for (int i = an - 1; i >= 0; i--)
        if (a[i] != b[i])
            return a[i] < b[i] ? -1 : 1;
    return 0;
}

static int mag_mul(u64 *r, const u64 *a, int an, const u64 *b, int bn)
{
    if (!an || !bn)
        return 0;
    memset(r, 0, (size_t)(an + bn) * sizeof(u64));
    for (int i = 0; i < an; i++) {
        u64 carry = 0;
        for (int j = 0; j < bn; j++) {
            u128 p = (u128)a[i] * b[j] + r[i + j] + carry;
            r[i + j] = (u64)p;
            carry = (u64)(p >> 64);
        }
        r[i + bn] = carry;
    }
    int n = an + bn;
    while (n && !r[n - 1])
        n--;
    return n;
}

static int mag_add(u64 *r, const u64 *a, int an, const u64 *b, int bn)
{
    if (an < bn) {
        const u64 *t = a;
        a = b;
        b = t;
        int tn = an;
        an = bn;
        bn = tn;
    }
    u64 carry = 0;
    for (int i = 0; i < an; i++) {
        u128 s = (u128)a[i] + (i < bn ? b[i] : 0) + carry;
        r[i] = (u64)s;
        carry = (u64)(s >> 64);
    }
    r[an] = carry;
    return an + (carry != 0);
}

/* |a| >= |b| */
static int mag_sub(u64 *r, const u64 *a, int an, const u64 *b, int bn)
{
    u64 borrow = 0;
    for (int i = 0; i < an; i++) {
        u64 bi = i < bn ? b[i] : 0;
        u64 d = a[i] - bi - borrow;
        borrow = (a[i] < bi) || (a[i] - bi < borrow);
        r[i] = d;
    }
    int n = an;
    while (n && !r[n - 1])
        n--;
    return n;
}

static int64_t s_mul(u64 *r, const u64 *a, int64_t as, const u64 *b, int64_t bs)
{
    int n = mag_mul(r, a, iabs(as), b, iabs(bs));
    return ((as < 0) != (bs < 0)) ? -n : n;
}

/* r = a - b (r distinct from a and b) */
static int64_t s_sub(u64 *r, const u64 *a, int64_t as, const u64 *b, int64_t bs)
{
    int an = iabs(as), bn = iabs(bs), n;
    int sa = as < 0, sb = bs < 0;
    if (sa != sb) {
        n = mag_add(r, a, an, b, bn);
        return sa ? -n : n;
    }
    if (mag_cmp(a, an, b, bn) >= 0) {
        n = mag_sub(r, a, an, b, bn);
        return sa ? -n : n;
    }
    n = mag_sub(r, b, bn, a, an);
    return sa ? n : -n;
}

static int s_cmp(const u64 *a, int64_t as, const u64 *b, int64_t bs)
{
    if ((as < 0) != (bs < 0) || (as == 0) != (bs == 0))
        return as < bs ? -1 : (as > bs ? 1 : 0);
    int c = mag_cmp(a, iabs(as), b, iabs(bs));
    return as < 0 ? -c : c;
}

/* The positive divisor det = 2^shift * odd, odd[0]^-1 mod 2^64. */
typedef struct {
    int shift, on;
    u64 inverse;
} divb_t;

static divb_t divisor_big(dict_t *D)
{
    divb_t q;
    const u64 *m = D->bdet + 1;
    int n = iabs(slen(D->bdet)), limb = 0;
    while (!m[limb])
        limb++;
    int bit = __builtin_ctzll(m[limb]);
    q.shift = 64 * limb + bit;
    q.on = 0;
    for (int i = limb; i < n; i++) {
        u64 lo = m[i] >> bit, hi = (bit && i + 1 < n) ? m[i + 1] << (64 - bit) : 0;
        D->odd[q.on++] = lo | hi;
    }
    while (q.on && !D->odd[q.on - 1])
        q.on--;
    u64 inv = D->odd[0];
    for (int i = 0; i < 6; i++)
        inv *= 2 - D->odd[0] * inv;
    q.inverse = inv;
    return q;
}

/* r = x / det exactly (Jebelean 1993: quotient limbs from the lowest, by the inverse
 * of the divisor's lowest limb); tmp holds x >> shift and is consumed. */
static int64_t s_divexact(dict_t *D, u64 *r, u64 *tmp, const u64 *x, int64_t xs, divb_t q)
{
    int xn = iabs(xs);
    if (!xn)
        return 0;
    int ls = q.shift / 64, bs = q.shift % 64, tn = xn - ls;
    for (int i = 0; i < tn; i++) {
        u64 lo = x[i + ls] >> bs, hi = (bs && i + ls + 1 < xn) ? x[i + ls + 1] << (64 - bs) : 0;
        tmp[i] = lo | hi;
    }
    while (tn && !tmp[tn - 1])
        tn--;
    int qn = tn - q.on + 1;
    if (qn <= 0) {
        D->overflow = 1; /* not divisible: cannot happen for exact Bareiss steps */
        return 0;
    }
    for (int i = 0; i < qn; i++) {
        u64 qi = tmp[i] * q.inverse, carry = 0;
        r[i] = qi;
        for (int j = 0; j < q.on; j++) {
            u128 p = (u128)qi * D->odd[j] + carry;
            u64 lo = (u64)p, t = tmp[i + j];
            carry = (u64)(p >> 64) + (t < lo);
            tmp[i + j] = t - lo;
        }
        for (int j = i + q.on; carry && j < tn; j++) {
            u64 t = tmp[j];
            tmp[j] = t - carry;
            carry = t < carry;
        }
    }
    while (qn && !r[qn - 1])
        qn--;
    return xs < 0 ? -qn : qn;
}

static void e_set(dict_t *D, u64 *dst, const u64 *mag, int64_t len)
{
    int n = iabs(len);
    if (n > D->L) {
        D->overflow = 1;
        return;
    }
    dst[0] = (u64)len;
    memcpy(dst + 1, mag, (size_t)n * sizeof(u64));
}

static const u64 zero_entry[1] = {0};

static const u64 *column_entry_big(dict_t *D, int var, int i)
{
    int w = D->where[var];
    if (w > 0)
        return BE(D, i, w);
    return (-w - 1 == i) ? D->bdet : zero_entry;
}

/* v1 / a1 against v2 / a2 (a1, a2 > 0): the sign of v1 a2 - v2 a1. */
static int ratio_cmp_big(dict_t *D, const u64 *v1, const u64 *a1, const u64 *v2, const u64 *a2)
{
    int64_t n1 = s_mul(D->tmp1, v1 + 1, slen(v1), a2 + 1, slen(a2));
    int64_t n2 = s_mul(D->tmp2, v2 + 1, slen(v2), a1 + 1, slen(a1));
    return s_cmp(D->tmp1, n1, D->tmp2, n2);
}

/* The sign of v_i a_j - v_j a_i (rows i, j; a the entering column k; v column col, or
 * the column of variable var where col < 0), in the dictionary's own integers; 2 on
 * overflow (128-bit only). */
static int row_cmp(dict_t *D, int k, int col, int var, int i, int j)
{
    if (D->big) {
        const u64 *vi = col >= 0 ? BE(D, i, col) : column_entry_big(D, var, i);
        const u64 *vj = col >= 0 ? BE(D, j, col) : column_entry_big(D, var, j);
        return ratio_cmp_big(D, vi, BE(D, i, k), vj, BE(D, j, k));
    }
    i128 vi = col >= 0 ? T(D, i, col) : column_entry(D, var, i);
    i128 vj = col >= 0 ? T(D, j, col) : column_entry(D, var, j);
    return ratio_cmp(D, vi, T(D, i, k), vj, T(D, j, k));
}

/* The leaving row for entering column k by the lexicographic ratio test (rhs, then the
 * columns of the slacks in turn), -1 on overflow, -2 if none or a tie. best[0] (tie[0])
 * is always a row of the least ratio so far. */
static int leaving(dict_t *D, int k, int *best, int *tie)
{
    int nb = 0;
    for (int i = 0; i < D->c; i++) {
        if (D->big ? slen(BE(D, i, k)) <= 0 : T(D, i, k) <= 0)
            continue;
        if (nb == 0) {
            best[nb++] = i;
            continue;
        }
        int s = row_cmp(D, k, 0, 0, i, best[0]);
        if (s == 2)
            return -1;
        if (s < 0)
            nb = 0;
        if (s <= 0)
            best[nb++] = i;
    }
    if (nb == 0)
        return -2;
    for (int j = 0; j < D->c && nb > 1; j++) {
        int n = 0;
        for (int q = 0; q < nb; q++) {
            int i = best[q];
            if (n == 0) {
                tie[n++] = i;
                continue;
            }
            int s = row_cmp(D, k, -1, D->d + j, i, tie[0]);
            if (s == 2)
                return -1;
            if (s < 0)
                n = 0;
            if (s <= 0)
                tie[n++] = i;
        }
        memcpy(best, tie, (size_t)n * sizeof(int));
        nb = n;
    }
    return nb == 1 ? best[0] : -2;
}

static int pivot_big(dict_t *D, int k, int r)
{
    u64 *prow = BE(D, r, 0), *pk = BE(D, r, k);
    memcpy(D->bnew, pk, (size_t)D->stride * sizeof(u64)); /* the new det, p */
    const u64 *p = D->bnew;
    divb_t q = divisor_big(D);
    for (int i = 0; i < D->c; i++) {
        if (i == r)
            continue;
        u64 *f = BE(D, i, k);
        for (int j = 0; j < D->w; j++) {
            if (j == k)
                continue;
            u64 *e = BE(D, i, j);
            int64_t n = s_mul(D->tmp1, p + 1, slen(p), e + 1, slen(e));
            const u64 *x = D->tmp1;
            if (slen(f)) {
                const u64 *w = prow + (size_t)j * D->stride;
                int64_t m = s_mul(D->tmp2, f + 1, slen(f), w + 1, slen(w));
                n = s_sub(D->tmp3, D->tmp1, n, D->tmp2, m);
                x = D->tmp3;
            }
            n = s_divexact(D, D->tmp4, D->tmp2, x, n, q);
            e_set(D, e, D->tmp4, n);
            if (D->overflow)
                return 0;
        }
        f[0] = (u64)(-slen(f));
    }
    memcpy(pk, D->bdet, (size_t)D->stride * sizeof(u64));
    memcpy(D->bdet, D->bnew, (size_t)D->stride * sizeof(u64));
    int entering = D->nonbasic[k - 1], leave = D->basic[r];
    D->nonbasic[k - 1] = leave;
    D->basic[r] = entering;
    D->where[entering] = -(r + 1);
    D->where[leave] = k;
    return 1;
}

/* Open-addressing hash map from nonzero u64 keys to u64 values. */
typedef struct {
    u64 *keys, *vals;
    size_t cap, size;
} map_t;

static u64 mix(u64 x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ULL;
    x ^= x >> 33;
    return x;
}

static int map_init(map_t *m, size_t cap)
{
    m->cap = cap;
    m->size = 0;
    m->keys = calloc(cap, sizeof(u64));
    m->vals = calloc(cap, sizeof(u64));
    return m->keys != NULL && m->vals != NULL;
}

static void map_free(map_t *m)
{
    free(m->keys);
    free(m->vals);
}

/* Insert key -> val unless present: 1 if inserted, 0 if present, -1 out of memory. */
static int map_add(map_t *m, u64 key, u64 val)
{
    if (2 * (m->size + 1) > m->cap) {
        map_t bigger;
        if (!map_init(&bigger, 2 * m->cap))
            return -1;
        for (size_t s = 0; s < m->cap; s++)
            if (m->keys[s])
                map_add(&bigger, m->keys[s], m->vals[s]);
        map_free(m);
        *m = bigger;
    }
    size_t s = mix(key) & (m->cap - 1);
    while (m->keys[s]) {
        if (m->keys[s] == key)
            return 0;
        s = (s + 1) & (m->cap - 1);
    }
    m->keys[s] = key;
    m->vals[s] = val;
    m->size++;
    return 1;
}

static u64 zero_mask(dict_t *D, u64 basis)
{
    int nvar = D->c + D->d;
    u64 mask = (((u64)1 << nvar) - 1) ^ basis;
    for (int i = 0; i < D->c; i++)
        if (D->big ? slen(BE(D, i, 0)) == 0 : T(D, i, 0) == 0)
            mask |= (u64)1 << D->basic[i];
    return mask;
}

typedef struct {
    int next, k, r;
} frame_t;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* The search: 0 done, 1 overflow, 2 out of memory, 3 internal error, 4 out of time
 * (seconds < 0: no limit; the clock is read every 256 bases, the first time at once). */

/* Snapshots of the dictionary along the search path: going back to a parent copies
 * its dictionary back instead of pivoting back, which halves the arithmetic. Slot
 * depth % max_slots holds the dictionary at that depth, tagged with the depth; a
 * deeper path overwrites it (the tag changes) and then the search pivots back. */
#define SNAPSHOT_BUDGET ((size_t)128 << 20)

typedef struct {
    size_t table, det, bytes, slots, max_slots;
    unsigned char *buf;
    long *tag;
} snaps_t;

static void snaps_init(dict_t *D, snaps_t *S)
{
    size_t entries = (size_t)D->c * D->w;
    S->table = D->big ? entries * D->stride * sizeof(u64) : entries * sizeof(i128);
    S->det = D->big ? (size_t)D->stride * sizeof(u64) : sizeof(i128);
    S->bytes = S->table + S->det + (size_t)(2 * (D->c + D->d)) * sizeof(int);
    S->max_slots = SNAPSHOT_BUDGET / S->bytes;
    if (S->max_slots < 1)
        S->max_slots = 1;
    S->slots = 0;
    S->buf = NULL;
    S->tag = NULL;
}

static void snap_copy(dict_t *D, snaps_t *S, size_t slot, int save)
{
    unsigned char *p = S->buf + slot * S->bytes;
    void *table = D->big ? (void *)D->bt : (void *)D->t;
    void *det = D->big ? (void *)D->bdet : (void *)&D->det;
    void *parts[5] = {table, det, D->basic, D->nonbasic, D->where};
    size_t sizes[5] = {S->table, S->det, (size_t)D->c * sizeof(int), (size_t)D->d * sizeof(int),
                       (size_t)(D->c + D->d) * sizeof(int)};
    for (int i = 0; i < 5; i++) {
        if (save)
            memcpy(p, parts[i], sizes[i]);
        else
            memcpy(parts[i], p, sizes[i]);
        p += sizes[i];
    }
}

/* Save the current dictionary as the one at depth t (skipped if memory is short). */
static void snap_save(dict_t *D, snaps_t *S, size_t t)
{
    size_t slot = t % S->max_slots;
    if (slot >= S->slots) {
        size_t want = 2 * S->slots > slot + 1 ? 2 * S->slots : slot + 1;
        if (want > S->max_slots)
            want = S->max_slots;
        unsigned char *buf = realloc(S->buf, want * S->bytes);
        if (!buf)
            return;
        S->buf = buf;
        long *tag = realloc(S->tag, want * sizeof(long));
        if (!tag)
            return;
        S->tag = tag;
        for (size_t i = S->slots; i < want; i++)
            S->tag[i] = -1;
        S->slots = want;
    }
    snap_copy(D, S, slot, 1);
    S->tag[slot] = (long)t;
}

/* Restore the dictionary at depth t if its snapshot is still there. */
static int snap_load(dict_t *D, snaps_t *S, size_t t)
{
    size_t slot = t % S->max_slots;
    if (slot >= S->slots || S->tag[slot] != (long)t)
        return 0;
    snap_copy(D, S, slot, 0);
    return 1;
}

static int run(dict_t *D, map_t *seen, map_t *found, double seconds)
{
    snaps_t S;
    snaps_init(D, &S);
    double deadline = now() + seconds;
    size_t steps = 0;
    int c = D->c, d = D->d, status = 0;
    u64 basis = (((u64)1 << c) - 1) << d;
    size_t cap = 1024, top = 0;
    frame_t *stack = malloc(cap * sizeof(frame_t));
    int *best = malloc((size_t)c * sizeof(int)), *tie = malloc((size_t)c * sizeof(int));
    if (!stack || !best || !tie) {
        status = 2;
        goto done;
    }
    if (map_add(seen, basis, 1) < 0 || map_add(found, zero_mask(D, basis), basis) < 0) {
        status = 2;
        goto done;
    }
    stack[top++] = (frame_t){1, 0, 0};
    while (top) {
        if (seconds >= 0 && (steps++ & 255) == 0 && now() >= deadline) {
            status = 4;
            goto done;
        }
        frame_t *f = &stack[top - 1];
        if (f->next > d) {
            if (f->k) {
                basis ^= ((u64)1 << D->nonbasic[f->k - 1]) | ((u64)1 << D->basic[f->r]);
                if (!snap_load(D, &S, top - 2) &&
                    !(D->big ? pivot_big(D, f->k, f->r) : pivot(D, f->k, f->r))) {
                    status = 1;
                    goto done;
                }
            }
            top--;
            continue;
        }
        int k = f->next++;
        int r = leaving(D, k, best, tie);
        if (r == -1) {
            status = 1;
            goto done;
        }
        if (r < 0) {
            status = 3;
            goto done;
        }
        u64 nxt = basis ^ ((u64)1 << D->nonbasic[k - 1]) ^ ((u64)1 << D->basic[r]);
        int added = map_add(seen, nxt, 1);
        if (added < 0) {
            status = 2;
            goto done;
        }
        if (!added)
            continue;
        snap_save(D, &S, top - 1);
        if (!(D->big ? pivot_big(D, k, r) : pivot(D, k, r))) {
            status = 1;
            goto done;
        }
        basis = nxt;
        if (map_add(found, zero_mask(D, basis), basis) < 0) {
            status = 2;
            goto done;
        }
        if (top == cap) {
            frame_t *more = realloc(stack, 2 * cap * sizeof(frame_t));
            if (!more) {
                status = 2;
                goto done;
            }
            stack = more;
            cap *= 2;
        }
        stack[top++] = (frame_t){1, k, r};
    }
done:
    free(stack);
    free(best);
    free(tie);
    free(S.buf);
    free(S.tag);
    return status;
}

/* The found vertices as a list, and the bases visited; or the out-of-time count. */
static PyObject *results(int status, map_t *seen, map_t *found)
{
    if (status == 1)
        Py_RETURN_NONE;
    if (status == 2)
        return PyErr_NoMemory();
    if (status == 3) {
        PyErr_SetString(PyExc_RuntimeError, "lexicographic ratio test failed");
        return NULL;
    }
    if (status == 4)
        return PyLong_FromSsize_t((Py_ssize_t)seen->size);
    PyObject *pairs = PyList_New(0);
    if (!pairs)
        return NULL;
    for (size_t s = 0; s < found->cap; s++) {
        if (!found->keys[s])
            continue;
        PyObject *item = Py_BuildValue("(KK)", (unsigned long long)found->keys[s],
                                       (unsigned long long)found->vals[s]);
        if (!item || PyList_Append(pairs, item) < 0) {
            Py_XDECREF(item);
            Py_DECREF(pairs);
            return NULL;
        }
        Py_DECREF(item);
    }
    return Py_BuildValue("(Nn)", pairs, (Py_ssize_t)seen->size);
}

static PyObject *search(PyObject *self, PyObject *args)
{
    PyObject *g, *result = NULL;
    int bits;
    double seconds;
    (void)self;
    if (!PyArg_ParseTuple(args, "O!id", &PyList_Type, &g, &bits, &seconds))
        return NULL;
    Py_ssize_t c = PyList_GET_SIZE(g);
    if (c < 1 || !PyList_Check(PyList_GET_ITEM(g, 0)))
        return PyErr_Format(PyExc_ValueError, "G must be a nonempty list of lists");
    Py_ssize_t d = PyList_GET_SIZE(PyList_GET_ITEM(g, 0));
    if (d < 1 || c + d > 63)
        Py_RETURN_NONE;
    if (bits < 2 || bits > 127)
        return PyErr_Format(PyExc_ValueError, "bits must be in 2..127, not %d", bits);
    dict_t D;
    memset(&D, 0, sizeof D);
    D.c = (int)c;
    D.d = (int)d;
    D.w = (int)d + 1;
    D.det = 1;
    D.limit = (bits == 127) ? (i128)(((unsigned __int128)1 << 127) - 1)
                            : (((i128)1 << bits) - 1);
    D.t = malloc((size_t)(c * (d + 1)) * sizeof(i128));
    D.basic = malloc((size_t)c * sizeof(int));
    D.nonbasic = malloc((size_t)d * sizeof(int));
    D.where = malloc((size_t)(c + d) * sizeof(int));
    map_t seen = {0}, found = {0};
    if (!D.t || !D.basic || !D.nonbasic || !D.where || !map_init(&seen, 1024) ||
        !map_init(&found, 1024)) {
        PyErr_NoMemory();
        goto out;
    }
    for (Py_ssize_t i = 0; i < c; i++) {
        PyObject *row = PyList_GET_ITEM(g, i);
        if (!PyList_Check(row) || PyList_GET_SIZE(row) != d) {
            PyErr_SetString(PyExc_ValueError, "G must be a list of rows of equal length");
            goto out;
        }
        T(&D, i, 0) = 1;
        for (Py_ssize_t j = 0; j < d; j++) {
            int over = 0;
            long long v = PyLong_AsLongLongAndOverflow(PyList_GET_ITEM(row, j), &over);
            if (v == -1 && PyErr_Occurred())
                goto out;
            if (over || !checked(&D, (i128)v)) {
                result = Py_None;
                Py_INCREF(result);
                goto out;
            }
            T(&D, i, j + 1) = v;
        }
        D.basic[i] = (int)(d + i);
        D.where[d + i] = -(int)(i + 1);
    }
    for (Py_ssize_t k = 0; k < d; k++) {
        D.nonbasic[k] = (int)k;
        D.where[k] = (int)(k + 1);
    }
    int status;
    Py_BEGIN_ALLOW_THREADS
    status = run(&D, &seen, &found, seconds);
    Py_END_ALLOW_THREADS
    result = results(status, &seen, &found);
out:
    free(D.t);
    free(D.basic);
    free(D.nonbasic);
    free(D.where);
    map_free(&seen);
    map_free(&found);
    return result;
}

/* search_big(G_bytes, c, d, in_limbs, L, seconds): G's entries as in_limbs 64-bit
 * little-endian limbs each (row by row), L the limb capacity of an entry. */
static PyObject *search_big(PyObject *self, PyObject *args)
{
    Py_buffer buf;
    int c, d, in_limbs, L;
    double seconds;
    PyObject *result = NULL;
    (void)self;
    if (!PyArg_ParseTuple(args, "y*iiiid", &buf, &c, &d, &in_limbs, &L, &seconds))
        return NULL;
    if (c < 1 || d < 1 || c + d > 63 || in_limbs < 1 || L < in_limbs ||
        buf.len != (Py_ssize_t)c * d * in_limbs * 8) {
        PyBuffer_Release(&buf);
        return PyErr_Format(PyExc_ValueError, "search_big: inconsistent sizes");
    }
    dict_t D;
    memset(&D, 0, sizeof D);
    D.c = c;
    D.d = d;
    D.w = d + 1;
    D.big = 1;
    D.L = L;
    D.stride = L + 1;
    size_t wide = (size_t)(2 * L + 2);
    D.bt = calloc((size_t)c * (d + 1) * D.stride, sizeof(u64));
    D.bdet = calloc((size_t)D.stride, sizeof(u64));
    D.bnew = calloc((size_t)D.stride, sizeof(u64));
    D.odd = calloc((size_t)D.stride, sizeof(u64));
    D.tmp1 = calloc(wide, sizeof(u64));
    D.tmp2 = calloc(wide, sizeof(u64));
    D.tmp3 = calloc(wide + 1, sizeof(u64));
    D.tmp4 = calloc(wide, sizeof(u64));
    D.basic = malloc((size_t)c * sizeof(int));
    D.nonbasic = malloc((size_t)d * sizeof(int));
    D.where = malloc((size_t)(c + d) * sizeof(int));
    map_t seen = {0}, found = {0};
    if (!D.bt || !D.bdet || !D.bnew || !D.odd || !D.tmp1 || !D.tmp2 || !D.tmp3 || !D.tmp4 ||
        !D.basic || !D.nonbasic || !D.where || !map_init(&seen, 1024) || !map_init(&found, 1024)) {
        PyErr_NoMemory();
        goto out;
    }
    const u64 *g = (const u64 *)buf.buf;
    D.bdet[0] = 1;
    D.bdet[1] = 1;
    for (int i = 0; i < c; i++) {
        u64 *rhs = BE(&D, i, 0);
        rhs[0] = 1;
        rhs[1] = 1;
        for (int j = 0; j < d; j++) {
            u64 *e = BE(&D, i, j + 1);
            const u64 *src = g + ((size_t)i * d + j) * in_limbs;
            int n = in_limbs;
            memcpy(e + 1, src, (size_t)n * sizeof(u64));
            while (n && !e[n])
                n--;
            e[0] = (u64)n;
        }
        D.basic[i] = d + i;
        D.where[d + i] = -(i + 1);
    }
    for (int k = 0; k < d; k++) {
        D.nonbasic[k] = k;
        D.where[k] = k + 1;
    }
    int status;
    Py_BEGIN_ALLOW_THREADS
    status = run(&D, &seen, &found, seconds);
    Py_END_ALLOW_THREADS
    result = results(status, &seen, &found);
out:
    PyBuffer_Release(&buf);
    free(D.bt);
    free(D.bdet);
    free(D.bnew);
    free(D.odd);
    free(D.tmp1);
    free(D.tmp2);
    free(D.tmp3);
    free(D.tmp4);
    free(D.basic);
    free(D.nonbasic);
    free(D.where);
    map_free(&seen);
    map_free(&found);
    return result;
}

static PyMethodDef methods[] = {
    {"search", search, METH_VARARGS,
     "search(G, bits, seconds) -> ([(label_mask, basis_mask), ...], visited); None on "
     "overflow; the bases visited (int) when out of time"},
    {"search_big", search_big, METH_VARARGS,
     "search_big(G_bytes, c, d, in_limbs, L, seconds): the same in multi-limb integers"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_lrs",
    "Lexicographic vertex search in 128-bit integers (see reverse_search.py).", -1, methods,
};

PyMODINIT_FUNC PyInit__lrs(void)
{
    return PyModule_Create(&module);
}
