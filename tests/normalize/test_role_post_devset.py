"""The roles a real HN post hires for, measured on posts labelled by hand (tests/devsets/, LABELLING.md).

Precision and recall are micro-averaged over (post, role) pairs, `other` left out. The sets:

| set | posts | rules it was first scored with | precision | recall |
|---|---|---|---|---|
| `hn_post_roles.csv` (dev) | 250 | header only, before this work | 0.875 | 0.269 |
| `hn_post_roles.csv` (dev) | 250 | v5 | 0.946 | 0.897 |
| `hn_post_roles.csv` (dev) | 250 | v6 | 0.962 | 0.974 |
| `hn_post_roles.csv` (dev) | 250 | v8 | 0.962 | 0.974 |
| `hn_post_roles.csv` (dev) | 250 | v9 | 0.975 | 0.987 |
| `hn_post_roles_unseen.csv` | 150 | v1 (frozen, scored once) | 0.800 | 0.824 |
| `hn_post_roles_unseen2.csv` | 150 | v2 (frozen, scored once) | 1.000 | 0.657 |
| `hn_post_roles_unseen3.csv` | 150 | v3 (frozen, scored once) | 0.967 | 0.744 |
| `hn_post_roles_unseen4.csv` | 150 | v4 (frozen, scored once) | 0.929 | 0.897 |
| `hn_post_roles_unseen5.csv` | 150 | v5 (frozen, scored once) | 0.939 | 0.861 |
| `hn_post_roles_unseen6.csv` | 200 | v6 (frozen, scored once) | 0.882 | 0.833 |
| `hn_post_roles_unseen7.csv` | 200 | v7 (frozen, scored once) | 0.927 | 0.809 |
| `hn_post_roles_unseen8.csv` | 250 | v8 (frozen, scored once) | 0.922 | 0.868 |
| `hn_post_roles_unseen9.csv` | 250 | v9 (frozen, scored once) | 0.921 | 0.784 |
| `hn_post_roles_unseen10.csv` | 250 | v9 (frozen, scored once; labelled twice) | 0.947 | 0.783 |

Each unseen sample's ids were committed before the rules it measures were frozen, and its labels
before it was scored; after it was scored, its errors informed the next version of the rules, so it
is unseen only for its own row. v6 was built on dev and samples 1–5 (0.980 / 0.952 over their 252
pairs together), v7 on those and sample 6, v8 on all eight sets (dev + samples 1–6 first, checked on
sample 7 before sample 7 was used: 0.907 / 0.830 there), v9 on all nine (dev + samples 1–7 first,
checked on sample 8 before sample 8 was used: 0.922 / 0.868, no change from v8's one-shot score). The
floors below guard v9 on every set (measured values in the comments, v8's beside them); the one-shot
figures are the ones to quote for unseen posts — on the sixth to ninth samples the goal (precision
0.95, recall 0.90) was not met (recall 0.78–0.87); v9 was scored once on the ninth, drawn before v9
was frozen (0.921 / 0.784), and once on the tenth, labelled blind by two labellers (0.947 / 0.783).
"""

from __future__ import annotations

import polars as pl
import pytest

from pipeline.normalize.batch import derive_taxonomy
from pipeline.normalize.roles import classify_roles
from pipeline.normalize.title_split import title_parts
from tests.devsets import sample_hn_posts
from tests.devsets.load import DEVSETS, read_labels, with_text

ML_ROLES = ["data_scientist", "ml_engineer", "ai_engineer", "research_scientist", "research_engineer"]
SETS = {  # file → (precision floor, recall floor); measured with the v9 rules in the comment (v8 in brackets)
    "hn_post_roles.csv": (0.96, 0.97),  # 0.975 / 0.987 (0.962 / 0.974)
    "hn_post_roles_unseen.csv": (0.98, 0.95),  # 1.000 / 0.971 (1.000 / 0.971)
    "hn_post_roles_unseen2.csv": (0.98, 0.92),  # 1.000 / 0.943 (1.000 / 0.943)
    "hn_post_roles_unseen3.csv": (0.96, 0.96),  # 0.975 / 0.975 (0.975 / 0.975)
    "hn_post_roles_unseen4.csv": (0.95, 0.95),  # 0.966 / 0.966 (0.964 / 0.931)
    "hn_post_roles_unseen5.csv": (0.98, 0.98),  # 1.000 / 1.000 (1.000 / 1.000)
    "hn_post_roles_unseen6.csv": (0.93, 0.95),  # 0.944 / 0.962 (0.944 / 0.962; v6's one-shot score 0.882 / 0.833)
    "hn_post_roles_unseen7.csv": (0.95, 0.98),  # 0.959 / 1.000 (0.958 / 0.979; v7's one-shot score 0.927 / 0.809)
    "hn_post_roles_unseen8.csv": (0.97, 0.91),  # 0.984 / 0.926 (v8's one-shot score 0.922 / 0.868)
    "hn_post_roles_unseen9.csv": (0.90, 0.76),  # v9's one-shot score 0.921 / 0.784
    "hn_post_roles_unseen10.csv": (0.93, 0.76),  # v9's one-shot score 0.947 / 0.783
}
# The sixth sample per role with v9 (unchanged from v8): (precision floor, recall floor), measured in the comment (v6's
# one-shot score in brackets).
UNSEEN_6_PER_ROLE = {
    "data_scientist": (0.98, 0.98),  # 1.000 / 1.000 over 18 labelled pairs (1.000 / 0.889)
    "ml_engineer": (0.93, 0.98),  # 0.950 / 1.000 over 19 (0.889 / 0.800 over 20, before one label fix)
    "ai_engineer": (0.87, 0.78),  # 0.889 / 0.800 over 10 (0.778 / 0.700)
    "research_scientist": (0.98, 0.98),  # 1.000 / 1.000 over 6 (0.857 / 1.000)
}
# The seventh sample per role with v9: (precision floor, recall floor), measured in the comment (v7's
# one-shot score in brackets).
UNSEEN_7_PER_ROLE = {
    "data_scientist": (0.98, 0.98),  # 1.000 / 1.000 over 15 labelled pairs (1.000 / 0.867)
    "ml_engineer": (0.93, 0.98),  # 0.947 / 1.000 over 18 (0.846 / 0.611; v8 0.944 / 0.944)
    "ai_engineer": (0.98, 0.98),  # 1.000 / 1.000 over 8 (1.000 / 1.000)
    "research_scientist": (0.65, 0.98),  # 0.667 / 1.000 over 2 (0.667 / 1.000)
    "research_engineer": (0.98, 0.98),  # 1.000 / 1.000 over 4 (1.000 / 1.000)
}

# The eighth sample per role with v9: (precision floor, recall floor), measured in the comment (v8's
# one-shot score in brackets).
UNSEEN_8_PER_ROLE = {
    "data_scientist": (0.98, 0.94),  # 1.000 / 0.957 over 23 labelled pairs (1.000 / 0.913)
    "ml_engineer": (0.93, 0.84),  # 0.950 / 0.864 over 22 (0.889 / 0.727)
    "ai_engineer": (0.98, 0.92),  # 1.000 / 0.933 over 15 (0.875 / 0.933)
    "research_scientist": (0.98, 0.98),  # 1.000 / 1.000 over 6 (0.857 / 1.000)
    "research_engineer": (0.98, 0.98),  # 1.000 / 1.000 over 2 (1.000 / 1.000)
}
PER_ROLE = {
    "hn_post_roles_unseen6.csv": UNSEEN_6_PER_ROLE,
    "hn_post_roles_unseen7.csv": UNSEEN_7_PER_ROLE,
    "hn_post_roles_unseen8.csv": UNSEEN_8_PER_ROLE,
}


def posts(name: str) -> pl.DataFrame:
    """A set's posts as the HN importer stores them (title from the header), with their labels."""
    labelled = with_text(read_labels(name).with_columns(pl.col("roles").fill_null("")))
    return labelled.with_columns(
        posting_id=pl.col("dataset") + ":" + pl.col("key"), source=pl.lit("hn"), company=pl.lit(None, pl.String)
    )


def pairs(found: pl.DataFrame) -> set[tuple[str, str]]:
    return {
        (post, role)
        for post, role in found.filter(pl.col("role").is_in(ML_ROLES)).select("posting_id", "role").iter_rows()
    }


def labelled_pairs(rows: pl.DataFrame) -> set[tuple[str, str]]:
    return {
        (post, role)
        for post, roles in rows.select("posting_id", "roles").iter_rows()
        for role in roles.split("|")
        if role
    }


def scores(gold: set, got: set, role: str | None = None) -> tuple[float, float, int]:
    if role:
        gold, got = {p for p in gold if p[1] == role}, {p for p in got if p[1] == role}
    hits = len(gold & got)
    return (hits / len(got) if got else 1.0), (hits / len(gold) if gold else 1.0), len(gold)


def report(name: str, gold: set, got: set) -> str:
    lines = [f"{name}: precision {scores(gold, got)[0]:.3f} recall {scores(gold, got)[1]:.3f} over {len(gold)} pairs"]
    for role in ML_ROLES:
        precision, recall, n = scores(gold, got, role)
        lines.append(f"  {role:20s} precision {precision:.3f} recall {recall:.3f} ({n} labelled)")
    lines += [f"  missed {p}" for p in sorted(gold - got)] + [f"  wrong  {p}" for p in sorted(got - gold)]
    return "\n".join(lines)


@pytest.fixture(scope="module")
def measured() -> dict[str, tuple[set, set]]:
    """Per set: (labelled pairs, pairs the pipeline derives)."""
    out = {}
    for name in SETS:
        rows = posts(name)
        found = derive_taxonomy(rows.select("posting_id", "source", "title", "company", "description_text"))
        out[name] = (labelled_pairs(rows), pairs(found.posting_roles))
    return out


@pytest.mark.parametrize("name", list(SETS))
def test_roles_read_from_the_whole_post_meet_their_floors(measured, name):
    gold, got = measured[name]
    precision, recall, _ = scores(gold, got)
    print("\n" + report(name, gold, got))
    floor_p, floor_r = SETS[name]
    assert precision >= floor_p and recall >= floor_r, report(name, gold, got)


@pytest.mark.parametrize("name, role", [(name, role) for name, floors in PER_ROLE.items() for role in floors])
def test_each_role_on_the_last_three_unseen_samples_meets_its_floor(measured, name, role):
    gold, got = measured[name]
    precision, recall, _ = scores(gold, got, role)
    floor_p, floor_r = PER_ROLE[name][role]
    assert precision >= floor_p and recall >= floor_r, report(name, gold, got)


def test_reading_the_body_finds_what_the_header_alone_missed(measured):
    """Before this work only the header was classified: dev recall 0.269 with the title rules of then,
    0.282 with today's. The same 250 posts, both ways, with today's title rules."""
    rows = posts("hn_post_roles.csv")
    header_only = classify_roles(
        title_parts(rows.select("posting_id", "title")).join(
            rows.select("posting_id", "description_text"), on="posting_id"
        )
    )
    gold, got = measured["hn_post_roles.csv"]
    before, after = scores(gold, pairs(header_only))[1], scores(gold, got)[1]
    print(f"\ndev recall: header only {before:.3f}, whole post {after:.3f}")
    assert before < 0.35 < 0.85 < after


def test_the_sets_are_big_and_mixed_enough_to_mean_something():
    dev = read_labels("hn_post_roles.csv").with_columns(pl.col("roles").fill_null(""))
    assert dev.height == 250 and set(dev["dataset"]) == {"hn_2013", "hn_2026"}
    assert dev.filter(pl.col("roles") != "").height >= 60
    assert set("|".join(dev["roles"]).split("|")) - {""} == set(ML_ROLES)


def test_the_samples_are_the_seeded_draw_and_never_overlap():
    """Anyone can redraw the samples from the real data; the unseen ones exclude every earlier set."""
    dev = sample_hn_posts.draw(*sample_hn_posts.DEV, set())
    drawn = {"hn_post_roles.csv": dev}
    seen = {(d, k) for d, k, _ in dev}
    for index, (seed, sizes) in enumerate(
        [
            sample_hn_posts.UNSEEN,
            sample_hn_posts.UNSEEN_2,
            sample_hn_posts.UNSEEN_3,
            sample_hn_posts.UNSEEN_4,
            sample_hn_posts.UNSEEN_5,
            sample_hn_posts.UNSEEN_6,
            sample_hn_posts.UNSEEN_7,
            sample_hn_posts.UNSEEN_8,
        ]
    ):
        rows = sample_hn_posts.draw(seed, sizes, seen)
        drawn[f"hn_post_roles_unseen{'' if index == 0 else index + 1}.csv"] = rows
        seen |= {(d, k) for d, k, _ in rows}
    for name, rows in drawn.items():
        stored = read_labels(name).select("dataset", "key", "stratum").rows()
        assert stored == [tuple(row) for row in rows], name
    assert len(seen) == 250 + 5 * 150 + 2 * 200 + 250


def test_the_sets_keep_references_not_text():
    """The CSVs hold keys, labels and the labeller's notes, never a post's words (real data stays out)."""
    for name in SETS:
        stored = (DEVSETS / name).read_text(encoding="utf-8").lower()
        texts = posts(name)["description_text"].fill_null("").str.to_lowercase()
        copied = [
            text[i : i + 40]
            for text in texts
            for i in range(0, max(len(text) - 40, 0), 40)
            if text[i : i + 40] in stored
        ]
        assert copied == [], name
