"""The commune chair's recognition decision as an official document (Decree 30/2020), with its households."""

from __future__ import annotations

from giamngheo.core.official_document import (
    HeaderCell,
    Heading,
    OfficialDocument,
    Signature,
    Table,
    Text,
    committee_name,
    place_name,
)
from giamngheo.reviews.models import Decision, Outcome, ReviewCase, Step

# The groups of Article 1, each with the outcomes recognised into it (Decision 24/2021/QĐ-TTg, Art. 4.6).
GROUPS = (
    (
        "hộ nghèo",
        (Outcome.NEW_POOR, Outcome.RELAPSE_POOR, Outcome.NEAR_POOR_TO_POOR, Outcome.REMAINS_POOR),
    ),
    (
        "hộ cận nghèo",
        (
            Outcome.NEW_NEAR_POOR,
            Outcome.RELAPSE_NEAR_POOR,
            Outcome.POOR_TO_NEAR_POOR,
            Outcome.REMAINS_NEAR_POOR,
        ),
    ),
    ("hộ thoát nghèo", (Outcome.ESCAPED_POOR,)),
    ("hộ thoát cận nghèo", (Outcome.ESCAPED_NEAR_POOR,)),
)
# The legal basis cited; the review procedure and the standard in force for the review year (law.md §1, §3).
BASIS = (
    "Căn cứ Luật Tổ chức chính quyền địa phương;",
    "Căn cứ Nghị định số 07/2021/NĐ-CP ngày 27 tháng 01 năm 2021 của Chính phủ quy định chuẩn nghèo đa "
    "chiều giai đoạn 2021 - 2025;",
    "Căn cứ Quyết định số 24/2021/QĐ-TTg ngày 16 tháng 7 năm 2021 của Thủ tướng Chính phủ quy định quy "
    "trình rà soát hộ nghèo, hộ cận nghèo hằng năm và quy trình xác định hộ làm nông nghiệp, lâm nghiệp, "
    "ngư nghiệp và diêm nghiệp có mức sống trung bình;",
)


def _number(decision: Decision) -> tuple[str, str]:
    """«12/QĐ-UBND» → («12», «QĐ-UBND»); a bare number keeps the usual symbol."""
    number, _slash, symbol = decision.number.partition("/")
    return number.strip(), symbol.strip() or "QĐ-UBND"


def decision_document(decision: Decision) -> OfficialDocument:
    """The decision: basis, Articles 1–3 with the counts per group, and the list of households by group."""
    commune = decision.commune
    campaign = decision.campaign
    cases = list(
        ReviewCase.objects.filter(campaign=campaign, commune=commune, step=Step.DECIDED)
        .select_related("household", "village")
        .order_by("village__name", "household__code")
    )
    number, symbol = _number(decision)
    signed = f"{decision.signed_on:%d/%m/%Y}"
    chair = f"CHỦ TỊCH {committee_name(commune.name)}"
    article = []
    appendix: list[Text | Table] = []
    header = (
        tuple(HeaderCell(t) for t in ("STT", "Mã hộ", "Họ và tên chủ hộ", "Thôn, tổ dân phố", "Ghi chú")),
    )
    for index, (group, outcomes) in enumerate(GROUPS, start=1):
        members = [case for case in cases if case.outcome in outcomes]
        article.append(f"{index}. Số {group}: {len(members)} hộ (danh sách tại Phụ lục {index} kèm theo).")
        rows = tuple(
            (
                str(position),
                case.household.code,
                case.household.head_name,
                case.village.name if case.village else "",
                str(Outcome(case.outcome).label),
            )
            for position, case in enumerate(members, start=1)
        )
        appendix.append(
            Table(
                header=header,
                rows=rows or (("", "", "Không có hộ nào", "", ""),),
                widths=(0.6, 1.6, 3.0, 2.0, 2.4),
                title=f"Phụ lục {index}. Danh sách {group}",
            )
        )
    body = (
        Heading(chair, center=True),
        Text("\n".join(BASIS), italic=True),
        Text(
            italic=True,
            text=f"Căn cứ kết quả rà soát hộ nghèo, hộ cận nghèo năm {campaign.year} ({campaign.name}) "
            f"trên địa bàn {commune.name};\n"
            f"Theo đề nghị của Ban Chỉ đạo rà soát hộ nghèo, hộ cận nghèo {commune.name}.",
        ),
        Heading("QUYẾT ĐỊNH:", center=True),
        Text(
            f"Điều 1. Công nhận kết quả rà soát hộ nghèo, hộ cận nghèo năm {campaign.year} trên địa bàn "
            f"{commune.name} như sau:\n" + "\n".join(article)
        ),
        Text("Điều 2. Quyết định này có hiệu lực kể từ ngày ký."),
        Text(
            f"Điều 3. Văn phòng Hội đồng nhân dân và Ủy ban nhân dân {commune.name}, công chức phụ trách "
            "công tác giảm nghèo, Trưởng các thôn, tổ dân phố và các hộ gia đình có tên tại Điều 1 chịu "
            "trách nhiệm thi hành Quyết định này."
        ),
    )
    return OfficialDocument(
        parent_body="",
        issuing_body=committee_name(commune.name),
        number=number,
        symbol=symbol,
        place=place_name(commune.name),
        date=decision.signed_on,
        year=decision.signed_on.year,
        kind="QUYẾT ĐỊNH",
        subject="Về việc công nhận hộ nghèo, hộ cận nghèo, hộ thoát nghèo, hộ thoát cận nghèo "
        f"năm {campaign.year}",
        body=body,
        recipients=(
            "Như Điều 3;",
            f"UBND {commune.province.name if commune.province else 'tỉnh'} (Sở Nông nghiệp và Môi trường);",
            "Lưu: VT.",
        ),
        signature=Signature(("CHỦ TỊCH",), "", decision.signer.full_name or decision.signer.username),
        appendix_title=f"PHỤ LỤC\n(Kèm theo Quyết định số {decision.number} ngày {signed} của Chủ tịch "
        f"Ủy ban nhân dân {commune.name})",
        appendix=tuple(appendix),
        title=f"Quyết định {decision.number} — {commune.name}",
    )
