#!/usr/bin/env python3
"""Regenerates the small, class-balanced Fashion-MNIST test fixture from the official IDX files.

Takes the first N images of each class from the official train and test files (in file order), writes them as
gzipped IDX files under platform/src/main/resources/fixtures/fashion-mnist-mini/, and prints the SHA-256 of the
official inputs and of the decompressed outputs (recorded in that folder's README.md).

Usage: scripts/make-test-fixture.py [official-folder] [train-per-class] [test-per-class]
"""
import gzip
import hashlib
import os
import struct
import sys

SRC = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/datasets/fashion-mnist"
TRAIN_PER_CLASS = int(sys.argv[2]) if len(sys.argv) > 2 else 200
TEST_PER_CLASS = int(sys.argv[3]) if len(sys.argv) > 3 else 50
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "platform", "src", "main", "resources",
                   "fixtures", "fashion-mnist-mini")


def read(name):
    path = os.path.join(SRC, name)
    opener = gzip.open if os.path.exists(path + ".gz") else open
    with opener(path + ".gz" if os.path.exists(path + ".gz") else path, "rb") as f:
        data = f.read()
    print(f"input  {name}: sha256 {hashlib.sha256(data).hexdigest()}")
    return data


def pick(prefix, per_class):
    images = read(f"{prefix}-images-idx3-ubyte")
    labels = read(f"{prefix}-labels-idx1-ubyte")
    count = struct.unpack(">I", labels[4:8])[0]
    taken, counts = [], [0] * 10
    for i in range(count):
        label = labels[8 + i]
        if counts[label] < per_class:
            counts[label] += 1
            taken.append(i)
    img = struct.pack(">IIII", 2051, len(taken), 28, 28) + b"".join(
        images[16 + i * 784:16 + (i + 1) * 784] for i in taken)
    lab = struct.pack(">II", 2049, len(taken)) + bytes(labels[8 + i] for i in taken)
    for name, data in ((f"{prefix}-images-idx3-ubyte", img), (f"{prefix}-labels-idx1-ubyte", lab)):
        with gzip.GzipFile(os.path.join(OUT, name + ".gz"), "wb", mtime=0) as f:
            f.write(data)
        print(f"output {name}: {len(taken)} items, sha256 {hashlib.sha256(data).hexdigest()}")


os.makedirs(OUT, exist_ok=True)
pick("train", TRAIN_PER_CLASS)
pick("t10k", TEST_PER_CLASS)
