"""BAB V: SWOT matrix (5.1), policies per strategy (5.2), and the chain of tujuan, sasaran,
strategi and kebijakan (5.3, T-C.26), all derived from the links in the data."""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..calc.derive import Derived
from ..model import Dataset
from ..sources.frames import plain
from ..sources.schema import PERSPECTIVES
from .common import agency
from .model import Format, Style, Table
from .spec import BLANK, KEY, STYLE, Source, TableSpec, build_table, col

SWOT, STRATEGIES, POLICIES, GOALS = "swot", "strategi", "kebijakan", "tujuan_sasaran"


# ---------------------------------------------------------------- 5.1 SWOT


def _numbered(texts: list[Any]) -> str:
    return "\n".join(f"{i}. {t}" for i, t in enumerate(texts, start=1))


def table_5_1(dataset: Dataset, derived: Derived) -> Table:
    swot, strategies = dataset.frame(SWOT), dataset.frame(STRATEGIES)
    numbers = pd.Series(range(1, len(strategies) + 1), index=strategies.index)

    def items(kind: str) -> str:
        return _numbered(plain(swot.loc[swot["jenis"] == kind, "uraian"]))

    def strategies_of(quadrant: str) -> str:
        chosen = strategies["kuadran"] == quadrant
        return "\n".join(
            f"{n}. {t}"
            for n, t in zip(numbers[chosen], strategies.loc[chosen, "uraian"], strict=True)
        )

    rows: list[dict[str, Any]] = [
        {KEY: "Peluang/Tantangan", "internal": BLANK, "peluang": items("Peluang"),
         "tantangan": items("Tantangan")},
    ]  # fmt: skip
    for kind, internal in (("Kekuatan", "S"), ("Kelemahan", "W")):
        rows.append(
            {
                KEY: kind.upper(),
                "internal": kind.upper(),
                "peluang": f"Strategi O-{internal}",
                "tantangan": f"Strategi T-{internal}",
                STYLE: Style.BOLD,
            }
        )
        rows.append(
            {
                KEY: f"{kind} / strategi",
                "internal": items(kind),
                "peluang": strategies_of(f"O-{internal}"),
                "tantangan": strategies_of(f"T-{internal}"),
            }
        )
    spec = TableSpec(
        "swot",
        f"Analisa SWOT {agency(dataset)}",
        (
            col("internal", "", width=1.0),
            col("peluang", "PELUANG", width=1.2),
            col("tantangan", "TANTANGAN", width=1.2),
        ),
    )
    return build_table(spec, pd.DataFrame(rows), dataset)


# ---------------------------------------------------------------- 5.2 policies


def table_5_2(dataset: Dataset, derived: Derived) -> Table:
    strategies, policies = dataset.frame(STRATEGIES), dataset.frame(POLICIES)
    rows: list[dict[str, Any]] = []
    for number, (strategy_id, text) in enumerate(
        zip(strategies["id"], strategies["uraian"], strict=True), start=1
    ):
        own = policies[policies["strategi"] == strategy_id]
        if own.empty:
            continue
        rows.append({KEY: strategy_id, "no": f"Strategi {number}: {text}", STYLE: Style.SECTION})
        rows += _perspective_rows(strategy_id, own)
    spec = TableSpec(
        "kebijakan",
        f"Kebijakan {agency(dataset)} {dataset.config.agency.daerah}",
        (
            col("no", "No", format=Format.INT, width=0.4),
            col(
                "perspektif",
                "Perspektif",
                width=1.4,
                source=Source(POLICIES, "perspektif", "baris"),
            ),
            col(
                "kebijakan", "Kebijakan Umum", width=2.6, source=Source(POLICIES, "uraian", "baris")
            ),
            col("program", "Program", width=2.0, source=Source(POLICIES, "program", "baris")),
        ),
    )
    return build_table(
        spec,
        pd.DataFrame(
            rows, columns=[KEY, "no", STYLE, "perspektif", "kebijakan", "program", "baris"]
        ),
        dataset,
    )


def _perspective_rows(strategy_id: str, policies: pd.DataFrame) -> list[dict[str, Any]]:
    """Every perspective of Permendagri 86/2017 in order (then any other), its policies or one
    empty row."""
    extra = [p for p in dict.fromkeys(policies["perspektif"].dropna()) if p not in PERSPECTIVES]
    rows = []
    for number, perspective in enumerate((*PERSPECTIVES, *extra), start=1):
        matching = policies[policies["perspektif"] == perspective]
        entries = list(matching.itertuples()) or [None]
        for i, policy in enumerate(entries):
            rows.append(
                {
                    KEY: f"{strategy_id} / {perspective}",
                    "no": number if i == 0 else BLANK,
                    "perspektif": perspective if i == 0 else BLANK,
                    "kebijakan": policy.uraian if policy else BLANK,
                    "program": (_text(policy.program) or BLANK) if policy else BLANK,
                    "baris": policy.Index if policy else None,
                }
            )
    return rows


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


# ---------------------------------------------------------------- 5.3 T-C.26


def chains(dataset: Dataset) -> pd.DataFrame:
    """Every path tujuan -> sasaran -> strategi -> kebijakan, in data order
    (strategi_kebijakan): the Excel rows of each step (NA where the chain stops)."""
    goals = dataset.frame(GOALS).reset_index()
    tujuan = goals[goals["jenis"] == "Tujuan"][["baris", "id"]]
    sasaran = goals[(goals["jenis"] == "Sasaran") & goals["induk"].notna()]
    sasaran = sasaran[["baris", "id", "induk"]]
    strategies = dataset.frame(STRATEGIES).reset_index()
    strategies = strategies[strategies["sasaran"].notna()][["baris", "id", "sasaran"]]
    policies = dataset.frame(POLICIES).reset_index()
    policies = policies[policies["strategi"].notna()][["baris", "strategi"]]
    paths = tujuan.rename(columns={"baris": "tujuan", "id": "tujuan_id"})
    paths = paths.merge(
        sasaran.rename(columns={"baris": "sasaran", "id": "sasaran_id"}),
        how="left", left_on="tujuan_id", right_on="induk", sort=False,
    )  # fmt: skip
    paths = paths.merge(
        strategies.rename(columns={"baris": "strategi", "id": "strategi_id", "sasaran": "_s"}),
        how="left", left_on="sasaran_id", right_on="_s", sort=False,
    )  # fmt: skip
    paths = paths.merge(
        policies.rename(columns={"baris": "kebijakan", "strategi": "_k"}),
        how="left", left_on="strategi_id", right_on="_k", sort=False,
    )  # fmt: skip
    return paths[["tujuan", "sasaran", "strategi", "kebijakan"]]


def table_5_3(dataset: Dataset, derived: Derived) -> Table:
    sheets = {"tujuan": GOALS, "sasaran": GOALS, "strategi": STRATEGIES, "kebijakan": POLICIES}
    ids = {
        "tujuan": dataset.frame(GOALS)["id"],
        "sasaran": dataset.frame(GOALS)["id"],
        "strategi": dataset.frame(STRATEGIES)["id"],
        "kebijakan": dataset.frame(POLICIES)["id"],
    }
    rows: list[dict[str, Any]] = _vision_rows(dataset)
    previous: tuple | None = None
    for path in chains(dataset).itertuples(index=False):
        steps = dict(zip(sheets, path, strict=True))
        texts = tuple(
            dataset.frame(sheets[k]).at[int(r), "uraian"] if pd.notna(r) else BLANK
            for k, r in steps.items()
        )
        key = " / ".join(str(ids[k][int(r)]) for k, r in steps.items() if pd.notna(r))
        shown = blank_repeats(texts, previous)
        row = {KEY: key, **dict(zip(sheets, shown, strict=True))}
        row.update({f"{k}_row": (int(r) if pd.notna(r) else None) for k, r in steps.items()})
        rows.append(row)
        previous = texts
    columns = tuple(
        col(k, k.upper(), width=w, source=Source(sheets[k], "uraian", f"{k}_row"))
        for k, w in (("tujuan", 1.0), ("sasaran", 1.2), ("strategi", 1.8), ("kebijakan", 1.8))
    )
    spec = TableSpec("strategi_kebijakan", "Tujuan, Sasaran, Strategi Dan Kebijakan", columns)
    frame = pd.DataFrame(rows, columns=[KEY, STYLE, *sheets, *(f"{k}_row" for k in sheets)])
    return build_table(spec, frame, dataset)


def _vision_rows(dataset: Dataset) -> list[dict[str, Any]]:
    missions = dataset.frame("visi_misi")
    rows = []
    vision = missions.loc[missions["jenis"] == "Visi", "uraian"].dropna()
    if len(vision):
        rows.append({KEY: "VISI", "tujuan": f"VISI: {vision.iloc[0]}", STYLE: Style.SECTION})
    related = missions[(missions["jenis"] == "Misi") & (missions["terkait"] == "Ya")]
    for text in related["uraian"]:
        rows.append({KEY: "MISI", "tujuan": f"MISI: {text}", STYLE: Style.SECTION})
    return rows


def blank_repeats(values: tuple[Any, ...], previous: tuple[Any, ...] | None) -> list[Any]:
    """Leading cells equal to the previous row's are left empty (grouped columns, as in
    strategi_kebijakan).

    Only a prefix is blanked: once a cell differs, every cell to its right is shown.
    """
    shown = list(values)
    if previous is None:
        return shown
    for i, (now, before) in enumerate(zip(values, previous, strict=False)):
        if now != before or now in (None, BLANK):
            break
        shown[i] = BLANK
    return shown


TABLES = {"swot": table_5_1, "kebijakan": table_5_2, "strategi_kebijakan": table_5_3}
