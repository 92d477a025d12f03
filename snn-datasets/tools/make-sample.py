#!/usr/bin/python3
"""Writes the built-in Fashion-MNIST sample that snn-datasets ships as classpath resources.

The sample is the first 6,000 training and the first 1,000 test items of the full set, as gzipped IDX files
with the same names as the originals. gzip runs with mtime=0 and no embedded file name, so running this again
on the same input gives byte-identical output (the resources are committed; a diff means the input changed).

Usage: tools/make-sample.py [SOURCE_DIR [OUTPUT_DIR]]
  SOURCE_DIR  folder with the four full .gz files (default /usr/share/datasets/fashion-mnist,
              from Debian's dataset-fashion-mnist package)
  OUTPUT_DIR  default: src/main/resources/org/snn4j/datasets/sample/fashion-mnist next to this script
"""
import gzip
import os
import struct
import sys

COUNTS = {"train": 6000, "t10k": 1000}
KINDS = (("images", "idx3"), ("labels", "idx1"))


def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    if data[0:2] != b"\0\0" or data[2] != 0x08:
        raise SystemExit(f"{path}: not an unsigned-byte IDX file")
    ndims = data[3]
    dims = list(struct.unpack(">%dI" % ndims, data[4 : 4 + 4 * ndims]))
    return dims, data[4 + 4 * ndims :]


def write_first(dims, body, count, path):
    if dims[0] < count:
        raise SystemExit(f"source has only {dims[0]} items, need {count}")
    item = 1
    for d in dims[1:]:
        item *= d
    header = bytes([0, 0, 0x08, len(dims)]) + struct.pack(">%dI" % len(dims), count, *dims[1:])
    # filename="" keeps the name out of the gzip header; mtime=0 makes the output reproducible
    with open(path, "wb") as out, gzip.GzipFile(filename="", mode="wb", fileobj=out, compresslevel=9, mtime=0) as gz:
        gz.write(header)
        gz.write(body[: count * item])


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    src = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/datasets/fashion-mnist"
    dst = sys.argv[2] if len(sys.argv) > 2 else os.path.join(
        here, "..", "src", "main", "resources", "org", "snn4j", "datasets", "sample", "fashion-mnist")
    os.makedirs(dst, exist_ok=True)
    total = 0
    for split, count in COUNTS.items():
        for kind, idx in KINDS:
            name = f"{split}-{kind}-{idx}-ubyte.gz"
            dims, body = read_idx(os.path.join(src, name))
            out = os.path.join(dst, name)
            write_first(dims, body, count, out)
            size = os.path.getsize(out)
            total += size
            print(f"{out}: {count} of {dims[0]} items, {size} bytes")
    print(f"total {total} bytes")


if __name__ == "__main__":
    main()
