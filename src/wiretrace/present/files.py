"""Writing outputs so that a failure never costs the analyst the previous file: write a temporary file beside the
target, then rename it over the target (atomic on one file system); refuse to replace without being asked."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def output_problem(path: Path, *, force: bool) -> str | None:
    """Why `path` cannot be written as an output file, or None."""
    if path.is_dir():
        return "is a folder; name a file"
    if not path.parent.is_dir():
        return f"folder {path.parent} does not exist"
    if path.exists() or path.is_symlink():
        if not path.is_file() or path.is_symlink():
            return "exists and is not a plain file (a device, a pipe or a link); name another file"
        if not force:
            return "exists; add --force to replace it"
    if not os.access(path.parent, os.W_OK):
        return f"folder {path.parent} is not writable"
    return None


@contextmanager
def atomic_output(path: Path | None) -> Iterator[Path | None]:
    """A temporary path beside `path` to write to; renamed over `path` when the block ends without an error,
    removed when it raises.  None stays None (standard output)."""
    if path is None:
        yield None
        return
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        os.replace(tmp_path, path)
    except BaseException:
        tmp_path.unlink(missing_ok=True)
        raise
