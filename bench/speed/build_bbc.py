"""The BBC news data set (2,225 articles, 2004-2005) as articles.jsonl, outside the repo.

    python bench/speed/build_bbc.py /work/.mirror/dejanbatanjac+bbc-article-classify-bert/repo \
        /work/speed-data/bbc.jsonl

Reads `bbc/<category>/<NNN>.txt` at one commit of the fetched git directory: the first line
is the title, the rest the text. The texts belong to the BBC: the output stays outside the
repository. Publication times are made up (one a minute, in file order), since the data
set has none and the speed benchmark does not read them.
"""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bench.realnews.article_records import ArticleRecord, make_record, write_jsonl  # noqa: E402
from bench.realnews.gitsource import BlobReader, list_folder  # noqa: E402

COMMIT = "8265dc84e88b82b87ce7f5b2df5bbbb1159ae922"
CATEGORIES = ("business", "entertainment", "politics", "sport", "tech")
FIRST_TIME = datetime(2005, 1, 1, tzinfo=UTC)


def bbc_records(git_dir: Path, commit: str) -> list[ArticleRecord]:
    """Every article of the data set, in category then file order."""
    paths = [path for name in CATEGORIES for path in list_folder(git_dir, commit, f"bbc/{name}")]
    reader = BlobReader(git_dir, commit)
    try:
        records = []
        for number, path in enumerate(paths):
            title, _, text = reader.read(path).decode("utf-8", errors="replace").partition("\n")
            published = FIRST_TIME + timedelta(minutes=number)
            record_id = "bbc-" + path.removeprefix("bbc/").removesuffix(".txt").replace("/", "-")
            url = f"https://example.invalid/{path}"
            records.append(
                make_record(record_id, published, title.strip(), text.strip(), "BBC", url)
            )
        return records
    finally:
        reader.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("git_dir", type=Path, help="the fetched repository's git directory")
    parser.add_argument("out", type=Path, help="articles.jsonl to write (outside the repo)")
    parser.add_argument("--commit", default=COMMIT)
    args = parser.parse_args()
    count = write_jsonl(args.out, bbc_records(args.git_dir, args.commit))
    print(f"{count} articles written to {args.out}")


if __name__ == "__main__":
    main()
