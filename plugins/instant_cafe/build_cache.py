"""What a build keeps for the next one, next to its output folder (no Pelican here).

``output.cache/<fingerprint>/`` holds Pelican's reader cache (each Markdown file's HTML,
checked by the sanitizer, found again by the SHA-256 of the file), the compiled templates,
the flyers' PDFs, the published photos and what each post page was made from
(``reused_pages.py``). The fingerprint covers what those results
depend on besides the files themselves: the settings (BUILD_DATE and PUBLIC_URL included),
the plugin's code and the pinned packages. Change any of them and the build starts from an
empty folder instead of trusting a stale result. The three folders used last are kept
(`make html`, `make flyer` and `make publish` have different settings), older ones removed.
Templates are checked by Jinja itself (a compiled template records its source's checksum),
PDFs, photos and post pages by a hash of everything they are made from.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path

PLUGIN = Path(__file__).resolve().parent
REQUIREMENTS = PLUGIN.parents[1] / "requirements.txt"
# Where this build writes or reads, when it reads posts ahead or writes its PDFs: not what its results depend on.
NOT_INPUTS = {
    "PATH",
    "OUTPUT_PATH",
    "LIVE_OUTPUT_PATH",
    "READ_AHEAD_MIN_POSTS",
    "PDFS_AFTER_RUN",
    "CACHE_PATH",
    "CACHE_CONTENT",
    "LOAD_CONTENT_CACHE",
    "CHECK_MODIFIED_METHOD",
}
KEPT = 3


def fingerprint(settings: dict) -> str:
    digest = hashlib.sha256()
    inputs = {key: value for key, value in settings.items() if key not in NOT_INPUTS}
    digest.update(json.dumps(inputs, sort_keys=True, default=repr).encode())
    for path in sorted(PLUGIN.rglob("*.py")):
        digest.update(path.relative_to(PLUGIN).as_posix().encode() + b"\0" + path.read_bytes())
    if REQUIREMENTS.is_file():
        digest.update(REQUIREMENTS.read_bytes())
    return digest.hexdigest()[:16]


def cache_settings(output: Path, settings: dict) -> dict:
    """The settings that turn the cache on for a build into (a sibling of) ``output``."""
    root = output.with_name(output.name + ".cache")
    folder = root / fingerprint(settings)
    folder.mkdir(parents=True, exist_ok=True)
    folder.touch()  # the last used
    others = sorted((path for path in root.iterdir() if path != folder), key=lambda path: path.stat().st_mtime, reverse=True)
    for old in others[KEPT - 1 :]:
        shutil.rmtree(old, ignore_errors=True) if old.is_dir() else old.unlink()
    # Not gzipped: compressing the reader caches again at every build cost more than reading them.
    return {
        "LIVE_OUTPUT_PATH": str(output),  # reused_pages.py links unchanged post pages from it
        "CACHE_PATH": str(folder),
        "CACHE_CONTENT": True,
        "LOAD_CONTENT_CACHE": True,
        "CHECK_MODIFIED_METHOD": "sha256",
        "GZIP_CACHE": False,
    }


def write_new(path: Path, data: bytes) -> None:
    """Write ``data`` as a new file, whole or not at all: a file already there (perhaps a hard
    link to content/, or a cache entry another build reads) is replaced, never written through."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".new-")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
