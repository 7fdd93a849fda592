#include "output.h"

#include "diag.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

typedef struct {
    char *name;
    int fd;    // an unnamed file (O_TMPFILE) holding the data, or -1
    char *tmp; // set once written
    char *old; // the file it replaces, kept until every rename succeeded
    bool placed;
    GBytes *data;
} File;

struct CpOutput {
    char *dir;
    GArray *files;    // File
    GPtrArray *stale; // names to remove after the new files are in place
};

CpOutput *output_create(const char *dir)
{
    CpOutput *o = g_new0(CpOutput, 1);
    o->dir = g_strdup(dir);
    o->files = g_array_new(FALSE, TRUE, sizeof(File));
    o->stale = g_ptr_array_new_with_free_func(g_free);
    return o;
}

void output_destroy(CpOutput *o)
{
    if (!o)
        return;
    for (guint i = 0; i < o->files->len; i++) {
        File *f = &g_array_index(o->files, File, i);
        g_free(f->name);
        g_free(f->tmp);
        g_free(f->old);
        g_bytes_unref(f->data);
    }
    g_array_free(o->files, TRUE);
    g_ptr_array_free(o->stale, TRUE);
    g_free(o->dir);
    g_free(o);
}

void output_add(CpOutput *o, const char *name, GBytes *data)
{
    File f = {g_strdup(name), -1, NULL, NULL, false, g_bytes_ref(data)};
    g_array_append_val(o->files, f);
}

void output_remove(CpOutput *o, const char *name)
{
    g_ptr_array_add(o->stale, g_strdup(name));
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

bool output_commit(CpOutput *o)
{
    bool created = !g_file_test(o->dir, G_FILE_TEST_EXISTS);
    if (g_mkdir_with_parents(o->dir, 0755) != 0) {
        diag_error(o->dir, 0, 0, "cannot create the output folder: %s", g_strerror(errno));
        return false;
    }
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
        if (g_file_test(dest, G_FILE_TEST_EXISTS)) {
            char *base = g_strdup_printf(".%s.%d.old", f->name, (int)getpid());
            f->old = g_build_filename(o->dir, base, NULL);
            g_free(base);
            // A second name for the old file: DEST itself stays in place until
            // the rename below replaces it in one step.
            g_unlink(f->old);
            if (link(dest, f->old) != 0) {
                g_free(f->old);
                f->old = NULL;
                ok = false;
            }
        }
        if (ok && g_rename(f->tmp, dest) != 0) {
            if (f->old)
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
    for (guint i = 0; ok && i < o->stale->len; i++) {
        char *path = g_build_filename(o->dir, o->stale->pdata[i], NULL);
        if (g_unlink(path) != 0 && errno != ENOENT)
            diag_warn(path, 0, 0, "cannot remove this file of the last run: %s", g_strerror(errno));
        g_free(path);
    }
    if (!ok && created)
        g_rmdir(o->dir);
    return ok;
}
