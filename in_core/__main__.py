"""In's command line.

    python -m in_core export --out transcripts.csv [--session ID ...]

The data folder is `IN_DATA_DIR`, else `data/` in the project, as everywhere in In.
"""

import argparse
import sys
from pathlib import Path

from . import api
from .errors import InError


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m in_core", description="In's command line.")
    commands = parser.add_subparsers(dest="command", required=True)
    export = commands.add_parser(
        "export", help="write transcripts as CSV (the same bytes as api.transcripts_csv)"
    )
    export.add_argument("--out", required=True, help="the CSV file to write, or - for stdout")
    export.add_argument("--session", action="append", dest="sessions", metavar="ID",
                        help="a session to export (repeatable); all sessions if none is given")
    args = parser.parse_args(argv)
    try:
        data = api.transcripts_csv(args.sessions)
    except InError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    if args.out == "-":
        sys.stdout.buffer.write(data)
        return 0
    try:
        Path(args.out).write_bytes(data)
    except OSError as error:
        print(f"error: could not write {args.out}: {error.strerror or error}", file=sys.stderr)
        return 1
    print(f"Wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
