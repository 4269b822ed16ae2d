"""`jobpulse explore`: the file beside the reports, linked from the index and from each report."""

from __future__ import annotations

from datetime import date

from planted_trends import AS_OF
from report_warehouse import PostingFactory, write_warehouse

from jobpulse.cli import main
from reports.build import build_report


def small_warehouse(path):
    factory = PostingFactory()
    for week in range(3):
        factory.add_week("ml_engineer", date(2026, 11, 2 + 7 * week), 5, {"python": 0.6})
    return write_warehouse(path, factory.frames())


def test_explore_writes_the_file_and_the_index_links_it(tmp_path, capsys):
    db = small_warehouse(tmp_path / "w.duckdb")
    out = tmp_path / "reports"
    report = build_report(db, out, as_of=AS_OF)
    assert 'href="explore.html"' not in (out / "index.html").read_text()  # nothing to link to yet
    assert 'href="explore.html"' in report.html_path.read_text()  # each report links it

    assert main(["explore", "--db", str(db), "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert str(out / "explore.html") in printed and "MB" in printed
    assert (out / "explore.html").stat().st_size > 50_000  # uPlot and the data are inside
    assert 'href="explore.html"' in (out / "index.html").read_text()
    assert "(explore.html)" in (out / "index.md").read_text()
    assert 'href="report-2026-W47.html"' in (out / "index.html").read_text()  # the reports stay listed


def test_a_missing_warehouse_is_a_one_line_error(tmp_path, capsys):
    assert main(["explore", "--db", str(tmp_path / "none.duckdb"), "--out", str(tmp_path)]) == 2
    error = capsys.readouterr().err.strip()
    assert error.startswith("jobpulse explore: no warehouse at") and "\n" not in error


def test_a_file_that_is_not_a_warehouse_is_a_one_line_error(tmp_path, capsys):
    import duckdb

    other = tmp_path / "other.duckdb"
    duckdb.connect(str(other)).execute("CREATE TABLE t (x INT)").close()
    assert main(["explore", "--db", str(other), "--out", str(tmp_path)]) == 2
    error = capsys.readouterr().err.strip()
    assert error.startswith("jobpulse explore: ") and "is it a jobpulse warehouse?" in error and "\n" not in error
