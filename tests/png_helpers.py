"""PNG files built byte by byte, with whatever chunks a test needs (crafted uploads)."""

import struct
import zlib


def png_chunk(kind, data):
    """One PNG chunk: length, type, data and its CRC."""
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png(before_pixels=b"", after_pixels=b""):
    """A 1x1 white PNG, byte by byte, with extra chunks before or after its pixel data."""
    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)  # 1x1, 8-bit RGB
    pixels = zlib.compress(b"\x00\xff\xff\xff")
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", header)
        + before_pixels
        + png_chunk(b"IDAT", pixels)
        + after_pixels
        + png_chunk(b"IEND", b"")
    )


def png_comment_inflating_to(size):
    """A compressed text chunk (zTXt) of ``size`` zero bytes: about size/1000 in the file."""
    return png_chunk(b"zTXt", b"Comment\x00\x00" + zlib.compress(bytes(size), 9))
