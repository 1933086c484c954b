"""The `giamngheo classify` command: good files give a result, bad files give located errors and no output."""
# ruff: noqa: E501  (CSV fixtures and expected messages are kept on one line each, as users see them)

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from giamngheo.cli import main

HOUSEHOLDS = """Mã hộ,Khu vực,Thu nhập bình quân (đồng/người/tháng),Có nhà ở,Vật liệu nền móng,Vật liệu khung-tường,Vật liệu mái,Diện tích nhà ở (m²),Nguồn nước sinh hoạt,Loại nhà tiêu,Có thành viên sử dụng internet,Có ti vi,Có radio,Có máy tính,"Có điện thoại thông minh, máy tính bảng",Nghe được loa truyền thanh
H001,Nông thôn,1.200.000,có,"Gạch, đá","Tre, gỗ tạp","Lá, rơm rạ, giấy dầu","15,5",Giếng khoan,Hố đào đơn giản,có,có,không,không,có,có
H002,urban,2500000,1,brick_stone,brick_stone,tile,80,piped,septic,1,1,0,0,1,1
"""
MEMBERS = """household_code,member_no,full_name,personal_id,birth_date,birth_year,sex,relation,ethnicity,employment,working_capacity,disability,health_insurance,education,in_school,nutrition
H001,1,Nguyễn Văn A,046090001234,,1990,Nam,Chủ hộ,Kinh,unemployed,full,none,không,upper_secondary,0,
H001,2,Nguyễn Thị B,,15/03/2015,,female,child,01,not_in_labour_force,full,none,1,primary,0,stunted
H002,1,Trần Văn C,,,1980,male,head,3,self_employed,full,none,1,university,0,
"""


def write(tmp_path: Path, households: str = HOUSEHOLDS, members: str = MEMBERS) -> tuple[Path, Path]:
    households_path, members_path = tmp_path / "H.csv", tmp_path / "M.csv"
    households_path.write_text(households, encoding="utf-8")
    members_path.write_text(members, encoding="utf-8")
    return households_path, members_path


def classify(households: Path, members: Path, out: Path, *extra: str) -> int:
    arguments = [
        "classify",
        "--standard",
        "2022-2025",
        "--households",
        str(households),
        "--members",
        str(members),
    ]
    return main([*arguments, "--out", str(out), "--reference-date", "2025-10-01", *extra])


def test_good_files_give_results(tmp_path: Path) -> None:
    households, members = write(tmp_path)

    code = classify(households, members, tmp_path / "R.csv")

    assert code == 0
    result = pl.read_csv(tmp_path / "R.csv")
    assert result["household_code"].to_list() == ["H001", "H002"]
    assert result["category"].to_list() == ["poor", "average"]
    assert result["category_vi"].to_list() == ["hộ nghèo", "hộ có mức sống trung bình"]
    assert result["deprivation_count"].to_list() == [7, 0]
    assert result["low_income_worker"].to_list() == [False, True]
    assert "explanation_vi" not in result.columns


def test_integral_decimal_income_is_accepted(tmp_path: Path) -> None:
    households, members = write(tmp_path, households=HOUSEHOLDS.replace("2500000", "2500000.0"))

    assert classify(households, members, tmp_path / "R.csv") == 0
    assert pl.read_csv(tmp_path / "R.csv")["income_measure"].to_list() == [1_200_000.0, 2_500_000.0]


def test_explain_to_excel(tmp_path: Path) -> None:
    households, members = write(tmp_path)

    code = classify(households, members, tmp_path / "R.xlsx", "--explain")

    assert code == 0
    result = pl.read_excel(tmp_path / "R.xlsx", engine="openpyxl")
    first = result.row(0, named=True)
    assert first["causes_health_insurance"] == "Nguyễn Văn A, 35 tuổi, không có thẻ BHYT"
    assert first["causes_nutrition"] == "Nguyễn Thị B, 10 tuổi, suy dinh dưỡng thấp còi"
    assert first["removals_needed"] == 5
    assert first["explanation_vi"].startswith(
        "Hộ nghèo theo Chuẩn nghèo đa chiều giai đoạn 2022–2025 (khu vực nông thôn). "
        "Thu nhập bình quân 1.200.000 đồng/người/tháng, không vượt chuẩn 1.500.000 đồng "
        "[C: Nghị định 07/2021/NĐ-CP, Điều 3.1.a]. Hộ có 7 chỉ số thiếu hụt (điểm B = 70; "
    )


def test_excel_input_with_vietnamese_headers(tmp_path: Path) -> None:
    households, members = write(tmp_path)
    pl.read_csv(households, infer_schema=False).write_excel(tmp_path / "H.xlsx")
    pl.read_csv(members, infer_schema=False).write_excel(tmp_path / "M.xlsx")

    code = classify(tmp_path / "H.xlsx", tmp_path / "M.xlsx", tmp_path / "R.csv")

    assert code == 0
    assert pl.read_csv(tmp_path / "R.csv")["category"].to_list() == ["poor", "average"]


@pytest.mark.parametrize(
    ("target", "replacement", "expected"),
    [
        (
            "households",
            ("H002,urban", "H002,suburb"),
            "H.csv, dòng 3, cột «Khu vực», giá trị «suburb»: giá trị không có trong danh mục",
        ),
        (
            "households",
            ("2500000", '"2,5 triệu"'),
            "H.csv, dòng 3, cột «Thu nhập bình quân (đồng/người/tháng)», giá trị «2,5 triệu»: cần số nguyên không âm",
        ),
        (
            "households",
            ("H002,urban,2500000", "H001,urban,2500000"),
            "H.csv, dòng 3, cột «Mã hộ», giá trị «H001»: mã hộ bị trùng",
        ),
        (
            "households",
            (",80,", ",tám mươi,"),
            "H.csv, dòng 3, cột «Diện tích nhà ở (m²)», giá trị «tám mươi»: cần một số",
        ),
        (
            "households",
            ("Có ti vi", "Có tivi màu"),
            "H.csv, dòng 1, cột «Có tivi màu»: cột không có trong định dạng trao đổi",
        ),
        (
            "members",
            ("15/03/2015", "31/02/2015"),
            "M.csv, dòng 3, cột «Ngày sinh», giá trị «31/02/2015»: ngày không hợp lệ",
        ),
        (
            "members",
            ("046090001234", "46090001234"),
            "M.csv, dòng 2, cột «Số định danh cá nhân», giá trị «46090001234»: số định danh cá nhân phải gồm đúng 12 chữ số",
        ),
        (
            "members",
            ("H002,1,", "H009,1,"),
            "M.csv, dòng 4, cột «Mã hộ», giá trị «H009»: mã hộ không có trong tệp hộ gia đình",
        ),
        (
            "members",
            ("H001,2,", "H001,1,"),
            "M.csv, dòng 3, cột «STT thành viên», giá trị «1»: số thứ tự thành viên bị trùng trong cùng hộ",
        ),
        (
            "members",
            (",Kinh,", ",Klingon,"),
            "M.csv, dòng 2, cột «Dân tộc», giá trị «Klingon»: mã dân tộc không hợp lệ",
        ),
        (
            "members",
            (",1,primary,0,stunted", ",,primary,0,stunted"),
            "M.csv, dòng 3, cột «Có thẻ BHYT»: thiếu giá trị bắt buộc",
        ),
        (
            "members",
            (",health_insurance,", ",bhyt,"),
            "M.csv, dòng 1, cột «bhyt»: cột không có trong định dạng trao đổi",
        ),
    ],
)
def test_bad_file_reports_located_errors_and_writes_nothing(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    target: str,
    replacement: tuple[str, str],
    expected: str,
) -> None:
    texts = {"households": HOUSEHOLDS, "members": MEMBERS}
    assert replacement[0] in texts[target]
    texts[target] = texts[target].replace(*replacement, 1)
    households, members = write(tmp_path, texts["households"], texts["members"])

    code = classify(households, members, tmp_path / "R.csv", "--errors", str(tmp_path / "errors.csv"))

    assert code == 2
    assert not (tmp_path / "R.csv").exists()
    assert expected in capsys.readouterr().err
    errors = pl.read_csv(tmp_path / "errors.csv")
    assert errors.columns == ["file", "row", "column", "value", "reason_vi"]
    assert errors.height >= 1


def test_ragged_csv_is_an_error_not_a_crash(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    households, members = write(tmp_path, households=HOUSEHOLDS.replace("2500000", "2,5 triệu"))

    assert classify(households, members, tmp_path / "R.csv") == 2
    assert "H.csv: không đọc được tệp (CSV UTF-8 hoặc Excel .xlsx)" in capsys.readouterr().err
    assert not (tmp_path / "R.csv").exists()


def test_missing_required_column(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    members = "\n".join(",".join(line.split(",")[:12]) for line in MEMBERS.splitlines()) + "\n"
    households, members_path = write(tmp_path, members=members)

    code = classify(households, members_path, tmp_path / "R.csv")

    assert code == 2
    err = capsys.readouterr().err
    assert "M.csv, dòng 1, cột «Có thẻ BHYT»: thiếu cột bắt buộc (mã cột: health_insurance)" in err
    assert not (tmp_path / "R.csv").exists()


def test_existing_output_is_kept_when_input_is_bad(tmp_path: Path) -> None:
    households, members = write(tmp_path, members=MEMBERS.replace("Nam", "Nam giới"))
    (tmp_path / "R.csv").write_text("previous", encoding="utf-8")

    assert classify(households, members, tmp_path / "R.csv") == 2
    assert (tmp_path / "R.csv").read_text(encoding="utf-8") == "previous"


def test_bad_override_exits_with_configuration_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    households, members = write(tmp_path)
    override = tmp_path / "local.toml"
    override.write_text(
        'base = "2022-2025"\nsource = "NQ"\nconfidence = "C"\n[income_lines]\nrural = 1000000\n'
    )

    code = classify(households, members, tmp_path / "R.csv", "--override", str(override))

    assert code == 3
    assert "income_lines.rural: 1,000,000 is below the national value 1,500,000" in capsys.readouterr().err
    assert not (tmp_path / "R.csv").exists()


def test_score_table_fills_score_a(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    households, members = write(tmp_path, households=HOUSEHOLDS.replace("1.200.000", ""))

    code = classify(households, members, tmp_path / "R.csv", "--score-table", "sample")

    assert code == 0
    result = pl.read_csv(tmp_path / "R.csv")
    # Sample table, rural base 100: household_size 2 ≤ 3 (+20), smartphone (+10); 130 ≤ 140 → poor.
    assert result.row(0, named=True)["income_path"] == "score"
    assert result.row(0, named=True)["income_measure"] == 130.0
    assert result.row(0, named=True)["category"] == "poor"
    assert "không dùng cho kết quả chính thức" in capsys.readouterr().err
