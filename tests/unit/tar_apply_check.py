#!/usr/bin/env python3
"""Layer application against real tools: archives made at test time by GNU tar (gnu, pax,
ustar formats), gzip, python's tarfile (hostile entries) and umoci (a real OCI image with
a whiteout between two layers), applied by `tar_apply_test list` (tests/unit/
tar_apply_test.c, native or under node) and compared with the file tree they came from,
or with what `umoci unpack` puts on disk.

    tar_apply_check.py [--umoci] -- TOOL_COMMAND...   (--umoci: only the umoci image)

Listing lines (tar_listing.h): path, mode, uid, gid, size, nlink, target, mtime, xattrs.
"""
import io
import json
import os
import shutil
import stat
import subprocess
import sys
import tarfile
import tempfile

failures = 0
checks = 0


def check(cond, what):
    global failures, checks
    checks += 1
    if not cond:
        failures += 1
        print("FAIL:", what)


def run_tool(tool, args):
    p = subprocess.run(tool + args, capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


def parse_listing(text):
    out = {}
    for line in text.splitlines():
        if line.startswith("error: "):
            continue
        f = line.split("\t")
        out[f[0]] = dict(mode=int(f[1], 8), uid=int(f[2]), gid=int(f[3]), size=f[4],
                         nlink=int(f[5]), target=f[6], mtime=int(f[7]),
                         xattrs=",".join(sorted(x for x in f[8].split(",") if x)))
    return out


def listing_of_dir(root, xattrs=True):
    """What the listing of root should be, from the file system itself."""
    out = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in [""] + sorted(dirnames + filenames) if dirpath == root else sorted(dirnames + filenames):
            full = os.path.join(dirpath, name) if name else root
            rel = os.path.relpath(full, root)
            path = "." if rel == "." else "./" + rel
            st = os.lstat(full)
            if stat.S_ISDIR(st.st_mode):
                size = "-"
            elif stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode):
                size = "%d,%d" % (os.major(st.st_rdev), os.minor(st.st_rdev))
            else:
                size = str(st.st_size)
            target = os.readlink(full) if stat.S_ISLNK(st.st_mode) else ""
            xs = ""
            if xattrs and not stat.S_ISLNK(st.st_mode):
                xs = ",".join(sorted("%s=%s" % (k, os.getxattr(full, k).hex())
                                     for k in os.listxattr(full) if k.startswith("user.")))
            out[path] = dict(mode=st.st_mode, uid=st.st_uid, gid=st.st_gid, size=size,
                             nlink=0 if stat.S_ISDIR(st.st_mode) else st.st_nlink,
                             target=target, mtime=int(st.st_mtime), xattrs=xs)
    return out


def compare(got, want, fields, what):
    missing = sorted(set(want) - set(got))
    extra = sorted(set(got) - set(want))
    check(not missing, "%s: missing %s" % (what, missing[:5]))
    check(not extra, "%s: unexpected %s" % (what, extra[:5]))
    wrong = []
    for path in sorted(set(got) & set(want)):
        for f in fields:
            if got[path][f] != want[path][f]:
                wrong.append("%s %s: got %r want %r" % (path, f, got[path][f], want[path][f]))
    check(not wrong, "%s: %s" % (what, "; ".join(wrong[:8])))


def make_source(root, long_names):
    """A tree with every kind of entry a layer carries."""
    os.makedirs(root + "/etc/ssl")
    os.makedirs(root + "/usr/bin")
    os.makedirs(root + "/tmp")
    with open(root + "/etc/hostname", "w") as f:
        f.write("spin\n")
    with open(root + "/usr/bin/busybox", "wb") as f:
        f.write(os.urandom(300000))
    os.chmod(root + "/usr/bin/busybox", 0o4755)
    os.chmod(root + "/tmp", 0o1777)
    open(root + "/etc/empty", "w").close()
    os.link(root + "/usr/bin/busybox", root + "/usr/bin/sh")
    os.link(root + "/usr/bin/busybox", root + "/usr/bin/ls")
    os.symlink("busybox", root + "/usr/bin/vi")
    os.symlink("/etc/hostname", root + "/etc/abs-link")
    os.symlink("../../nowhere/at/all", root + "/etc/dangling")
    os.mkfifo(root + "/etc/fifo", 0o600)
    os.setxattr(root + "/etc/hostname", "user.comment", b"bin\x00ary")
    os.setxattr(root + "/usr/bin", "user.dir", b"d")
    with open(root + "/etc/ssl/owned", "w") as f:
        f.write("x")
    try:
        os.chown(root + "/etc/ssl/owned", 1000, 1001)
    except PermissionError:
        pass
    if long_names:
        deep = root + "/" + "/".join(["segment-%02d" % i for i in range(12)])
        os.makedirs(deep)
        with open(deep + "/" + "f" * 150, "w") as f:
            f.write("long")
        os.symlink("t" * 200, deep + "/long-target")
        os.link(deep + "/" + "f" * 150, root + "/hardlink-to-long")
    for dirpath, dirnames, filenames in os.walk(root, topdown=False):
        for name in filenames + dirnames:
            os.utime(os.path.join(dirpath, name), (1600000000, 1600000000), follow_symlinks=False)
    os.utime(root, (1600000001, 1600000001))


def test_gnu_tar(tool, work):
    fields = ["mode", "uid", "gid", "size", "nlink", "target", "mtime"]
    for fmt, long_names, xattrs in (("gnu", True, False), ("pax", True, True),
                                    ("ustar", False, False)):
        src = os.path.join(work, "src-" + fmt)
        make_source(src, long_names)
        layer = os.path.join(work, fmt + ".tar")
        cmd = ["tar", "--format=" + fmt, "--numeric-owner", "-C", src, "-cf", layer, "."]
        if xattrs:
            cmd[1:1] = ["--xattrs", "--xattrs-include=user.*"]
        subprocess.run(cmd, check=True)
        want = listing_of_dir(src, xattrs)
        for variant, path, chunk in (("plain", layer, "65536"), ("1000-byte pieces", layer, "1000"),
                                     ("gzip", layer + ".gz", "4096")):
            if variant == "gzip":
                subprocess.run(["gzip", "-k", "-f", layer], check=True)
            rc, out, err = run_tool(tool, ["list", "-c", chunk, path])
            check(rc == 0, "%s %s: exit %d %s%s" % (fmt, variant, rc, out[-300:], err[-300:]))
            if rc == 0:
                compare(parse_listing(out), want, fields + (["xattrs"] if xattrs else []),
                        "GNU tar --format=%s (%s)" % (fmt, variant))


def test_whiteouts(tool, work):
    lower = os.path.join(work, "wh-lower")
    upper = os.path.join(work, "wh-upper")
    for d in ("d/sub", "o/sub"):
        os.makedirs(os.path.join(lower, d))
    for f in ("keep", "gone", "d/old", "d/sub/x", "o/old", "o/sub/x"):
        with open(os.path.join(lower, f), "w") as fh:
            fh.write(f)
    os.makedirs(os.path.join(upper, "d"))
    os.makedirs(os.path.join(upper, "o"))
    for f in (".wh.gone", "d/.wh.sub", "o/.wh..wh..opq", "o/new", "new"):
        with open(os.path.join(upper, f), "w") as fh:
            fh.write("")
    layers = []
    for name, d in (("lower", lower), ("upper", upper)):
        layers.append(os.path.join(work, "wh-%s.tar" % name))
        subprocess.run(["tar", "-C", d, "-cf", layers[-1], "."], check=True)
    rc, out, err = run_tool(tool, ["list"] + layers)
    check(rc == 0, "whiteouts: exit %d %s%s" % (rc, out, err))
    got = sorted(parse_listing(out)) if rc == 0 else []
    want = [".", "./d", "./d/old", "./keep", "./new", "./o", "./o/new"]
    check(got == want, "whiteouts: got %s want %s" % (got, want))


def hostile(entries):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.GNU_FORMAT) as t:
        for name, kind, arg in entries:
            info = tarfile.TarInfo(name)
            data = None
            if kind == "file":
                data = arg.encode()
                info.size = len(data)
            elif kind == "dir":
                info.type = tarfile.DIRTYPE
            elif kind == "sym":
                info.type, info.linkname = tarfile.SYMTYPE, arg
            elif kind == "link":
                info.type, info.linkname = tarfile.LNKTYPE, arg
            t.addfile(info, io.BytesIO(data) if data is not None else None)
    return buf.getvalue()


def test_hostile(tool, work):
    cases = [
        ("dotdot", [("../../etc/x", "file", "x")], "../../etc/x", "climbs out"),
        ("symlink-parent", [("a", "sym", "/"), ("a/etc/passwd", "file", "pwned")],
         "a/etc/passwd", "symlink"),
        ("symlink-parent-relative", [("up", "sym", "../../.."), ("up/x", "file", "x")],
         "up/x", "symlink"),
        ("hardlink-out", [("x", "file", "x"), ("hl", "link", "../x")], "hl", "climbs out"),
        ("hardlink-through-symlink", [("a", "sym", "/"), ("hl", "link", "a/etc/passwd")], "hl",
         "symlink"),
    ]
    for name, entries, entry, message in cases:
        path = os.path.join(work, "hostile-%s.tar" % name)
        with open(path, "wb") as f:
            f.write(hostile(entries))
        rc, out, err = run_tool(tool, ["list", path])
        check(rc == 1 and message in out and '"%s"' % entry in out,
              "hostile %s: exit %d, %r" % (name, rc, out[-300:]))
        tree = sorted(parse_listing(out))
        check(not any(p.startswith("./etc") for p in tree) and "./" + entry not in tree,
              "hostile %s: the tree holds %s" % (name, tree))
    # An absolute path is taken relative to the root, as docker does.
    path = os.path.join(work, "hostile-abs.tar")
    with open(path, "wb") as f:
        f.write(hostile([("/abs/file", "file", "x")]))
    rc, out, err = run_tool(tool, ["list", path])
    check(rc == 0 and "./abs/file\t" in out, "absolute path: exit %d %r" % (rc, out))
    # Fuzzed mutations of a real GNU tar pax archive (and its gzip) never crash.
    for seed_file in ("pax.tar", "pax.tar.gz"):
        rc, out, err = run_tool(tool, ["fuzz", os.path.join(work, seed_file), "300", "42"])
        check(rc == 0, "fuzz %s: exit %d %s" % (seed_file, rc, err[-500:]))


def test_umoci(tool, work):
    img, bundle, out_dir = (os.path.join(work, n) for n in ("img", "bundle", "unpacked"))

    def umoci(*args):
        subprocess.run(["umoci"] + list(args), check=True, capture_output=True)

    umoci("init", "--layout", img)
    umoci("new", "--image", img + ":t")
    umoci("unpack", "--rootless", "--image", img + ":t", bundle)
    rootfs = os.path.join(bundle, "rootfs")
    make_source(rootfs, True)
    os.makedirs(rootfs + "/var/cache/apt")
    with open(rootfs + "/var/cache/apt/pkgcache.bin", "w") as f:
        f.write("cache")
    umoci("repack", "--refresh-bundle", "--image", img + ":t", bundle)
    # Second layer: deletions (whiteouts), a replaced file, a new directory.
    os.remove(rootfs + "/etc/hostname")
    shutil.rmtree(rootfs + "/var/cache/apt")
    os.remove(rootfs + "/usr/bin/vi")
    with open(rootfs + "/usr/bin/vi", "w") as f:
        f.write("now a file")
    os.makedirs(rootfs + "/srv/www")
    with open(rootfs + "/srv/www/index.html", "w") as f:
        f.write("<p>hi</p>")
    umoci("repack", "--refresh-bundle", "--image", img + ":t", bundle)
    umoci("unpack", "--rootless", "--image", img + ":t", out_dir)

    with open(os.path.join(img, "index.json")) as f:
        manifest_digest = json.load(f)["manifests"][0]["digest"]
    blob = lambda d: os.path.join(img, "blobs", *d.split(":"))
    with open(blob(manifest_digest)) as f:
        layers = [blob(l["digest"]) for l in json.load(f)["layers"]]
    check(len(layers) == 2, "umoci: %d layers" % len(layers))
    whiteouts = subprocess.run(["tar", "-tzf", layers[1]], capture_output=True, text=True).stdout
    check(".wh.hostname" in whiteouts and ".wh.apt" in whiteouts,
          "umoci: second layer has whiteouts: %r" % whiteouts)
    rc, out, err = run_tool(tool, ["list"] + layers)
    check(rc == 0, "umoci: exit %d %s %s" % (rc, out[-300:], err[-300:]))
    if rc == 0:
        got = parse_listing(out)
        want = listing_of_dir(os.path.join(out_dir, "rootfs"), False)
        compare(got, want, ["mode", "size", "target", "nlink"], "umoci image vs umoci unpack")
        check("./etc/hostname" not in got and "./var/cache/apt" not in got,
              "umoci: whiteouts applied")


def main():
    args = sys.argv[1:]
    with_umoci = "--umoci" in args
    tool = args[args.index("--") + 1:]
    with tempfile.TemporaryDirectory() as work:
        if with_umoci:
            test_umoci(tool, work)
        else:
            test_gnu_tar(tool, work)
            test_whiteouts(tool, work)
            test_hostile(tool, work)
    print("tar_apply_check: %d checks, %d failed" % (checks, failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
