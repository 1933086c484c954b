"""Explanations: each indicator's verdict and causes, what would change the category, Vietnamese sentences."""

from __future__ import annotations

import datetime as dt

import polars as pl

from giamngheo.standards.engine import evaluate_frames, result_columns
from giamngheo.standards.formatting import vn_decimal_expr, vn_integer, vn_integer_expr
from giamngheo.standards.indicators import MEMBER_KINDS, STRUCTURES, above_working_age, non_durable
from giamngheo.standards.loader import load_codes, load_column_labels, load_support_lines
from giamngheo.standards.model import AREAS, CATEGORY_LABELS_VI, Area, Indicator, Sourced, Standard

STRUCTURE_LABELS_VI = {"foundation": "nền móng", "walls": "khung-tường", "roof": "mái"}
AREA_LABELS_VI = {"rural": "khu vực nông thôn", "urban": "khu vực thành thị"}
EXPLANATION_COLUMNS = (
    "deprived_indicators",
    "removals_needed",
    "suggested_removals",
    "income_gap",
    "support_lines",
)


def _label(column: str, code_list: str) -> pl.Expr:
    """Vietnamese label of a coded column (unknown codes are shown as they are)."""
    return pl.col(column).replace(load_codes()[code_list])


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def member_cause_text(indicator: Indicator, standard: Standard) -> pl.Expr:
    """For a member who causes the deprivation: "Nguyễn Văn A, 34 tuổi, không có thẻ BHYT"; else null."""
    name = pl.coalesce(pl.col("full_name"), pl.format("thành viên số {}", pl.col("member_no")))
    age = (
        pl.when(pl.col("age").is_null()).then(pl.lit("không rõ tuổi")).otherwise(pl.format("{} tuổi", "age"))
    )
    kind = indicator.kind
    detail: pl.Expr
    if kind == "employment":
        detail = _label("employment", "employment").str.to_lowercase()
    elif kind == "dependants":
        detail = (
            pl.when(pl.col("age") < indicator.param_int("child_age_below"))
            .then(pl.lit("trẻ em"))
            .when(above_working_age(standard))
            .then(pl.lit("quá tuổi lao động"))
            .otherwise(pl.lit("không có khả năng lao động hoặc khuyết tật nặng"))
        )
    elif kind == "nutrition":
        detail = _label("nutrition", "nutrition").str.to_lowercase()
    elif kind == "health_insurance":
        detail = pl.lit("không có thẻ BHYT")
    elif kind == "adult_education":
        detail = pl.format(
            "trình độ: {}, không đi học", _label("education", "education").fill_null("không rõ")
        )
    elif kind == "child_schooling":
        detail = pl.lit("không đi học")
    else:
        detail = pl.lit(_lower_first(load_column_labels()["member"][indicator.param_str("column")]))
    return pl.when(pl.col(f"cause_{indicator.key}")).then(pl.format("{}, {}, {}", name, age, detail))


def household_cause_list(indicator: Indicator) -> pl.Expr:
    """List of household-level causes of a deprivation (empty when not deprived)."""
    deprived = pl.col(f"deprived_{indicator.key}")
    labels = load_column_labels()["household"]
    items: list[pl.Expr]
    if indicator.kind == "housing_quality":
        no_house = (pl.col("has_house") == False).fill_null(False)  # noqa: E712
        items = [pl.when(deprived & no_house).then(pl.lit("không có nhà ở"))]
        for structure in STRUCTURES:
            material = _label(f"{structure}_material", "material")
            text = pl.format("{}: {}", pl.lit(STRUCTURE_LABELS_VI[structure]), material)
            items.append(pl.when(deprived & ~no_house & non_durable(indicator, structure)).then(text))
    elif indicator.kind == "housing_area":
        per_person = pl.col("floor_area_m2") / pl.col("household_size")
        text = pl.format(
            "{} m² cho {} người, {} m²/người",
            vn_decimal_expr(pl.col("floor_area_m2")),
            pl.col("household_size"),
            vn_decimal_expr(per_person),
        )
        items = [pl.when(deprived).then(text)]
    elif indicator.kind == "household_code_in":
        column = indicator.param_str("column")
        from giamngheo.standards.facts import HOUSEHOLD_CODED_COLUMNS

        text = pl.format(
            "{}: {}", pl.lit(_lower_first(labels[column])), _label(column, HOUSEHOLD_CODED_COLUMNS[column])
        )
        items = [pl.when(deprived).then(text)]
    else:
        absent = "; ".join(
            f"{_lower_first(labels[column])}: không" for column in indicator.param_codes("columns")
        )
        items = [pl.when(deprived).then(pl.lit(absent))]
    return pl.concat_list(items).list.drop_nulls()


def _by_area_text(lines: dict[Area, Sourced] | None, render: str) -> pl.Expr:
    """Text per area from a line: render is a format with {value} and {tag}."""
    if lines is None:
        return pl.lit(None, dtype=pl.String)
    texts = {
        area: render.format(
            value=vn_integer(lines[area].value), tag=f"[{lines[area].confidence.value}: {lines[area].source}]"
        )
        for area in AREAS
    }
    return pl.when(pl.col("area") == "urban").then(pl.lit(texts["urban"])).otherwise(pl.lit(texts["rural"]))


def priority_order(standard: Standard) -> list[Indicator]:
    support = load_support_lines()
    order = {key: index for index, key in enumerate(standard.indicator_keys)}
    return sorted(standard.indicators, key=lambda item: (support[item.key].priority, order[item.key]))


def move_expressions(standard: Standard) -> list[list[pl.Expr]]:
    """What would change the category: removals needed, which ones, and the income gap (two stages)."""
    support = load_support_lines()
    ordered = priority_order(standard)
    on_income = pl.col("income_path") == "income"
    measure = pl.col("income_measure")
    k = int(standard.poor_min_deprivations.value)
    low_line = pl.when(on_income).then(_line(standard.income_lines)).otherwise(_line(standard.score_lines))
    near_line = (
        pl.when(on_income).then(_line(standard.near_poor_lines)).otherwise(_line(standard.score_lines))
    )
    income_only_poor = pl.lit(standard.rule == "two_tier") & (measure <= low_line).fill_null(False)
    removals = (
        pl.when((pl.col("category") == "poor") & ~income_only_poor)
        .then(pl.col("deprivation_count") - (k - 1))
        .otherwise(None)
        .alias("removals_needed")
    )
    deprived_keys = pl.concat_list(
        [pl.when(pl.col(f"deprived_{item.key}")).then(pl.lit(item.key)) for item in ordered]
    ).list.drop_nulls()
    suggested = deprived_keys.list.head(pl.col("removals_needed").fill_null(0)).alias("suggested_removals")
    support_texts = (
        pl.concat_list(
            [
                pl.when(pl.col(f"deprived_{item.key}")).then(pl.lit(support[item.key].support_vi))
                for item in ordered
            ]
        )
        .list.drop_nulls()
        .list.unique(maintain_order=True)
        .alias("support_lines")
    )
    gap_line = pl.when(income_only_poor).then(low_line).otherwise(near_line)
    gap = (
        pl.when(pl.col("category").is_in(["poor", "near_poor"]))
        .then((gap_line.floor() - measure + 1).cast(pl.Int64))
        .otherwise(None)
        .alias("income_gap")
    )
    in_standard_order = pl.concat_list(
        [pl.when(pl.col(f"deprived_{key}")).then(pl.lit(key)) for key in standard.indicator_keys]
    ).list.drop_nulls()
    return [[in_standard_order.alias("deprived_indicators"), removals, support_texts, gap], [suggested]]


def _line(lines: dict[Area, Sourced] | None) -> pl.Expr:
    if lines is None:
        return pl.lit(None, dtype=pl.Float64)
    return (
        pl.when(pl.col("area") == "urban")
        .then(lines["urban"].value)
        .otherwise(lines["rural"].value)
        .cast(pl.Float64)
    )


def sentence_expression(standard: Standard) -> pl.Expr:
    """The explanation an officer can read aloud, in Vietnamese."""
    on_income = pl.col("income_path") == "income"
    unit = pl.when(on_income).then(pl.lit("đồng")).otherwise(pl.lit("điểm"))
    measure_text = (
        pl.when(on_income)
        .then(pl.format("Thu nhập bình quân {} đồng/người/tháng", vn_integer_expr(pl.col("income_measure"))))
        .otherwise(pl.format("Điểm A = {}", vn_integer_expr(pl.col("income_measure"))))
    )
    line_render = "{value} {unit} {tag}"
    near_lines = (
        pl.when(on_income)
        .then(_by_area_text(standard.near_poor_lines, line_render.replace("{unit}", "đồng")))
        .otherwise(_by_area_text(standard.score_lines, line_render.replace("{unit}", "điểm")))
    )
    low_lines = (
        pl.when(on_income)
        .then(_by_area_text(standard.income_lines, line_render.replace("{unit}", "đồng")))
        .otherwise(_by_area_text(standard.score_lines, line_render.replace("{unit}", "điểm")))
    )
    average_lines = _by_area_text(standard.average_lines, line_render.replace("{unit}", "đồng"))
    income_only_poor = pl.lit(standard.rule == "two_tier") & (
        pl.col("income_measure")
        <= pl.when(on_income).then(_line(standard.income_lines)).otherwise(_line(standard.score_lines))
    ).fill_null(False)
    relation = (
        pl.when(income_only_poor)
        .then(pl.format("không vượt chuẩn nghèo {}", low_lines))
        .when(pl.col("category").is_in(["poor", "near_poor"]))
        .then(pl.format("không vượt chuẩn {}", near_lines))
        .when(pl.col("category") == "average")
        .then(pl.format("trên chuẩn {}, không vượt mức sống trung bình {}", near_lines, average_lines))
        .when(on_income)
        .then(pl.format("vượt mức sống trung bình {}", average_lines))
        .otherwise(pl.format("vượt ngưỡng {}", near_lines))
    )
    category_text = pl.col("category").replace(CATEGORY_LABELS_VI)
    area_text = pl.col("area").replace(AREA_LABELS_VI)
    head = pl.format(
        "{} theo {} ({}).",
        category_text.str.slice(0, 1).str.to_uppercase() + category_text.str.slice(1),
        pl.lit(standard.name_vi),
        area_text,
    )
    income_part = pl.format("{}, {}.", measure_text, relation)
    deprivation_part = (
        pl.when(pl.col("deprivation_count") == 0)
        .then(pl.lit("Hộ không thiếu hụt chỉ số nào (điểm B = 0)."))
        .otherwise(
            pl.format(
                "Hộ có {} chỉ số thiếu hụt (điểm B = {}; {}): {}.",
                pl.col("deprivation_count"),
                pl.col("score_b"),
                pl.lit(f"hộ nghèo khi thiếu hụt từ {int(standard.poor_min_deprivations.value)} chỉ số"),
                pl.concat_str(
                    [_indicator_part(item) for item in standard.indicators], separator=", ", ignore_nulls=True
                ),
            )
        )
    )
    names = {item.key: _lower_first(item.name_vi) for item in standard.indicators}
    support = load_support_lines()
    mapping = {key: f"{names[key]} → {support[key].support_vi}" for key in standard.indicator_keys}
    removal_part = pl.when(pl.col("removals_needed") > 0).then(
        pl.format(
            "Để chuyển thành hộ cận nghèo cần giải quyết ít nhất {} chỉ số thiếu hụt, ưu tiên: {}.",
            pl.col("removals_needed"),
            pl.col("suggested_removals").list.eval(pl.element().replace(mapping)).list.join("; "),
        )
    )
    gap_part = pl.when(pl.col("income_gap").is_not_null()).then(
        pl.format(
            "Để vượt chuẩn, {} cần tăng thêm ít nhất {} {}.",
            pl.when(on_income).then(pl.lit("thu nhập bình quân")).otherwise(pl.lit("điểm A")),
            vn_integer_expr(pl.col("income_gap")),
            pl.when(on_income).then(pl.lit("đồng/người/tháng")).otherwise(unit),
        )
    )
    low_income_part = pl.when(pl.col("low_income_worker") == True).then(  # noqa: E712
        _by_area_text(
            standard.low_income_worker_lines,
            "Thành viên trong độ tuổi lao động của hộ thuộc diện người lao động có thu nhập thấp "
            "(thu nhập bình quân không quá {value} đồng) {tag}.",
        )
    )
    sentence = pl.concat_str(
        [head, income_part, deprivation_part, removal_part, gap_part, low_income_part],
        separator=" ",
        ignore_nulls=True,
    )
    return (
        pl.when(pl.col("category").is_null())
        .then(
            pl.lit(
                "Chưa phân loại được: thiếu thu nhập bình quân, điểm A hoặc khu vực, "
                "hoặc chuẩn không có ngưỡng điểm A."
            )
        )
        .otherwise(sentence)
        .alias("explanation_vi")
    )


def _indicator_part(indicator: Indicator) -> pl.Expr:
    causes = pl.col(f"causes_{indicator.key}").list.join("; ")
    title = f"{_lower_first(indicator.name_vi)} [{indicator.confidence.value}]"
    if indicator.kind == "dependants":
        causes = pl.format(
            "{}/{} thành viên là người phụ thuộc: {}",
            pl.col(f"count_{indicator.key}"),
            pl.col("household_size"),
            causes,
        )
    return pl.when(pl.col(f"deprived_{indicator.key}")).then(pl.format("{} ({})", pl.lit(title), causes))


def explain_frame(
    standard: Standard,
    households: pl.DataFrame,
    members: pl.DataFrame,
    reference_date: dt.date,
) -> pl.DataFrame:
    """Classification plus explanation columns for every household (vectorised)."""
    frame, prepared = evaluate_frames(standard, households, members, reference_date)
    member_indicators = [item for item in standard.indicators if item.kind in MEMBER_KINDS]
    texts = prepared.select(
        "household_code",
        *(member_cause_text(item, standard).alias(f"causes_{item.key}") for item in member_indicators),
    )
    causes = texts.group_by("household_code").agg(
        pl.col(f"causes_{item.key}").drop_nulls() for item in member_indicators
    )
    frame = frame.join(causes, on="household_code", how="left", maintain_order="left")
    frame = frame.with_columns(
        *(
            pl.when(pl.col(f"deprived_{item.key}"))
            .then(pl.col(f"causes_{item.key}").fill_null(pl.lit([], dtype=pl.List(pl.String))))
            .otherwise(pl.lit([], dtype=pl.List(pl.String)))
            .alias(f"causes_{item.key}")
            for item in member_indicators
        ),
        *(
            household_cause_list(item).alias(f"causes_{item.key}")
            for item in standard.indicators
            if item.kind not in MEMBER_KINDS
        ),
    )
    for stage in move_expressions(standard):
        frame = frame.with_columns(stage)
    frame = frame.with_columns(sentence_expression(standard))
    return frame.select(
        *result_columns(standard),
        *EXPLANATION_COLUMNS,
        *(f"causes_{key}" for key in standard.indicator_keys),
        "explanation_vi",
    )
