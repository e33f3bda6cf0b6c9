"""Mutation fuzz over the sample workbooks, through check_year.

Each case takes a 2018 sample, spoils it (truncates it, flips bytes, shuffles or drops zip
members, deletes a sheet, garbles an XML part, types odd values into cells, moves a cell's
reference to another row, makes cells use a shared string of a few MB, lists sheets that name
another sheet's part) and checks the year with it. Every outcome must be a clean result or
problems located in that file — never an exception. `make test` runs FUZZ_CASES=300,
`make fuzz` thousands; a failing case prints its seed:
`FUZZ_ONLY=<seed> pytest tests/test_fuzz.py` replays it alone.
"""

import io
import os
import random
import re
import shutil
import traceback
import unicodedata
import warnings
import zipfile
from collections import Counter
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

import pytest

from reportgen.pipeline import check_year
from reportgen.problems import ERROR, WARNING
from tests import hostile
from tests.conftest import DATA

FUZZ_CASES = int(os.environ.get("FUZZ_CASES", "300"))
FUZZ_SEED = int(os.environ.get("FUZZ_SEED", "20181202"))
FUZZ_ONLY = os.environ.get("FUZZ_ONLY")
SAMPLES = sorted((DATA / "2018").glob("*.xlsx"))
XLS_SAMPLES: list[Path] = []  # made by the fuzz_dir fixture

ODD_VALUES = [
    "9" * 40,
    "9" * 5000,
    "-1",
    "-0",
    "1e309",
    "NaN",
    "inf",
    "1.519",
    "1,5",
    "19 500",
    " ",
    "\u00a0",
    "",
    "ba mươi",
    "=SUM(A1:A9)",
    "#DIV/0!",
    "2018-12-02",
    "TRUE",
    "x" * 40_000,
    "Huyện Đông Hưng",
    "Đông  Hưng ",
    "\u202eghnuH gnôĐ",
    "<img src=x onerror=alert(1)>",
    "{{ 7*7 }}",
    "😀" * 10,
    "Thành phố Thái Bình",
    "336",
    "2019",
    "1" + ".000" * 20,
]
XML_TOKENS = [
    b"<",
    b">",
    b"&",
    b'"',
    b"&amp;",
    b"&#0;",
    b"&#x1F600;",
    b"&lol;",
    b"<!DOCTYPE x>",
    b"\x00",
    b"\xff\xfe",
    b'<c r="ZZ9">',
    b'<c r="XFD1048576"><v>1</v></c>',
    b"<v>",
    b"</v>",
    b"</row>",
    b'<row r="0">',
    b'<row r="99999999999">',
    b'<c r="A">',
    b"<is><t>x</t></is>",
    '<sheet name="Chỉ tiêu" sheetId="99" r:id="rId99"/>'.encode(),
]
CELL_TYPES = [b'"inlineStr"', b'"n"', b'"b"', b'"e"', b'"s"', b'"str"', b'"d"', b'"x"']


def _members(content: bytes) -> list[tuple[zipfile.ZipInfo, bytes]]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return [(info, archive.read(info)) for info in archive.infolist()]


def _zip(members) -> bytes:
    out = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # duplicate names are one of the mutations
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            for info, data in members:
                archive.writestr(info.filename, data)
    return out.getvalue()


def truncate(content: bytes, rng: random.Random) -> bytes:
    return content[: rng.randrange(len(content))]


def flip_bytes(content: bytes, rng: random.Random) -> bytes:
    data = bytearray(content)
    for _ in range(rng.randint(1, 16)):
        data[rng.randrange(len(data))] ^= rng.randrange(1, 256)
    return bytes(data)


def shuffle_members(content: bytes, rng: random.Random) -> bytes:
    members = _members(content)
    rng.shuffle(members)
    return _zip(members)


def drop_members(content: bytes, rng: random.Random) -> bytes:
    members = _members(content)
    for _ in range(rng.randint(1, 3)):
        members.pop(rng.randrange(len(members)))
    return _zip(members)


def duplicate_member(content: bytes, rng: random.Random) -> bytes:
    members = _members(content)
    info, data = rng.choice(members)
    twin = _garble(data, rng) if rng.random() < 0.5 else b""
    members.insert(rng.randrange(len(members) + 1), (info, twin))
    return _zip(members)


def delete_sheet(content: bytes, rng: random.Random) -> bytes:
    """Delete a sheet the way Excel does: its entry, its relationship and its part."""
    members = dict((info.filename, (info, data)) for info, data in _members(content))
    workbook = members["xl/workbook.xml"][1].decode()
    sheets = re.findall(r'<sheet [^>]*r:id="(rId\d+)"[^>]*/>', workbook)
    rel = rng.choice(sheets)
    workbook = re.sub(rf'<sheet [^>]*r:id="{rel}"[^>]*/>', "", workbook)
    rels = members["xl/_rels/workbook.xml.rels"][1].decode()
    target = re.search(rf'<Relationship [^>]*Id="{rel}"[^>]*/>', rels)[0]
    part = "xl/" + re.search(r'Target="/?(?:xl/)?([^"]+)"', target)[1]
    rels = rels.replace(target, "")
    members["xl/workbook.xml"] = (members["xl/workbook.xml"][0], workbook.encode())
    rels_info = members["xl/_rels/workbook.xml.rels"][0]
    members["xl/_rels/workbook.xml.rels"] = (rels_info, rels.encode())
    members.pop(part, None)
    return _zip(members.values())


def _garble(data: bytes, rng: random.Random) -> bytes:
    data = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        at = rng.randrange(len(data) + 1)
        kind = rng.random()
        if kind < 0.4:
            data[at:at] = rng.choice(XML_TOKENS)
        elif kind < 0.6 and data:
            del data[at : at + rng.randint(1, 40)]
        elif kind < 0.8 and data:
            data[at:at] = data[at : at + rng.randint(1, 200)]
        elif data:
            data[min(at, len(data) - 1)] ^= rng.randrange(1, 256)
    return bytes(data)


def garble_xml(content: bytes, rng: random.Random) -> bytes:
    members = _members(content)
    i = rng.randrange(len(members))
    members[i] = (members[i][0], _garble(members[i][1], rng))
    return _zip(members)


def _edit_sheets(content: bytes, rng: random.Random, edit) -> bytes:
    """Apply edit(sheet XML, rng) -> sheet XML to one to three random worksheet members."""
    members = _members(content)
    sheets = [i for i, (info, _) in enumerate(members) if "worksheets/" in info.filename]
    for _ in range(rng.randint(1, 3)):
        i = rng.choice(sheets)
        members[i] = (members[i][0], edit(members[i][1], rng))
    return _zip(members)


def _odd_text(rng: random.Random) -> bytes:
    """One of ODD_VALUES, escaped as XML character data."""
    return xml_escape(rng.choice(ODD_VALUES)).encode()


def _odd_value(text: bytes, rng: random.Random) -> bytes:
    values = list(re.finditer(rb"<(t|v)>([^<]*)</\1>", text))
    if values:
        found = rng.choice(values)
        text = text[: found.start(2)] + _odd_text(rng) + text[found.end(2) :]
    types = list(re.finditer(rb't="[^"]*"', text))
    if types and rng.random() < 0.3:
        found = rng.choice(types)
        text = text[: found.start() + 2] + rng.choice(CELL_TYPES) + text[found.end() :]
    return text


def odd_values(content: bytes, rng: random.Random) -> bytes:
    """Type odd values into cells, and change the type some cells claim."""
    return _edit_sheets(content, rng, _odd_value)


def _text_in_number_cell(text: bytes, rng: random.Random) -> bytes:
    numbers = list(re.finditer(rb'<c r="([A-Z]+\d+)"([^>]*)><v>[^<]*</v></c>', text))
    if numbers:
        found = rng.choice(numbers)
        cell = b'<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (found[1], _odd_text(rng))
        text = text[: found.start()] + cell + text[found.end() :]
    return text


def text_in_number_cells(content: bytes, rng: random.Random) -> bytes:
    """Type odd text where a clerk should have typed a number."""
    return _edit_sheets(content, rng, _text_in_number_cell)


def _cell_off_its_row(text: bytes, rng: random.Random) -> bytes:
    cells = list(re.finditer(rb'<c r="([A-Z]+)(\d+)"', text))
    if cells:
        found = rng.choice(cells)
        near = b"%d" % (int(found[2]) + rng.randint(1, 5))
        row = rng.choice([b"99999999999", b"0", b"1048577", near])
        text = text[: found.start(2)] + row + text[found.end(2) :]
    return text


def cell_off_its_row(content: bytes, rng: random.Random) -> bytes:
    """Give a cell a reference in another row than the <row> it sits in (near, far or 0)."""
    return _edit_sheets(content, rng, _cell_off_its_row)


_VALUED_CELL = re.compile(rb'<c r="([A-Z]+\d+)"[^>]*>(?:(?!</c>).)*</c>', re.S)


def giant_shared_string(content: bytes, rng: random.Random) -> bytes:
    """Add a shared string of a few MB, and make a few to many cells of a sheet use it."""
    # Within the limit (read: 64 kB to 4 MB in all) or past it (80 MB: refused by the scan).
    size, uses = rng.choice([1 << 16, 1 << 22]), rng.choice([1, 20])
    sst = b'<sst xmlns="%s"><si><t>%s</t></si></sst>' % (hostile._MAIN.encode(), b"A" * size)

    def use(text: bytes, rng: random.Random) -> bytes:
        cells = list(_VALUED_CELL.finditer(text))
        for found in sorted(rng.sample(cells, min(uses, len(cells))), key=lambda m: -m.start()):
            text = (
                text[: found.start()]
                + b'<c r="%s" t="s"><v>0</v></c>' % found[1]
                + text[found.end() :]
            )
        return text

    members = [
        (i, d)
        for i, d in _members(_edit_sheets(content, rng, use))
        if "sharedStrings" not in i.filename
    ]
    return _zip([*members, (zipfile.ZipInfo(hostile.SHARED_STRINGS), sst)])


def aliased_sheets(content: bytes, rng: random.Random) -> bytes:
    """List more sheets that name the part of an existing one, by its relationship or a copy."""
    members = dict((info.filename, (info, data)) for info, data in _members(content))
    book_info, book = members["xl/workbook.xml"]
    rels_info, rels = members["xl/_rels/workbook.xml.rels"]
    targets = {rel: target for target, rel in re.findall(rb'Target="([^"]+)" Id="(rId\d+)"', rels)}
    sheets, links = [], []
    for i in range(rng.choice([1, 2, 50, 500])):
        rel = rng.choice(re.findall(rb'r:id="(rId\d+)"', book))
        if rng.random() < 0.5 and rel in targets:
            links.append(
                b'<Relationship Type="%s/worksheet" Target="%s" Id="rIdFuzz%d"/>'
                % (hostile._REL.encode(), targets[rel], i)
            )
            rel = b"rIdFuzz%d" % i
        sheets.append(
            b'<sheet xmlns:r="%s" name="Fuzz %d" sheetId="%d" r:id="%s"/>'
            % (hostile._REL.encode(), i, 1000 + i, rel)
        )
    members["xl/workbook.xml"] = (
        book_info,
        book.replace(b"</sheets>", b"".join(sheets) + b"</sheets>"),
    )
    rels = rels.replace(b"</Relationships>", b"".join(links) + b"</Relationships>")
    members["xl/_rels/workbook.xml.rels"] = (rels_info, rels)
    return _zip(members.values())


MUTATIONS = {
    "truncate": truncate,
    "flip_bytes": flip_bytes,
    "shuffle_members": shuffle_members,
    "drop_members": drop_members,
    "duplicate_member": duplicate_member,
    "delete_sheet": delete_sheet,
    "garble_xml": garble_xml,
    "odd_values": odd_values,
    "text_in_number_cells": text_in_number_cells,
    "cell_off_its_row": cell_off_its_row,
    "giant_shared_string": giant_shared_string,
    "aliased_sheets": aliased_sheets,
}


def mutate(seed: int) -> tuple[str, list[str], bytes]:
    """Return (file name, mutations applied, bytes) for one case; the seed decides all."""
    rng = random.Random(seed)
    source = rng.choice(SAMPLES + XLS_SAMPLES)
    legacy = source.suffix == ".xls"
    content, applied = source.read_bytes(), []
    for _ in range(rng.choice([1, 1, 1, 2, 3])):
        name = rng.choice(["truncate", "flip_bytes"] if legacy else list(MUTATIONS))
        try:
            content = MUTATIONS[name](content, rng)
        except Exception:  # an earlier mutation left nothing this one can work on
            continue
        applied.append(name)
    suffix = rng.choices([".xlsx", ".xlsm", ".xls", ".ods"], weights=[85, 5, 5, 5])[0]
    suffix = ".xls" if legacy else suffix
    return f"{source.stem}-fuzz{suffix}", applied, content


@pytest.fixture(scope="module")
def fuzz_dir(tmp_path_factory) -> Path:
    """A copy of data/ whose 2018 folder holds only the settings: one workbook goes in per case.

    Beside it, samples/ holds the .xls versions of two samples, fuzzed at the byte level.
    """
    root = tmp_path_factory.mktemp("fuzz")
    target = root / "data"
    shutil.copytree(DATA, target)
    for path in SAMPLES:
        (target / "2018" / path.name).unlink()
    (root / "samples").mkdir()
    for path in SAMPLES[:2]:
        XLS_SAMPLES.append(hostile.to_xls(path, root / "samples" / f"{path.stem}.xls"))
    return target


def _check_case(folder: Path, seed: int) -> str:
    """Run one case; return its outcome ("clean" or "problem"); raise if it is neither."""
    name, applied, content = mutate(seed)
    for old in folder.iterdir():
        if old.name != "bao-cao.toml":
            old.unlink()
    (folder / name).write_bytes(content)
    try:
        result = check_year(2018, folder.parent)
    except Exception:
        raise AssertionError(
            f"case seed {seed} ({', '.join(applied) or 'no mutation'} -> {name}) raised:\n"
            + traceback.format_exc()
        ) from None
    for problem in result.problems:
        assert problem.severity in (ERROR, WARNING), problem
        assert problem.message and unicodedata.is_normalized("NFC", problem.message), problem
        # Anything but the units still missing is located in the file.
        assert problem.file == name or problem.rule == "missing_unit", (seed, problem)
    if any(p.is_error for p in result.problems if p.file == name):
        return "problem"
    # No error: then the workbook was read, and its unit is in the report (never silently lost).
    read = [s for s in result.submissions if s.file == name]
    assert len(read) == 1, (seed, applied, "neither refused nor read")
    return "clean"


def test_mutated_workbooks_give_a_clean_result_or_a_located_problem(fuzz_dir: Path, capsys):
    folder = fuzz_dir / "2018"
    rng = random.Random(FUZZ_SEED)
    seeds = [int(FUZZ_ONLY)] if FUZZ_ONLY else [rng.getrandbits(32) for _ in range(FUZZ_CASES)]
    outcomes = Counter(_check_case(folder, seed) for seed in seeds)
    if not FUZZ_ONLY:
        # Both outcomes occur: the mutations reach the checks, and harmless ones are read.
        assert outcomes["problem"] > 0 and outcomes["clean"] > 0, outcomes
    with capsys.disabled():
        print(f"\nfuzz: {len(seeds)} cases, {dict(outcomes)}, 0 exceptions")
