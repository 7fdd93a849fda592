#include "output.h"

#include "diag.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>

#define LOCK_NAME ".cocprint.lock"
#define LOCK_WAIT_S 10

typedef struct {
    char *name;
    int fd;     // an unnamed file (O_TMPFILE) holding the data, or -1
    char *tmp;  // set once written
    char *old;  // the file it replaces, kept until every rename succeeded
    bool moved; // OLD is DEST moved aside (no hard links), not a second name
    bool placed;
    GBytes *data;
} File;

struct CpOutput {
    char *dir;
    GArray *files; // File
    bool (*ours)(const char *name);
    GPtrArray *made; // folders this run created, outermost first
    int lock;        // the lock file, held from output_lock to output_destroy; or -1
    bool committed;  // something was placed: the folders stay
};

CpOutput *output_create(const char *dir, bool (*ours)(const char *name))
{
    CpOutput *o = g_new0(CpOutput, 1);
    o->dir = g_strdup(dir);
    o->files = g_array_new(FALSE, TRUE, sizeof(File));
    o->ours = ours;
    o->made = g_ptr_array_new_with_free_func(g_free);
    o->lock = -1;
    return o;
}

static void clear_files(CpOutput *o)
{
    for (guint i = 0; i < o->files->len; i++) {
        File *f = &g_array_index(o->files, File, i);
        g_free(f->name);
        g_free(f->tmp);
        g_free(f->old);
        g_bytes_unref(f->data);
    }
    g_array_set_size(o->files, 0);
}

void output_destroy(CpOutput *o)
{
    if (!o)
        return;
    clear_files(o);
    if (o->lock >= 0) {
        // Removed while still held: the folder is left with the outputs
        // only. A run waiting on this file finds it gone once it gets the
        // lock, and takes a new one (take_lock).
        char *path = g_build_filename(o->dir, LOCK_NAME, NULL);
        g_unlink(path);
        g_free(path);
        close(o->lock);
    }
    for (guint i = o->made->len; !o->committed && i > 0; i--)
        g_rmdir(o->made->pdata[i - 1]);
    g_array_free(o->files, TRUE);
    g_ptr_array_free(o->made, TRUE);
    g_free(o->dir);
    g_free(o);
}

const char *output_dir(const CpOutput *o)
{
    return o->dir;
}

void output_add(CpOutput *o, const char *name, GBytes *data)
{
    File f = {.name = g_strdup(name), .fd = -1, .data = g_bytes_ref(data)};
    g_array_append_val(o->files, f);
}

static bool write_fd(int fd, GBytes *data)
{
    gsize len;
    const guint8 *p = g_bytes_get_data(data, &len);
    while (len > 0) {
        ssize_t n = write(fd, p, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            if (n == 0)
                errno = ENOSPC;
            return false;
        }
        p += n;
        len -= (gsize)n;
    }
    return fsync(fd) == 0 || errno == EINVAL;
}

// Writes F's data where a killed run leaves nothing behind: an unnamed file
// in the folder (O_TMPFILE), named only when every file is written; where
// the file system cannot, a hidden temporary file.
static bool stage(CpOutput *o, File *f)
{
    f->fd = g_open(o->dir, O_TMPFILE | O_WRONLY | O_CLOEXEC, 0644);
    if (f->fd >= 0) {
        if (write_fd(f->fd, f->data))
            return true;
        int e = errno;
        close(f->fd);
        f->fd = -1;
        errno = e;
        return false;
    }
    char *base = g_strdup_printf(".%s.%d.tmp", f->name, (int)getpid());
    f->tmp = g_build_filename(o->dir, base, NULL);
    g_free(base);
    g_unlink(f->tmp); // left by a killed run that had the same process id
    int fd = g_open(f->tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    bool ok = fd >= 0 && write_fd(fd, f->data);
    int e = errno;
    if (fd >= 0 && close(fd) != 0 && ok) {
        e = errno;
        ok = false;
    }
    errno = e;
    return ok;
}

// Gives an unnamed staged file its temporary name, just before the renames.
static bool name_staged(CpOutput *o, File *f)
{
    if (f->fd < 0)
        return true;
    char *base = g_strdup_printf(".%s.%d.tmp", f->name, (int)getpid());
    f->tmp = g_build_filename(o->dir, base, NULL);
    g_free(base);
    char *proc = g_strdup_printf("/proc/self/fd/%d", f->fd);
    g_unlink(f->tmp); // left by a killed run that had the same process id
    bool ok = linkat(AT_FDCWD, proc, AT_FDCWD, f->tmp, AT_SYMLINK_FOLLOW) == 0;
    g_free(proc);
    int e = errno;
    close(f->fd);
    f->fd = -1;
    if (!ok) {
        g_free(f->tmp);
        f->tmp = NULL;
        errno = e;
    }
    return ok;
}

// mkdir -p that remembers the folders it made, to take them away again if
// the run writes nothing.
static bool make_folders(CpOutput *o)
{
    char **parts = g_strsplit(o->dir, "/", -1);
    GString *path = g_string_new(g_path_is_absolute(o->dir) ? "/" : "");
    bool ok = true;
    for (char **p = parts; ok && *p; p++) {
        if (!**p)
            continue;
        if (path->len && path->str[path->len - 1] != '/')
            g_string_append_c(path, '/');
        g_string_append(path, *p);
        if (g_mkdir(path->str, 0755) == 0)
            g_ptr_array_add(o->made, g_strdup(path->str));
        else if (errno != EEXIST || !g_file_test(path->str, G_FILE_TEST_IS_DIR))
            ok = false;
    }
    int e = errno;
    g_string_free(path, TRUE);
    g_strfreev(parts);
    errno = e;
    return ok;
}

// Cleans up after a killed run of ours: its hidden ".NAME.PID.tmp" files go,
// and so does a ".NAME.PID.old" copy, unless NAME itself is missing (killed
// between moving the old file aside, without hard links, and the rename
// that replaces it): then the copy is the only one, and goes back. Only
// names cocprint gives, the manifest's included; under the lock, no other
// run is using them.
static void sweep_leftovers(CpOutput *o)
{
    GDir *d = g_dir_open(o->dir, 0, NULL);
    for (const char *n; d && (n = g_dir_read_name(d));) {
        size_t len = strlen(n);
        bool old = g_str_has_suffix(n, ".old");
        if (n[0] != '.' || len < 7 || (!g_str_has_suffix(n, ".tmp") && !old))
            continue;
        char *name = g_strndup(n + 1, len - 5); // "NAME.PID"
        char *dot = strrchr(name, '.');
        bool pid = dot && dot[1] && strspn(dot + 1, "0123456789") == strlen(dot + 1);
        if (pid)
            *dot = '\0';
        if (pid && (o->ours(name) || strcmp(name, "manifest.json") == 0)) {
            char *path = g_build_filename(o->dir, n, NULL);
            char *dest = g_build_filename(o->dir, name, NULL);
            GStatBuf st;
            if (old && g_lstat(dest, &st) != 0 && errno == ENOENT)
                g_rename(path, dest);
            else
                g_unlink(path);
            g_free(dest);
            g_free(path);
        }
        g_free(name);
    }
    if (d)
        g_dir_close(d);
}

// Opens and locks the lock file, waiting up to LOCK_WAIT_S for a run that
// holds it. The file may have been removed by a run that made the folder
// and then failed: a lock on it would guard nothing, so it is taken again.
static int take_lock(CpOutput *o, const char *path, bool *timeout)
{
    *timeout = false;
    struct timespec start;
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (int tries = 0; tries < 100; tries++) {
        int fd = g_open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NOCTTY, 0644);
        if (fd < 0 && errno == ENOENT && make_folders(o))
            continue; // the folder went with a failed run that made it
        if (fd < 0)
            return -1;
        while (flock(fd, LOCK_EX | LOCK_NB) != 0) {
            struct timespec now;
            clock_gettime(CLOCK_MONOTONIC, &now);
            if (errno != EWOULDBLOCK || now.tv_sec - start.tv_sec >= LOCK_WAIT_S) {
                *timeout = errno == EWOULDBLOCK;
                close(fd);
                return -1;
            }
            g_usleep(50 * 1000);
        }
        GStatBuf a, b;
        if (fstat(fd, &a) == 0 && g_lstat(path, &b) == 0 && a.st_ino == b.st_ino &&
            a.st_dev == b.st_dev)
            return fd;
        close(fd);
    }
    errno = EAGAIN;
    return -1;
}

bool output_lock(CpOutput *o)
{
    if (!make_folders(o)) {
        diag_error(o->dir, 0, 0, "cannot create the output folder: %s", g_strerror(errno));
        return false;
    }
    char *path = g_build_filename(o->dir, LOCK_NAME, NULL);
    bool timeout;
    o->lock = take_lock(o, path, &timeout);
    if (o->lock < 0 && timeout)
        diag_error(path, 0, 0,
                   "another cocprint run is writing to %s and held this lock for %d s; try "
                   "again when it is done (the lock goes with its run: removing the file "
                   "would let two runs write at once)",
                   o->dir, LOCK_WAIT_S);
    else if (o->lock < 0)
        diag_error(path, 0, 0, "cannot lock the output folder: %s", g_strerror(errno));
    g_free(path);
    if (o->lock >= 0)
        sweep_leftovers(o);
    return o->lock >= 0;
}

bool output_unlink(CpOutput *o, const char *name, bool *removed)
{
    char *path = g_build_filename(o->dir, name, NULL);
    *removed = g_unlink(path) == 0;
    bool ok = *removed || errno == ENOENT;
    if (!ok)
        diag_warn(path, 0, 0,
                  "cannot remove this file of an earlier run: %s; it stays listed "
                  "in manifest.json for the next run to remove",
                  g_strerror(errno));
    g_free(path);
    return ok;
}

bool output_commit(CpOutput *o)
{
    bool ok = true;
    for (guint i = 0; ok && i < o->files->len; i++) {
        File *f = &g_array_index(o->files, File, i);
        if (!stage(o, f)) {
            char *dest = g_build_filename(o->dir, f->name, NULL);
            diag_error(dest, 0, 0, "cannot write: %s; nothing was changed in %s", g_strerror(errno),
                       o->dir);
            g_free(dest);
            ok = false;
        }
    }
    for (guint i = 0; ok && i < o->files->len; i++) {
        File *f = &g_array_index(o->files, File, i);
        if (!name_staged(o, f)) {
            diag_error(o->dir, 0, 0, "cannot write: %s; nothing was changed", g_strerror(errno));
            ok = false;
        }
    }
    // Into place: each old file aside first, so that a failed rename can put
    // every file back as it was.
    for (guint i = 0; ok && i < o->files->len; i++) {
        File *f = &g_array_index(o->files, File, i);
        char *dest = g_build_filename(o->dir, f->name, NULL);
        GStatBuf st;
        if (g_lstat(dest, &st) == 0) { // a dangling link too
            char *base = g_strdup_printf(".%s.%d.old", f->name, (int)getpid());
            f->old = g_build_filename(o->dir, base, NULL);
            g_free(base);
            // A second name for the old file: DEST itself stays in place until
            // the rename below replaces it in one step. Without hard links
            // (FAT, exFAT, some network mounts) the old file moves aside, and
            // DEST is missing for a moment.
            g_unlink(f->old);
            f->moved = link(dest, f->old) != 0;
            if (f->moved && g_rename(dest, f->old) != 0) {
                g_free(f->old);
                f->old = NULL;
                ok = false;
            }
        }
        if (ok && g_rename(f->tmp, dest) != 0) {
            if (f->old && f->moved)
                g_rename(f->old, dest); // back where it was
            else if (f->old)
                g_unlink(f->old); // DEST was never replaced
            g_free(f->old);
            f->old = NULL;
            ok = false;
        }
        if (ok)
            f->placed = true;
        else
            diag_error(dest, 0, 0, "cannot replace: %s; the output folder is left as it was",
                       g_strerror(errno));
        g_free(dest);
    }
    for (guint i = 0; i < o->files->len; i++) {
        File *f = &g_array_index(o->files, File, i);
        char *dest = g_build_filename(o->dir, f->name, NULL);
        if (f->placed && !ok) {
            // Undo: the old file back in one step, or the new one out.
            if (f->old ? g_rename(f->old, dest) != 0 : g_unlink(dest) != 0)
                diag_error(dest, 0, 0, "cannot put the previous file back (%s); it is kept as %s",
                           g_strerror(errno), f->old ? f->old : "(none)");
        } else if (f->old) {
            g_unlink(f->old);
        }
        if (f->tmp && !f->placed)
            g_unlink(f->tmp); // written but never renamed
        if (f->fd >= 0)
            close(f->fd); // unnamed: gone with its descriptor
        f->fd = -1;
        g_clear_pointer(&f->tmp, g_free);
        g_clear_pointer(&f->old, g_free);
        f->placed = false;
        g_free(dest);
    }
    o->committed |= ok;
    clear_files(o);
    return ok;
}
