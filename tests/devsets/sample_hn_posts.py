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


if __name__ == "__main__":
    dev = draw(DEV[0], DEV[1], set())
    unseen = draw(UNSEEN[0], UNSEEN[1], {(d, k) for d, k, _ in dev})
    unseen_2 = draw(UNSEEN_2[0], UNSEEN_2[1], {(d, k) for d, k, _ in dev + unseen})
    unseen_3 = draw(UNSEEN_3[0], UNSEEN_3[1], {(d, k) for d, k, _ in dev + unseen + unseen_2})
    unseen_4 = draw(UNSEEN_4[0], UNSEEN_4[1], {(d, k) for d, k, _ in dev + unseen + unseen_2 + unseen_3})
    unseen_5 = draw(UNSEEN_5[0], UNSEEN_5[1], {(d, k) for d, k, _ in dev + unseen + unseen_2 + unseen_3 + unseen_4})
    unseen_6 = draw(
        UNSEEN_6[0], UNSEEN_6[1], {(d, k) for d, k, _ in dev + unseen + unseen_2 + unseen_3 + unseen_4 + unseen_5}
    )
    unseen_7 = draw(
        UNSEEN_7[0],
        UNSEEN_7[1],
        {(d, k) for d, k, _ in dev + unseen + unseen_2 + unseen_3 + unseen_4 + unseen_5 + unseen_6},
    )
    unseen_8 = draw(
        UNSEEN_8[0],
        UNSEEN_8[1],
        {(d, k) for d, k, _ in dev + unseen + unseen_2 + unseen_3 + unseen_4 + unseen_5 + unseen_6 + unseen_7},
    )
    unseen_9 = draw(
        UNSEEN_9[0],
        UNSEEN_9[1],
        {
            (d, k)
            for d, k, _ in dev + unseen + unseen_2 + unseen_3 + unseen_4 + unseen_5 + unseen_6 + unseen_7 + unseen_8
        },
    )
    for name, rows in (
        ("hn_post_roles.csv", dev),
        ("hn_post_roles_unseen.csv", unseen),
        ("hn_post_roles_unseen2.csv", unseen_2),
        ("hn_post_roles_unseen3.csv", unseen_3),
        ("hn_post_roles_unseen4.csv", unseen_4),
        ("hn_post_roles_unseen5.csv", unseen_5),
        ("hn_post_roles_unseen6.csv", unseen_6),
        ("hn_post_roles_unseen7.csv", unseen_7),
        ("hn_post_roles_unseen8.csv", unseen_8),
        ("hn_post_roles_unseen9.csv", unseen_9),
    ):
        if not (DEVSETS / name).exists():  # labelled files are never overwritten
            write(DEVSETS / name, rows)
    print(
        len(dev),
        len(unseen),
        len(unseen_2),
        len(unseen_3),
        len(unseen_4),
        len(unseen_5),
        len(unseen_6),
        len(unseen_7),
        len(unseen_8),
        len(unseen_9),
    )
