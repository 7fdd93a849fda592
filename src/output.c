#include "output.h"

#include "diag.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

typedef struct {
    char *name;
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
    File f = {g_strdup(name), NULL, NULL, false, g_bytes_ref(data)};
    g_array_append_val(o->files, f);
}

void output_remove(CpOutput *o, const char *name)
{
    g_ptr_array_add(o->stale, g_strdup(name));
}

static bool write_all(const char *path, GBytes *data)
{
    int fd = g_open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0)
        return false;
    gsize len;
    const guint8 *p = g_bytes_get_data(data, &len);
    while (len > 0) {
        ssize_t n = write(fd, p, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            int e = n < 0 ? errno : ENOSPC;
            close(fd);
            errno = e;
            return false;
        }
        p += n;
        len -= (gsize)n;
    }
    if (fsync(fd) != 0 && errno != EINVAL) {
        int e = errno;
        close(fd);
        errno = e;
        return false;
    }
    return close(fd) == 0;
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
        char *base = g_strdup_printf(".%s.%d.tmp", f->name, (int)getpid());
        f->tmp = g_build_filename(o->dir, base, NULL);
        g_free(base);
        if (!write_all(f->tmp, f->data)) {
            diag_error(f->tmp, 0, 0, "cannot write: %s; nothing was changed in %s",
                       g_strerror(errno), o->dir);
            g_unlink(f->tmp);
            g_free(f->tmp);
            f->tmp = NULL;
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
            if (g_rename(dest, f->old) != 0) {
                g_free(f->old);
                f->old = NULL;
                ok = false;
            }
        }
        if (ok && g_rename(f->tmp, dest) != 0) {
            if (f->old)
                g_rename(f->old, dest);
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
            // Undo: the new file out, the old one back.
            g_unlink(dest);
            if (f->old)
                g_rename(f->old, dest);
        } else if (f->old) {
            g_unlink(f->old);
        }
        if (f->tmp && !f->placed)
            g_unlink(f->tmp); // written but never renamed
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
