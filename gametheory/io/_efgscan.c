/* A line scanner for big .efg files in the layout Gambit writes (optional speed-up).
 *
 * It reads the lines that gametheory/io/efg_numpy.py reads with numpy, and chance
 * moves too,
 *
 *     p "label" 1 7 "infoset" { "L" "R" } 0
 *     p "label" 2 3 "infoset" { "L" "R" } 4 "name" { 1/2, -3 }
 *     c "label" 2 "nature" { "H" 1/3 "T" 2/3 } 0
 *     t "label" 5 "name" { 1, 2 }
 *     t "label" 5
 *
 * (blank lines skipped), and fills one row of integer fields per line; anything else
 * makes scan() return None and Python falls back to the careful reader, which reports
 * errors with line and column. The checks that span lines (information sets, outcomes,
 * the shape of the tree) are done in Python on the rows, by the same code as for the
 * numpy scanner. No numpy headers: the output arrays are passed in as buffers.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

/* The fields of a line (efg_fast._scan_compiled unpacks them in this order). Positions
 * are offsets into the text; C_PAY is the line's row of payoffs, C_PROB the first of its
 * chance probabilities (-1 where there are none). */
enum {
    C_KIND, C_ARITY, C_PL, C_NUMBER, C_LA, C_LZ, C_IA, C_IZ, C_AA, C_AZ, C_OUT, C_PAY, C_PROB,
    C_COLS
};

typedef const unsigned char *ptr;

/* 1 to 18 digits at *p (stopping at end): the value, and *p moved past them. */
static int read_uint(ptr *p, ptr end, int64_t *out)
{
    ptr q = *p;
    int64_t v = 0;
    while (q < end && *q >= '0' && *q <= '9') {
        if (q - *p >= 18)
            return 0;
        v = v * 10 + (*q - '0');
        q++;
    }
    if (q == *p)
        return 0;
    *out = v;
    *p = q;
    return 1;
}

/* A quoted label starting at the quote *p: its content span, *p moved past it. */
static int read_label(ptr *p, ptr end, ptr base, int64_t *a, int64_t *z)
{
    ptr q = *p, close;
    if (q >= end || *q != '"')
        return 0;
    close = memchr(q + 1, '"', (size_t)(end - q - 1));
    if (close == NULL)
        return 0;
    *a = (int64_t)(q + 1 - base);
    *z = (int64_t)(close - base);
    *p = close + 1;
    return 1;
}

static int is_sep(unsigned char c) { return c == ' ' || c == ','; }

/* One number at *p (stopping at end): -12, 1/3 or -0.25, with at most 18 digits in
 * each part (and in all, for decimals), as numerator and denominator; *p moved past it.
 * The number must end at end or before a space or a comma. */
static int read_number(ptr *pp, ptr end, int64_t *num_out, int64_t *den_out)
{
    static const int64_t pow10[19] = {
        1LL, 10LL, 100LL, 1000LL, 10000LL, 100000LL, 1000000LL, 10000000LL, 100000000LL,
        1000000000LL, 10000000000LL, 100000000000LL, 1000000000000LL, 10000000000000LL,
        100000000000000LL, 1000000000000000LL, 10000000000000000LL, 100000000000000000LL,
        1000000000000000000LL};
    ptr p = *pp, start;
    int neg = 0;
    int64_t num, den = 1;
    if (p < end && *p == '-') {
        neg = 1;
        p++;
    }
    start = p;
    if (!read_uint(&p, end, &num))
        return 0;
    if (p < end && (*p == '/' || *p == '.')) {
        unsigned char mark = *p;
        ptr dstart = ++p;
        int64_t part;
        if (!read_uint(&p, end, &part))
            return 0;
        if (mark == '/') {
            if (part == 0)
                return 0;
            den = part;
        } else {
            int num_len = (int)(dstart - 1 - start), den_len = (int)(p - dstart);
            if (num_len + den_len > 18)
                return 0;
            den = pow10[den_len];
            num = num * den + part;
        }
    }
    if (p < end && !is_sep(*p))
        return 0; /* a letter, a second mark, a minus inside a number */
    *num_out = neg ? -num : num;
    *den_out = den;
    *pp = p;
    return 1;
}

/* The payoffs in [p, end): ' x, y ' with n numbers (read_number) separated by spaces
 * and commas, as (numerator, denominator) pairs. */
static int read_payoffs(ptr p, ptr end, int n, int64_t *out)
{
    int count = 0;
    if (p >= end || *p != ' ' || end[-1] != ' ')
        return 0;
    while (p < end) {
        if (is_sep(*p)) {
            p++;
            continue;
        }
        if (count == n || !read_number(&p, end, &out[2 * count], &out[2 * count + 1]))
            return 0;
        count++;
    }
    return count == n;
}

/* The outcome at the end of a line: '<number>' or '<number> "name" { payoffs }'. */
static int read_outcome(ptr p, ptr e, ptr base, int n, int64_t *row, int64_t *values,
                        Py_ssize_t *n_pay)
{
    int64_t a, z;
    if (!read_uint(&p, e, &row[C_OUT]))
        return 0;
    row[C_PAY] = -1;
    if (p == e)
        return 1;
    if (e - p < 2 || p[0] != ' ' || e[-1] != '}')
        return 0;
    p++;
    if (!read_label(&p, e, base, &a, &z))
        return 0;
    if (e - p < 4 || p[0] != ' ' || p[1] != '{' || e[-2] != ' ')
        return 0;
    if (!read_payoffs(p + 2, e - 1, n, values + 2 * (Py_ssize_t)n * *n_pay))
        return 0;
    row[C_PAY] = *n_pay;
    (*n_pay)++;
    return 1;
}

/* An information set's head, '<number> "label" { ', up to the first action's quote:
 * C_NUMBER, the label's span and where the actions begin; *p moved to that quote. */
static int read_set_head(ptr *pp, ptr e, ptr base, int64_t *row)
{
    ptr p = *pp;
    if (!read_uint(&p, e, &row[C_NUMBER]))
        return 0;
    if (p >= e || *p != ' ')
        return 0;
    p++;
    if (!read_label(&p, e, base, &row[C_IA], &row[C_IZ]))
        return 0;
    if (e - p < 4 || memcmp(p, " { \"", 4) != 0)
        return 0;
    p += 3;
    row[C_AA] = (int64_t)(p - base);
    *pp = p;
    return 1;
}

/* The actions from the first one's quote, '"a" "b" } ' (at chance moves with their
 * probabilities, '"a" 1/3 "b" 2/3 } ', stored in probs, at most cap pairs in all), then
 * the outcome: the end of a personal or chance move's line. */
static int read_moves(ptr p, ptr e, ptr base, int n, int chance, int64_t *row,
                      int64_t *values, Py_ssize_t *n_pay, int64_t *probs,
                      Py_ssize_t *n_probs, Py_ssize_t cap)
{
    if (chance)
        row[C_PROB] = *n_probs;
    for (;;) {
        int64_t a, z;
        if (!read_label(&p, e, base, &a, &z))
            return 0;
        if (chance) {
            if (p >= e || *p != ' ' || *n_probs >= cap)
                return 0;
            p++;
            if (!read_number(&p, e, &probs[2 * *n_probs], &probs[2 * *n_probs + 1]))
                return 0;
            (*n_probs)++;
        }
        row[C_ARITY]++;
        if (e - p >= 2 && p[0] == ' ' && p[1] == '"') {
            p++;
            continue;
        }
        if (e - p >= 3 && memcmp(p, " } ", 3) == 0)
            break;
        return 0;
    }
    row[C_AZ] = (int64_t)(p - base);
    return read_outcome(p + 3, e, base, n, row, values, n_pay);
}

static int read_line(ptr s, ptr e, ptr base, int n, int64_t *row, int64_t *values,
                     Py_ssize_t *n_pay, int64_t *probs, Py_ssize_t *n_probs, Py_ssize_t cap)
{
    ptr p;
    if (e - s < 3 || (s[0] != 'p' && s[0] != 't' && s[0] != 'c') || s[1] != ' ')
        return 0;
    memset(row, 0, C_COLS * sizeof(int64_t));
    row[C_KIND] = s[0];
    row[C_PROB] = -1;
    p = s + 2;
    if (!read_label(&p, e, base, &row[C_LA], &row[C_LZ]))
        return 0;
    if (p >= e || *p != ' ')
        return 0;
    p++;
    if (s[0] == 't')
        return read_outcome(p, e, base, n, row, values, n_pay);
    if (s[0] == 'c') /* c "label" <number> "infoset" { "a" 1/3 "b" 2/3 } <outcome>... */
        return read_set_head(&p, e, base, row) &&
               read_moves(p, e, base, n, 1, row, values, n_pay, probs, n_probs, cap);
    /* p "label" <player> <number> "infoset" { "a" "b" } <outcome>... */
    if (n <= 9) {
        if (p >= e || *p < '1' || *p > '0' + n)
            return 0;
        row[C_PL] = *p - '0';
        p++;
    } else if (!read_uint(&p, e, &row[C_PL]) || row[C_PL] < 1 || row[C_PL] > n) {
        return 0;
    }
    if (p >= e || *p != ' ')
        return 0;
    p++;
    return read_set_head(&p, e, base, row) &&
           read_moves(p, e, base, n, 0, row, values, n_pay, probs, n_probs, cap);
}

/* count_lines(buf, start, size) -> number of lines (newlines + 1). */
static PyObject *count_lines(PyObject *self, PyObject *args)
{
    Py_buffer buf;
    Py_ssize_t start, size, count = 1;
    ptr p, end;
    (void)self;
    if (!PyArg_ParseTuple(args, "y*nn", &buf, &start, &size))
        return NULL;
    if (start < 0 || size < 0 || start + size > buf.len) {
        PyBuffer_Release(&buf);
        PyErr_SetString(PyExc_ValueError, "span outside the buffer");
        return NULL;
    }
    p = (ptr)buf.buf + start;
    end = p + size;
    Py_BEGIN_ALLOW_THREADS
    while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
        count++;
        p++;
    }
    Py_END_ALLOW_THREADS
    PyBuffer_Release(&buf);
    return PyLong_FromSsize_t(count);
}

/* scan(buf, start, size, n_players, rows, values, probs)
 *     -> (lines, payoff rows, probabilities) or None.
 * rows: writable int64 buffer of C_COLS x cap (column-major; cap >= lines);
 * values: int64, cap x n x 2; probs: int64, cap x 2 (a tree has fewer edges than lines). */
static PyObject *scan(PyObject *self, PyObject *args)
{
    Py_buffer buf, rows, values, probs;
    Py_ssize_t start, size, n_lines = 0, n_pay = 0, n_probs = 0, cap;
    int n, ok = 1;
    ptr base, p, end;
    (void)self;
    if (!PyArg_ParseTuple(args, "y*nniw*w*w*", &buf, &start, &size, &n, &rows, &values, &probs))
        return NULL;
    cap = rows.len / (Py_ssize_t)(C_COLS * sizeof(int64_t));
    if (start < 0 || size < 0 || start + size > buf.len || n < 1 ||
        values.len < cap * 2 * n * (Py_ssize_t)sizeof(int64_t) ||
        probs.len < cap * 2 * (Py_ssize_t)sizeof(int64_t)) {
        PyBuffer_Release(&buf);
        PyBuffer_Release(&rows);
        PyBuffer_Release(&values);
        PyBuffer_Release(&probs);
        PyErr_SetString(PyExc_ValueError, "bad buffers for the scan");
        return NULL;
    }
    base = (ptr)buf.buf + start;
    p = base;
    end = base + size;
    Py_BEGIN_ALLOW_THREADS
    while (p < end) {
        ptr e = memchr(p, '\n', (size_t)(end - p));
        if (e == NULL)
            e = end;
        if (e > p) { /* blank lines are skipped */
            int64_t row[C_COLS];
            int c;
            if (n_lines >= cap ||
                !read_line(p, e, base, n, row, (int64_t *)values.buf, &n_pay,
                           (int64_t *)probs.buf, &n_probs, cap)) {
                ok = 0;
                break;
            }
            /* column-major: each field one contiguous array for numpy */
            for (c = 0; c < C_COLS; c++)
                ((int64_t *)rows.buf)[c * cap + n_lines] = row[c];
            n_lines++;
        }
        p = e + 1;
    }
    Py_END_ALLOW_THREADS
    PyBuffer_Release(&buf);
    PyBuffer_Release(&rows);
    PyBuffer_Release(&values);
    PyBuffer_Release(&probs);
    if (!ok)
        Py_RETURN_NONE;
    return Py_BuildValue("nnn", n_lines, n_pay, n_probs);
}

/* preorder_parents(arity, parent, depth) -> True, or None if the arities do not describe
 * one tree. Nodes are listed in preorder with their numbers of children (int64 buffers);
 * each node fills the top open child slot of a stack; depth is one more than the parent's. */
static PyObject *preorder_parents(PyObject *self, PyObject *args)
{
    Py_buffer ab, pb, db;
    Py_ssize_t n, i, top = 0;
    int64_t *arity, *parent, *depth, *node, *left;
    int ok = 1;
    (void)self;
    if (!PyArg_ParseTuple(args, "y*w*w*", &ab, &pb, &db))
        return NULL;
    n = ab.len / (Py_ssize_t)sizeof(int64_t);
    if (pb.len < ab.len || db.len < ab.len) {
        PyBuffer_Release(&ab);
        PyBuffer_Release(&pb);
        PyBuffer_Release(&db);
        PyErr_SetString(PyExc_ValueError, "parent or depth buffer too small");
        return NULL;
    }
    arity = (int64_t *)ab.buf;
    parent = (int64_t *)pb.buf;
    depth = (int64_t *)db.buf;
    node = PyMem_Malloc((size_t)(n + 1) * sizeof(int64_t));
    left = PyMem_Malloc((size_t)(n + 1) * sizeof(int64_t));
    if (node == NULL || left == NULL) {
        PyMem_Free(node);
        PyMem_Free(left);
        PyBuffer_Release(&ab);
        PyBuffer_Release(&pb);
        PyBuffer_Release(&db);
        return PyErr_NoMemory();
    }
    for (i = 0; i < n; i++) {
        if (i == 0) {
            parent[i] = -1;
            depth[i] = 0;
        } else if (top == 0) {
            ok = 0; /* a second root: the slots ran out early */
            break;
        } else {
            parent[i] = node[top - 1];
            depth[i] = depth[parent[i]] + 1;
            if (--left[top - 1] == 0)
                top--;
        }
        if (arity[i] < 0) {
            ok = 0;
            break;
        }
        if (arity[i] > 0) {
            node[top] = i;
            left[top] = arity[i];
            top++;
        }
    }
    if (top != 0)
        ok = 0; /* children missing at the end */
    PyMem_Free(node);
    PyMem_Free(left);
    PyBuffer_Release(&ab);
    PyBuffer_Release(&pb);
    PyBuffer_Release(&db);
    if (!ok)
        Py_RETURN_NONE;
    Py_RETURN_TRUE;
}

static PyMethodDef methods[] = {
    {"preorder_parents", preorder_parents, METH_VARARGS,
     "preorder_parents(arity, parent, depth) -> True, or None if not a tree"},
    {"count_lines", count_lines, METH_VARARGS, "count_lines(buf, start, size) -> lines"},
    {"scan", scan, METH_VARARGS,
     "scan(buf, start, size, n_players, rows, values, probs) -> (lines, payoff rows, "
     "probabilities) or None"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_efgscan", "Line scanner for big .efg files (see efg_fast.py).",
    -1, methods, NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC PyInit__efgscan(void) { return PyModule_Create(&module); }
