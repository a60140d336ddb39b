"""`python -m werkbrug.matching allocate`: good files give the assignment, bad ones one clear message."""

import subprocess
import sys

import pytest

from werkbrug.matching.__main__ import main

PAIRS = """\
learner_id,workplace_id,learner_rank,workplace_rank,score
ana,bakery,1,2,0.9
ana,garage,2,1,0.8
bram,bakery,1,1,0.5
cas,garage,1,2,0.3
"""
HEADER = PAIRS.splitlines()[0]
CAPACITIES = """\
workplace_id,capacity
bakery,1
garage,1
florist,3
"""


def run(tmp_path, pairs: str = PAIRS, capacities: str = CAPACITIES, method: str = "stable") -> int:
    (tmp_path / "pairs.csv").write_text(pairs, encoding="utf-8")
    (tmp_path / "capacities.csv").write_text(capacities, encoding="utf-8")
    return main(["allocate", "--pairs", str(tmp_path / "pairs.csv"),
                 "--capacities", str(tmp_path / "capacities.csv"),
                 "--method", method, "--out", str(tmp_path / "out.csv")])  # fmt: skip


def test_stable_writes_one_row_per_learner_in_order_of_first_appearance(tmp_path, capsys):
    assert run(tmp_path) == 0
    # The bakery prefers Bram, so Ana takes the garage, where she comes before Cas.
    assert (tmp_path / "out.csv").read_text() == "learner_id,workplace_id\nana,garage\nbram,bakery\ncas,\n"
    summary = capsys.readouterr().err
    assert "stable: 2 of 3 learners matched, 1 unmatched, welfare 1.3" in summary


def test_optimal_writes_the_assignment_with_the_highest_total_score(tmp_path, capsys):
    assert run(tmp_path, method="optimal") == 0
    # Ana at the bakery (0.9) and Cas at the garage (0.3) make 1.2; Ana at the garage and Bram at the
    # bakery make 1.3.
    assert (tmp_path / "out.csv").read_text() == "learner_id,workplace_id\nana,garage\nbram,bakery\ncas,\n"
    assert "optimal: 2 of 3 learners matched" in capsys.readouterr().err


def test_ids_with_commas_and_a_byte_order_mark_survive(tmp_path):
    pairs = "\ufeff" + HEADER + '\n"Peeters, An","Bakkerij ""De Korf""",1,1,1\n'
    assert run(tmp_path, pairs, 'workplace_id,capacity\n"Bakkerij ""De Korf""",1\n') == 0
    assert (
        tmp_path / "out.csv"
    ).read_text() == 'learner_id,workplace_id\n"Peeters, An","Bakkerij ""De Korf"""\n'


def test_columns_may_come_in_any_order_and_blank_lines_are_skipped(tmp_path):
    pairs = "score,workplace_rank,learner_rank,workplace_id,learner_id\n\n1,1,1,bakery,ana\n\n"
    assert run(tmp_path, pairs, "capacity,workplace_id\n1,bakery\n") == 0
    assert (tmp_path / "out.csv").read_text() == "learner_id,workplace_id\nana,bakery\n"


def test_a_pairs_file_with_only_its_header_gives_an_empty_assignment(tmp_path):
    assert run(tmp_path, PAIRS.splitlines()[0] + "\n") == 0
    assert (tmp_path / "out.csv").read_text() == "learner_id,workplace_id\n"


EXPECTED = "learner_id,workplace_id,learner_rank,workplace_rank,score"


@pytest.mark.parametrize(
    "pairs, capacities, message",
    [
        ("", CAPACITIES, f"pairs.csv: the file is empty; expected the header {EXPECTED}"),
        ("learner_id,workplace_id,learner_rank,score\nana,bakery,1,1\n", CAPACITIES,
         f'pairs.csv, line 1: the column "workplace_rank" is missing; expected the header {EXPECTED}'),
        (HEADER + ",remark\n", CAPACITIES,
         f'pairs.csv, line 1: unknown column "remark"; expected the header {EXPECTED}'),
        (HEADER.replace("score", "learner_id") + "\n", CAPACITIES,
         'pairs.csv, line 1: the column "learner_id" appears twice'),
        (PAIRS + "cas,bakery,2,3,0.1,extra\n", CAPACITIES, "pairs.csv, line 6: expected 5 cells, got 6"),
        (PAIRS + "cas,bakery,2\n", CAPACITIES, "pairs.csv, line 6: expected 5 cells, got 3"),
        (PAIRS + ",bakery,2,3,0.1\n", CAPACITIES, "pairs.csv, line 6: learner_id is empty"),
        (PAIRS + "cas,,2,3,0.1\n", CAPACITIES, "pairs.csv, line 6: workplace_id is empty"),
        (PAIRS + "cas,bakery,x,3,0.1\n", CAPACITIES,
         'pairs.csv, line 6: learner_rank must be a whole number of at least 1, got "x"'),
        (PAIRS + "cas,bakery,0,3,0.1\n", CAPACITIES,
         'pairs.csv, line 6: learner_rank must be a whole number of at least 1, got "0"'),
        (PAIRS + "cas,bakery,2,1.5,0.1\n", CAPACITIES,
         'pairs.csv, line 6: workplace_rank must be a whole number of at least 1, got "1.5"'),
        (PAIRS + "cas,bakery,2,3,good\n", CAPACITIES,
         'pairs.csv, line 6: score must be a number, got "good"'),
        (PAIRS + "cas,bakery,2,3,nan\n", CAPACITIES, 'pairs.csv, line 6: score must be a number, got "nan"'),
        (PAIRS + "ana,garage,3,3,0.1\n", CAPACITIES,
         'pairs.csv, line 6: learner "ana" and workplace "garage" are paired twice (first on line 3)'),
        (PAIRS + "cas,dairy,2,3,0.1\n", CAPACITIES, 'pairs.csv, line 6: workplace "dairy" is not in'),
        (PAIRS, "workplace_id,capacity\nbakery,1\ngarage,2\nbakery,3\n",
         'capacities.csv, line 4: workplace "bakery" is listed twice (first on line 2)'),
        (PAIRS, "workplace_id,capacity\nbakery,1\ngarage,-1\n",
         'capacities.csv, line 3: capacity must be a whole number of at least 0, got "-1"'),
        (PAIRS, "workplace_id,capacity\nbakery,1\ngarage,2.5\n",
         'capacities.csv, line 3: capacity must be a whole number of at least 0, got "2.5"'),
        (PAIRS, "workplace_id,capacity\nbakery,1\ngarage,many\n",
         'capacities.csv, line 3: capacity must be a whole number of at least 0, got "many"'),
        (PAIRS, "workplace_id\nbakery\n", 'capacities.csv, line 1: the column "capacity" is missing'),
        # The first bad line counts, even when a later one is bad in another way.
        (PAIRS + "cas,bakery,x,3,0.1\n,bakery,1,1,1\n", CAPACITIES, "pairs.csv, line 6: learner_rank"),
        (PAIRS + ",bakery,1,1,1\ncas,bakery,x,3,0.1\n", CAPACITIES, "pairs.csv, line 6: learner_id is empty"),
        # Blank lines are skipped but still counted.
        (HEADER + "\n\nana,bakery,1,1,1\n\n\nbram,bakery,1,x,1\n", CAPACITIES,
         'pairs.csv, line 6: workplace_rank must be a whole number of at least 1, got "x"'),
    ],
)  # fmt: skip
def test_a_bad_file_stops_with_status_2_and_one_message_with_its_line(
    tmp_path, capsys, pairs, capacities, message
):
    assert run(tmp_path, pairs, capacities) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1
    assert error.startswith(str(tmp_path / message.split(":")[0].split(",")[0]))
    assert message.split(".csv", 1)[1] in error
    assert not (tmp_path / "out.csv").exists()


def test_a_missing_file_is_named(tmp_path, capsys):
    (tmp_path / "capacities.csv").write_text(CAPACITIES)
    status = main(["allocate", "--pairs", str(tmp_path / "nothere.csv"), "--capacities",
                   str(tmp_path / "capacities.csv"), "--out", str(tmp_path / "out.csv")])  # fmt: skip
    assert status == 2
    assert capsys.readouterr().err == f"{tmp_path / 'nothere.csv'}: no such file\n"


def test_bytes_that_are_not_utf8_are_reported_with_their_line(tmp_path, capsys):
    (tmp_path / "pairs.csv").write_bytes(
        (PAIRS + "cas,bakery,2,3,0.1\n").encode() + b"d\xe9sir\xe9,bakery,1,1,1\n"
    )
    (tmp_path / "capacities.csv").write_text(CAPACITIES)
    status = main(["allocate", "--pairs", str(tmp_path / "pairs.csv"), "--capacities",
                   str(tmp_path / "capacities.csv"), "--out", str(tmp_path / "out.csv")])  # fmt: skip
    assert status == 2
    assert capsys.readouterr().err == f"{tmp_path / 'pairs.csv'}, line 7: not UTF-8 text\n"


def test_an_output_that_cannot_be_written_is_named(tmp_path, capsys):
    (tmp_path / "pairs.csv").write_text(PAIRS)
    (tmp_path / "capacities.csv").write_text(CAPACITIES)
    out = tmp_path / "missing" / "out.csv"
    status = main(["allocate", "--pairs", str(tmp_path / "pairs.csv"), "--capacities",
                   str(tmp_path / "capacities.csv"), "--out", str(out)])  # fmt: skip
    assert status == 2
    assert capsys.readouterr().err.startswith(f"{out}: cannot write the file")


def test_scores_too_large_for_the_optimal_method_are_refused(tmp_path, capsys):
    assert run(tmp_path, PAIRS.replace("0.3", "1e20"), method="optimal") == 2
    assert (
        capsys.readouterr().err
        == f"{tmp_path / 'pairs.csv'}: scores are too large for the min-cost flow; scale them to [0, 1]\n"
    )


def test_a_bad_command_line_exits_with_2(capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["allocate", "--pairs", "pairs.csv"])
    assert stopped.value.code == 2
    assert "--capacities" in capsys.readouterr().err


def test_the_module_runs_as_a_command(tmp_path):
    (tmp_path / "pairs.csv").write_text(PAIRS)
    (tmp_path / "capacities.csv").write_text(CAPACITIES)
    done = subprocess.run(
        [sys.executable, "-m", "werkbrug.matching", "allocate", "--pairs", "pairs.csv",
         "--capacities", "capacities.csv", "--method", "optimal", "--out", "out.csv"],
        cwd=tmp_path, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "out.csv").read_text().splitlines()[1:] == ["ana,garage", "bram,bakery", "cas,"]
