"""Reads a safetensors file from the book with plain NumPy (no `safetensors` package needed).

    python3 scripts/weights/read_safetensors.py public/weights/vae/default.safetensors

prints each tensor's name, dtype, shape and sum, and the book's metadata keys. With the
`safetensors` package, `safetensors.numpy.load_file(path)` gives the same arrays.
"""
import json
import struct
import sys

import numpy as np

DTYPES = {"F32": np.float32, "F16": np.float16}


def load(path):
    with open(path, "rb") as f:
        raw = f.read()
    (n,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8 : 8 + n])
    meta = header.pop("__metadata__", {})
    data = raw[8 + n :]
    arrays = {}
    for name, e in header.items():
        begin, end = e["data_offsets"]
        arrays[name] = np.frombuffer(data[begin:end], dtype=DTYPES[e["dtype"]]).reshape(e["shape"])
    return arrays, meta


if __name__ == "__main__":
    arrays, meta = load(sys.argv[1])
    out = {
        "tensors": {k: {"dtype": str(a.dtype), "shape": list(a.shape), "sum": float(a.astype(np.float64).sum())} for k, a in arrays.items()},
        "kind": meta.get("kind"),
        "book": json.loads(meta["book"]) if "book" in meta else None,
    }
    json.dump(out, sys.stdout)
