"""Draw the HN post samples of `hn_post_roles.csv` (dev) and `hn_post_roles_unseen.csv` (unseen).

Run `python -m tests.devsets.sample_hn_posts` to redraw: the draw is a pure function of the
real data and the seeds, so the committed references can be checked against it. Each sample is
stratified by period (2013-08…2018-04 and 2026): half are posts that name an ML word, half
any other posts at random; within a stratum the posts are ordered by the hash of `<seed>:<key>`.
"""

from __future__ import annotations

import csv
import hashlib
import re
from pathlib import Path

from tests.devsets.load import DEVSETS, hn_posts

_CASE_SENSITIVE = re.compile(r"\b(?:ML|AI|LLMs?|NLP|MLOps|CV|GenAI)\b")
_PHRASES = re.compile(
    r"data scien|machine learning|deep learning|artificial intelligence|"
    r"research (?:scientist|engineer)|computer vision|natural language|generative",
    re.IGNORECASE,
)
# (dataset, posts with ML words, posts without) per sample
DEV = ("hn-post-roles-dev-v1", {"hn_2013": (75, 75), "hn_2026": (50, 50)})
UNSEEN = ("hn-post-roles-unseen-v1", {"hn_2013": (45, 45), "hn_2026": (30, 30)})
# Drawn each time the rules changed after an unseen sample was scored (LABELLING.md says why).
UNSEEN_2 = ("hn-post-roles-unseen-v2", {"hn_2013": (45, 45), "hn_2026": (30, 30)})
UNSEEN_3 = ("hn-post-roles-unseen-v3", {"hn_2013": (45, 45), "hn_2026": (30, 30)})
UNSEEN_4 = ("hn-post-roles-unseen-v4", {"hn_2013": (45, 45), "hn_2026": (30, 30)})
UNSEEN_5 = ("hn-post-roles-unseen-v5", {"hn_2013": (45, 45), "hn_2026": (30, 30)})
# Drawn after the five earlier unseen samples became development data; bigger, to measure tighter.
UNSEEN_6 = ("hn-post-roles-unseen-v6", {"hn_2013": (60, 60), "hn_2026": (40, 40)})
UNSEEN_7 = ("hn-post-roles-unseen-v7", {"hn_2013": (60, 60), "hn_2026": (40, 40)})
# Bigger again: 250 posts, so the one-shot score moves less from sample to sample.
UNSEEN_8 = ("hn-post-roles-unseen-v8", {"hn_2013": (75, 75), "hn_2026": (50, 50)})
UNSEEN_9 = ("hn-post-roles-unseen-v9", {"hn_2013": (75, 75), "hn_2026": (50, 50)})
# Labelled blind twice, independently, and the disagreements settled by the written rules.
UNSEEN_10 = ("hn-post-roles-unseen-v10", {"hn_2013": (75, 75), "hn_2026": (50, 50)})
UNSEEN_11 = ("hn-post-roles-unseen-v11", {"hn_2013": (75, 75), "hn_2026": (50, 50)})
# (sample, file) in draw order: each sample excludes every post drawn before it.
SAMPLES = (
    (DEV, "hn_post_roles.csv"),
    (UNSEEN, "hn_post_roles_unseen.csv"),
    (UNSEEN_2, "hn_post_roles_unseen2.csv"),
    (UNSEEN_3, "hn_post_roles_unseen3.csv"),
    (UNSEEN_4, "hn_post_roles_unseen4.csv"),
    (UNSEEN_5, "hn_post_roles_unseen5.csv"),
    (UNSEEN_6, "hn_post_roles_unseen6.csv"),
    (UNSEEN_7, "hn_post_roles_unseen7.csv"),
    (UNSEEN_8, "hn_post_roles_unseen8.csv"),
    (UNSEEN_9, "hn_post_roles_unseen9.csv"),
    (UNSEEN_10, "hn_post_roles_unseen10.csv"),
    (UNSEEN_11, "hn_post_roles_unseen11.csv"),
)


def has_ml_words(text: str) -> bool:
    return bool(_PHRASES.search(text) or _CASE_SENSITIVE.search(text))


def draw(seed: str, sizes: dict[str, tuple[int, int]], exclude: set[tuple[str, str]]) -> list[tuple[str, str, str]]:
    """(dataset, key, stratum) rows, in hash order within each stratum."""
    drawn = []
    for dataset, (n_ml, n_rest) in sizes.items():
        posts = hn_posts(dataset)
        keys = sorted(
            (key for key in posts if (dataset, key) not in exclude),
            key=lambda k: hashlib.sha256(f"{seed}:{k}".encode()).hexdigest(),
        )
        ml = [k for k in keys if has_ml_words(posts[k])][:n_ml]
        rest = [k for k in keys if k not in set(ml)][:n_rest]
        drawn += [(dataset, k, "ml_words") for k in ml] + [(dataset, k, "random") for k in rest]
    return drawn


def write(path: Path, rows: list[tuple[str, str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle, lineterminator="\n")
        out.writerow(["dataset", "key", "stratum", "roles", "note"])
        out.writerows([dataset, key, stratum, "", ""] for dataset, key, stratum in rows)


def draw_all() -> list[tuple[str, list[tuple[str, str, str]]]]:
    """(file name, rows) of every sample, each drawn excluding the posts of the samples before it."""
    drawn: list[tuple[str, list[tuple[str, str, str]]]] = []
    taken: set[tuple[str, str]] = set()
    for (seed, sizes), name in SAMPLES:
        rows = draw(seed, sizes, taken)
        taken |= {(d, k) for d, k, _ in rows}
        drawn.append((name, rows))
    return drawn


if __name__ == "__main__":
    samples = draw_all()
    for name, rows in samples:
        if not (DEVSETS / name).exists():  # labelled files are never overwritten
            write(DEVSETS / name, rows)
    print(*(len(rows) for _, rows in samples))
