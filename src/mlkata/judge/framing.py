"""Length-prefixed frames over pipes, with deadlines. Shared by worker and supervisor."""

from __future__ import annotations

import os
import select
import struct
import time

HEADER = struct.Struct("<I")


class ChannelClosed(EOFError):
    pass


class ChannelTimeout(TimeoutError):
    pass


def write_frame(fd: int, data: bytes) -> None:
    view = memoryview(HEADER.pack(len(data)) + data)
    while view:
        n = os.write(fd, view)
        view = view[n:]


def read_exact(fd: int, n: int, deadline: float | None) -> bytes:
    chunks, remaining = [], n
    while remaining:
        if deadline is not None:
            wait = deadline - time.monotonic()
            if wait <= 0 or not select.select([fd], [], [], wait)[0]:
                raise ChannelTimeout()
        chunk = os.read(fd, min(remaining, 1 << 20))
        if not chunk:
            raise ChannelClosed()
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


def read_frame(fd: int, deadline: float | None = None, max_bytes: int = 1 << 30) -> bytes:
    (length,) = HEADER.unpack(read_exact(fd, HEADER.size, deadline))
    if length > max_bytes:
        raise ChannelClosed(f"frame of {length} bytes exceeds {max_bytes}")
    return read_exact(fd, length, deadline)


def split_frames(data: bytes) -> tuple[list[bytes], bool]:
    """Split a byte stream of frames; returns (frames, whether it ended cleanly)."""
    frames, pos = [], 0
    while pos + HEADER.size <= len(data):
        (length,) = HEADER.unpack_from(data, pos)
        end = pos + HEADER.size + length
        if end > len(data):
            return frames, False
        frames.append(data[pos + HEADER.size : end])
        pos = end
    return frames, pos == len(data)
