"""Read an .npz of plain 1-D arrays only after its headers promise sizes within limits.

`np.load` trusts a file: a small archive whose member inflates to gigabytes is inflated,
and an .npy header may declare any shape. Here the zip directory and every .npy header
are read first (a few hundred bytes), and nothing is loaded unless every member is stored
uncompressed, has the expected dtype and one dimension, and fits its limit.
"""

from __future__ import annotations

import zipfile
from collections.abc import Mapping
from typing import IO, TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from numpy.typing import NDArray

# NumPy writes version 1.0 headers for arrays like ours (2.0 only for huge dtypes).
_HEADER_READERS = {
    (1, 0): np.lib.format.read_array_header_1_0,
    (2, 0): np.lib.format.read_array_header_2_0,
}
MAX_HEADER_BYTES = 4096


Expected = Mapping[str, tuple[tuple[np.dtype[Any], ...], int]]


def read_arrays(handle: IO[bytes], expected: Expected) -> dict[str, NDArray[Any]] | None:
    """Each expected member as a read-only array, or None unless all are as promised.

    `expected` maps a member name to the dtypes it may have and the most elements it may
    hold.
    """
    try:
        with zipfile.ZipFile(handle) as archive:
            infos = {info.filename: info for info in archive.infolist()}
            if sorted(infos) != sorted(f"{name}.npy" for name in expected):
                return None
            for name, (dtypes, most) in expected.items():
                info = infos[f"{name}.npy"]
                # Stored, never deflated: a member cannot hold more than the file does.
                if info.compress_type != zipfile.ZIP_STORED:
                    return None
                if info.file_size != info.compress_size:
                    return None
                widest = max(dtype.itemsize for dtype in dtypes)
                if info.file_size > most * widest + MAX_HEADER_BYTES:
                    return None
            arrays: dict[str, NDArray[Any]] = {}
            for name, (dtypes, most) in expected.items():
                array = _member(archive, infos[f"{name}.npy"], dtypes, most)
                if array is None:
                    return None
                arrays[name] = array
            return arrays
    except (OSError, ValueError, EOFError, zipfile.BadZipFile, KeyError, SyntaxError):
        return None


def _member(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, dtypes: tuple[np.dtype[Any], ...], most: int
) -> NDArray[Any] | None:
    """One member's array, if its .npy header declares exactly what the zip entry holds."""
    with archive.open(info) as member:
        version = np.lib.format.read_magic(member)
        reader = _HEADER_READERS.get(version)
        if reader is None:
            return None
        shape, _, declared = reader(member, max_header_size=MAX_HEADER_BYTES)
        if declared not in dtypes or len(shape) != 1 or not 0 <= shape[0] <= most:
            return None
        size = shape[0] * declared.itemsize
        if member.tell() + size != info.file_size:
            return None
        data = member.read(size)
    if len(data) != size:
        return None
    return np.frombuffer(data, dtype=declared)
