"""Prints, as JSON, how the official Python SDK's default converter encodes a
fixed set of values, and whether it decodes the payloads given on stdin into
the expected values. PayloadInteropTests compares both with Gaffer's converter.
"""
import base64
import dataclasses
import json
import sys
from typing import List, Optional

from temporalio.api.common.v1 import Payload
from temporalio.converter import DataConverter


@dataclasses.dataclass
class Order:
    order_id: int
    tags: List[str]
    note: Optional[str] = None


VALUES = {
    "string": "hi",
    "int": 42,
    "float": 3.5,
    "bool": True,
    "list": [1, 2, 3],
    "dict": {"b": 1, "a": [1, 2]},
    "dataclass": Order(order_id=42, tags=["x", "y"], note="a/b"),
    "none": None,
}
HINTS = {"string": str, "int": int, "float": float, "bool": bool, "list": List[int], "dict": dict,
         "dataclass": Order, "none": Optional[str]}


def encode(p):
    return {"metadata": {k: base64.b64encode(v).decode() for k, v in p.metadata.items()},
            "data": base64.b64encode(p.data).decode()}


def main():
    converter = DataConverter.default.payload_converter
    encoded = {name: encode(converter.to_payloads([value])[0]) for name, value in VALUES.items()}
    decoded = {}
    for name, wire in json.load(sys.stdin).items():
        payload = Payload(metadata={k: base64.b64decode(v) for k, v in wire["metadata"].items()},
                          data=base64.b64decode(wire["data"]))
        value = converter.from_payloads([payload], [HINTS[name]])[0]
        decoded[name] = value == VALUES[name]
    print(json.dumps({"encoded": encoded, "decoded_equal": decoded}))


if __name__ == "__main__":
    main()
