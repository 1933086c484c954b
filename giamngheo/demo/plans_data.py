"""The five seed plans as data (numbers as the plans state them; see docs/programs.md for sources)."""
# ruff: noqa: E501, N817, ERA001 — data tables read best one row per line

from __future__ import annotations

import datetime
from decimal import Decimal as D
from typing import Any

D0 = datetime.date

# fmt: off

LSS = "Sở Lao động - Thương binh và Xã hội"
ALL_AGENCIES = "Các địa phương và các Sở, ngành liên quan"

# (local number, local name, catalogue code, lead agency, coordinating agencies)
PROJECTS_2021_2025 = [
    ("Dự án 1", "Hỗ trợ đầu tư phát triển hạ tầng kinh tế - xã hội huyện nghèo, xã đặc biệt khó khăn vùng bãi ngang, ven biển", "P1", LSS, ["Sở Kế hoạch và Đầu tư"]),
    ("Dự án 2", "Đa dạng hóa sinh kế, phát triển mô hình giảm nghèo", "P2", LSS, ["Sở Nông nghiệp và Phát triển nông thôn"]),
    ("Tiểu dự án 3.1", "Hỗ trợ phát triển sản xuất trong lĩnh vực nông nghiệp", "P3.1", "Sở Nông nghiệp và Phát triển nông thôn", [LSS]),
    ("Tiểu dự án 3.2", "Cải thiện dinh dưỡng", "P3.2", "Sở Y tế", [LSS]),
    ("Dự án 4", "Phát triển giáo dục nghề nghiệp, việc làm bền vững", "P4", LSS, ["Sở Giáo dục và Đào tạo"]),
    ("Dự án 5", "Hỗ trợ nhà ở cho hộ nghèo, hộ cận nghèo", "P5", "Sở Xây dựng", [LSS]),
    ("Tiểu dự án 6.1", "Giảm nghèo về thông tin", "P6.1", "Sở Thông tin và Truyền thông", [LSS]),
    ("Tiểu dự án 6.2", "Truyền thông về giảm nghèo đa chiều", "P6.2", LSS, ["Sở Thông tin và Truyền thông"]),
    ("Dự án 7", "Nâng cao năng lực và giám sát, đánh giá Chương trình", "P7", LSS, []),
]

# Targets: (indicator, kind, bound, low, high, year, group, text, extras)
SEED_000_TARGETS = [
    ("poverty_rate", "level", "range", D("2.0"), D("2.2"), 2025, "all", "Tỷ lệ hộ nghèo toàn tỉnh giảm còn 2,0 - 2,2% đến cuối năm 2025", {}),
    ("poverty_rate", "level", "at_most", None, D("1.5"), 2025, "rural", "Khu vực nông thôn giảm còn dưới 1,5%", {}),
    ("poverty_rate", "level", "at_most", None, D("5"), 2025, "mountainous", "Khu vực miền núi giảm còn dưới 5%", {}),
    ("poor_households", "level", "at_most", None, D("0"), 2025, "urban", "Khu vực thành thị không còn hộ nghèo", {"note": "Trừ hộ nghèo không có khả năng lao động"}),
    ("poverty_rate", "change_per_year", "range", D("3.5"), D("4.0"), 2025, "high_poverty_communes", "Các xã có tỷ lệ nghèo trên 25% giảm bình quân 3,5 - 4,0%/năm", {}),
    ("poverty_rate", "change_per_year", "at_least", D("3"), None, 2025, "ethnic_minority", "Tỷ lệ hộ nghèo vùng đồng bào dân tộc thiểu số mỗi năm giảm trên 3%", {}),
    ("poverty_rate", "change_per_year", "range", D("7"), D("9"), 2025, "all", "Riêng huyện A Lưới mỗi năm giảm 7 - 9%", {"target_unit": "481"}),
    ("poor_households", "level", "at_most", None, D("0"), 2025, "merit_households", "Không có hộ nghèo có thành viên là người có công với cách mạng", {}),
    ("poverty_rate", "change_over_period", "range", D("2.73"), D("2.93"), 2025, "all", "Giảm 2,73 - 2,93% cả giai đoạn", {}),
    ("poverty_rate", "change_per_year", "range", D("0.91"), D("0.98"), 2025, "all", "Bình quân giảm 0,91 - 0,98%/năm", {}),
    ("workers_job_connected", "count", "at_least", D("5000"), None, 2025, "all", "Ít nhất 5.000 lao động được kết nối việc làm", {}),
    ("workers_trained", "count", "at_least", D("5000"), None, 2025, "all", "Ít nhất 5.000 lao động được hỗ trợ đào tạo", {}),
    ("workers_abroad", "count", "about", D("4000"), None, 2025, "all", "Khoảng 4.000 lao động đi làm việc ở nước ngoài theo hợp đồng", {}),
    ("health_insurance_poor", "coverage", "at_least", D("100"), None, 2025, "poor_near_poor", "100% người nghèo, cận nghèo có bảo hiểm y tế", {}),
    ("child_stunting_rate", "level", "at_most", None, D("30"), 2025, "all", "Tỷ lệ trẻ em dưới 16 tuổi suy dinh dưỡng thể thấp còi dưới 30%", {}),
    ("children_at_school", "coverage", "at_least", D("95"), None, 2025, "poor_near_poor", "95% trẻ em hộ nghèo, cận nghèo đi học đúng độ tuổi", {}),
    ("trained_workers_rate", "level", "at_least", D("60"), None, 2025, "all", "60% lao động qua đào tạo", {"note": "Trong đó 25% có bằng cấp, chứng chỉ"}),
    ("houses_supported", "count", "at_least", D("1000"), None, 2025, "poor_near_poor", "Ít nhất 1.000 hộ nghèo, cận nghèo huyện A Lưới được hỗ trợ nhà ở", {"target_unit": "481"}),
    ("safe_water", "coverage", "at_least", D("100"), None, 2025, "poor_near_poor", "100% hộ nghèo, cận nghèo sử dụng nước sinh hoạt hợp vệ sinh", {}),
    ("hygienic_latrine", "coverage", "at_least", D("80"), None, 2025, "poor_near_poor", "Ít nhất 80% hộ nghèo, cận nghèo sử dụng nhà tiêu hợp vệ sinh", {}),
    ("information_access", "coverage", "at_least", D("100"), None, 2025, "poor_district", "100% các hộ gia đình sinh sống địa bàn huyện nghèo được tiếp cận thông tin về giảm nghèo bền vững", {}),
    ("information_access", "coverage", "at_least", D("100"), None, 2025, "coastal_difficult", "100% các hộ gia đình sinh sống địa bàn xã đặc biệt khó khăn vùng bãi ngang, ven biển được tiếp cận thông tin về giảm nghèo bền vững", {}),
    ("near_poverty_vs_national", "level", "at_most", None, D("1"), 2025, "all", "Đến cuối năm 2025, tỷ lệ hộ cận nghèo của tỉnh đảm bảo giảm thấp hơn tỷ lệ hộ cận nghèo chung của cả nước", {"note": "Thấp hơn cả nước: tỷ số dưới 1"}),
    ("credit_access_poor", "coverage", "at_least", D("100"), None, 2025, "poor_near_poor", "Đảm bảo nguồn vốn cho vay 100% hộ nghèo, hộ cận nghèo, hộ thoát nghèo đủ điều kiện, có nhu cầu vay vốn phát triển sản xuất, kinh doanh", {}),
    ("training_demand_met", "coverage", "at_least", D("100"), None, 2025, "poor_near_poor", "100% người nghèo trong độ tuổi, đủ năng lực lao động có nhu cầu học nghề được hỗ trợ đào tạo nghề, tập huấn và định hướng nghề nghiệp", {}),
    ("poor_area_workers_supported", "coverage", "at_least", D("100"), None, 2025, "poor_district", "100% người có khả năng lao động, có nhu cầu thuộc hộ nghèo, hộ cận nghèo huyện A Lưới, 07 xã đặc biệt khó khăn vùng bãi ngang, ven biển được hỗ trợ nâng cao năng lực sản xuất nông, lâm, ngư", {"note": "Gồm cả 07 xã đặc biệt khó khăn vùng bãi ngang, ven biển"}),
    ("sustainable_job_households", "coverage", "at_least", D("100"), None, 2025, "poor_near_poor", "Phấn đấu hỗ trợ hộ nghèo, hộ cận nghèo có ít nhất một thành viên trong độ tuổi lao động có việc làm bền vững", {"note": "Kế hoạch không nêu tỷ lệ; ghi 100% (mọi hộ)"}),
    ("officers_trained_rate", "coverage", "at_least", D("100"), None, 2025, "all", "100% cán bộ làm công tác giảm nghèo được bồi dưỡng, tập huấn kiến thức, kỹ năng cơ bản về quản lý, tổ chức thực hiện các chương trình, chính sách, dự án giảm nghèo", {}),
    ("job_support_demand_met", "coverage", "at_least", D("100"), None, 2025, "poor_near_poor", "100% người lao động thuộc hộ nghèo, hộ cận nghèo, hộ mới thoát nghèo có nhu cầu được hỗ trợ kết nối, tư vấn, định hướng nghề nghiệp, cung cấp thông tin thị trường lao động, hỗ trợ tìm việc làm", {}),
    ("abroad_households_escaped_rate", "coverage", "at_least", D("70"), None, 2025, "all", "Ít nhất 70% hộ gia đình có người đi làm việc ở nước ngoài sẽ thoát nghèo", {}),
    ("language_training_workers", "count", "about", D("400"), None, 2025, "all", "Hỗ trợ khoảng 4.00 người lao động tham gia các khóa đào tạo nâng cao trình độ ngoại ngữ trước khi đi làm việc ở nước ngoài", {"note": "Văn bản ghi «4.00»; hiểu là 400 (số chưa xác nhận)"}),
    ("certified_workers_rate", "level", "at_least", D("25"), None, 2025, "all", "Tỷ lệ người lao động qua đào tạo có bằng cấp chứng chỉ đạt 25%", {}),
    ("training_demand_met", "coverage", "at_least", D("100"), None, 2025, "poor_near_poor", "100% người lao động thuộc hộ nghèo, hộ cận nghèo, hộ mới thoát nghèo, người lao động có thu nhập thấp có nhu cầu được hỗ trợ đào tạo kỹ năng nghề phù hợp", {}),
    ("telecom_use", "coverage", "at_least", D("100"), None, 2025, "poor_near_poor", "100% hộ nghèo, hộ cận nghèo có nhu cầu được tiếp cận sử dụng các dịch vụ viễn thông, internet", {}),
]

# Task matrix appendix of seed 000: (number, content, lead, coordination text, product, timeframe, due, project)
SEED_000_TASKS = [
    ("I", "Công tác tuyên truyền, phổ biến thông tin về Chương trình", "Sở Thông tin và Truyền thông", "Sở Lao động - Thương binh và Xã hội, các Sở, ban, ngành, địa phương", "Các thông tin điện tử trên website; chương trình phát thanh, truyền hình; bài viết, ấn phẩm, số liệu; hội thảo chuyên đề", "Giai đoạn 2021 - 2025", D0(2025, 12, 31), None),
    ("II", "Đề án thực hiện Chương trình trên địa bàn tỉnh", LSS, "Các Sở, ban, ngành, địa phương", "Quyết định, Đề án, Nghị quyết HĐND tỉnh", "Tháng 4/2022", D0(2022, 4, 30), None),
    ("III", "Quy định nguyên tắc, tiêu chí, định mức phân bổ vốn ngân sách nhà nước thực hiện Chương trình", LSS, "Các Sở, ban, ngành, địa phương", "Nghị quyết HĐND tỉnh", "Tháng 4/2022", D0(2022, 4, 30), None),
    ("IV", "Thực hiện Chương trình hằng năm trên địa bàn tỉnh", LSS, "Các Sở, ban, ngành, địa phương", "Kế hoạch", "Tháng 1/hàng năm", D0(2023, 1, 31), None),
    ("V.1", "Sơ kết Chương trình hằng năm", LSS, "Các Sở, ban, ngành, địa phương", "Báo cáo", "Sơ kết tháng 12/hàng năm", D0(2022, 12, 31), None),
    ("V.2", "Tổng kết Chương trình giai đoạn 2021-2025", LSS, "Các Sở, ban, ngành, địa phương", "Báo cáo", "Tổng kết Quý IV/2025", D0(2025, 12, 31), None),
    ("VI.1", "Thực hiện Dự án 1", LSS, "Huyện A Lưới, Phú Lộc, Phú Vang, Phong Điền và các Sở, ngành liên quan", "Chương trình", "Giai đoạn 2021 - 2025", D0(2025, 12, 31), "Dự án 1"),
    ("VI.2", "Thực hiện Dự án 2", LSS, ALL_AGENCIES, "Chương trình", "Giai đoạn 2021 - 2025", D0(2025, 12, 31), "Dự án 2"),
    ("VI.3.1", "Thực hiện Tiểu dự án 1 của Dự án 3", "Sở Nông nghiệp và Phát triển nông thôn", "Sở Lao động - Thương binh và Xã hội; các địa phương và các Sở, ngành liên quan", "Chương trình", "Giai đoạn 2021 - 2025", D0(2025, 12, 31), "Tiểu dự án 3.1"),
    ("VI.3.2", "Thực hiện Tiểu dự án 2 của Dự án 3", "Sở Y tế", "Sở Lao động - Thương binh và Xã hội; các địa phương và các Sở, ngành liên quan", "Chương trình", "Giai đoạn 2021 - 2025", D0(2025, 12, 31), "Tiểu dự án 3.2"),
    ("VI.4", "Thực hiện Dự án 4", LSS, ALL_AGENCIES, "Chương trình", "Giai đoạn 2021 - 2025", D0(2025, 12, 31), "Dự án 4"),
    ("VI.5", "Thực hiện Dự án 5", "Sở Xây dựng", "Sở Lao động - Thương binh và Xã hội, huyện A Lưới", "Chương trình", "Giai đoạn 2021 – 2025", D0(2025, 12, 31), "Dự án 5"),
    ("VI.6.1", "Thực hiện Tiểu dự án 1 của Dự án 6", "Sở Thông tin và Truyền thông", "Sở Lao động - Thương binh và Xã hội; các địa phương và các Sở, ngành liên quan", "Chương trình", "Giai đoạn 2021 - 2025", D0(2025, 12, 31), "Tiểu dự án 6.1"),
    ("VI.6.2", "Thực hiện Tiểu dự án 2 của Dự án 6", LSS, "Sở Thông tin và Truyền thông; các địa phương và các Sở, ngành liên quan", "Chương trình", "Giai đoạn 2021 - 2025", D0(2025, 12, 31), "Tiểu dự án 6.2"),
    ("VI.7", "Thực hiện Dự án 7", LSS, ALL_AGENCIES, "Chương trình", "Giai đoạn 2021 - 2025", D0(2025, 12, 31), "Dự án 7"),
]

# Rows of the task matrix that fall due again every year: the first deadline is in the row above (the
# plan was issued in March 2022, so the first January plan it asks for is that of 2023).
SEED_000_RECURRING = {"IV": "yearly", "V.1": "yearly"}

SEED_001_TARGETS = [
    ("poverty_rate", "change_per_year", "at_least", D("3"), None, 2025, "all", "Tỷ lệ hộ nghèo giảm bình quân 3%/năm", {}),
    ("poverty_rate", "change_per_year", "at_least", D("3"), None, 2025, "ethnic_minority", "Tỷ lệ hộ nghèo dân tộc thiểu số giảm trên 3%/năm", {}),
    ("poverty_rate", "change_per_year", "range", D("4"), D("5"), 2025, "poor_district", "Các huyện nghèo giảm 4 - 5%/năm", {}),
    ("districts_exit_poverty", "count", "range", D("1"), D("2"), 2025, "poor_district", "1 - 2 huyện thoát khỏi tình trạng huyện nghèo", {}),
    ("livelihood_models", "count", "at_least", D("5"), None, 2025, "all", "5 mô hình thí điểm (chăn nuôi, trồng trọt, thủ công, du lịch cộng đồng, khởi nghiệp)", {}),
    ("workers_job_connected", "count", "at_least", D("100000"), None, 2025, "all", "Ít nhất 100.000 lao động được kết nối việc làm", {"note": "Trên 50% từ hộ nghèo, cận nghèo, mới thoát nghèo"}),
    ("workers_trained", "count", "at_least", D("16000"), None, 2025, "all", "16.000 lao động được đào tạo", {}),
    ("workers_abroad", "count", "about", D("150"), None, 2025, "all", "150 lao động đi làm việc ở nước ngoài", {}),
    ("health_insurance_poor", "coverage", "at_least", D("100"), None, 2025, "poor_near_poor", "100% người nghèo, cận nghèo có bảo hiểm y tế", {}),
    ("under5_malnutrition_rate", "level", "at_most", None, D("17.9"), 2025, "all", "Tỷ lệ trẻ dưới 5 tuổi suy dinh dưỡng giảm còn 17,9%", {}),
    ("children_at_school", "coverage", "at_least", D("80"), None, 2025, "poor_near_poor", "80% trẻ em hộ nghèo, cận nghèo đi học đúng độ tuổi", {}),
    ("trained_workers_rate", "level", "at_least", D("60"), None, 2025, "all", "60% lao động qua đào tạo", {"note": "Trong đó 25% có bằng cấp, chứng chỉ"}),
    ("housing_support_coverage", "coverage", "at_least", D("100"), None, 2025, "all", "100% hộ nghèo thiếu hụt nhà ở toàn tỉnh được hỗ trợ", {}),
    ("housing_support_coverage", "coverage", "at_least", D("100"), None, 2025, "poor_district", "100% hộ cận nghèo thiếu hụt nhà ở tại huyện nghèo được hỗ trợ", {}),
    ("safe_water", "coverage", "at_least", D("95"), None, 2025, "poor_near_poor", "95% hộ sử dụng nước sinh hoạt hợp vệ sinh", {}),
    ("hygienic_latrine", "coverage", "at_least", D("50"), None, 2025, "poor_near_poor", "Ít nhất 50% hộ sử dụng nhà tiêu hợp vệ sinh", {}),
    ("telecom_use", "coverage", "at_least", D("80"), None, 2025, "poor_district", "80% hộ tại huyện nghèo sử dụng dịch vụ viễn thông", {}),
    ("information_access", "coverage", "at_least", D("75"), None, 2025, "poor_district", "75% hộ tại huyện nghèo được tiếp cận thông tin", {}),
    ("job_connected_poor_share", "coverage", "at_least", D("50"), None, 2025, "poor_near_poor", "Trên 50% người lao động thuộc hộ nghèo, hộ cận nghèo, hộ mới thoát nghèo ở vùng nghèo, vùng khó khăn", {}),
    ("sustainable_job_households", "coverage", "at_least", D("100"), None, 2025, "poor_near_poor", "Phấn đấu hỗ trợ hộ nghèo, hộ cận nghèo có ít nhất một thành viên trong độ tuổi lao động có việc làm bền vững", {"note": "Kế hoạch không nêu tỷ lệ; ghi 100% (mọi hộ)"}),
    ("officers_trained_rate", "coverage", "at_least", D("100"), None, 2025, "all", "100% cán bộ làm công tác giảm nghèo được bồi dưỡng, tập huấn kiến thức, kỹ năng cơ bản về quản lý, tổ chức thực hiện các chương trình, chính sách, dự án giảm nghèo", {}),
    ("job_support_demand_met", "coverage", "at_least", D("100"), None, 2025, "poor_near_poor", "100% người lao động thuộc hộ nghèo, hộ cận nghèo, hộ mới thoát nghèo có nhu cầu được hỗ trợ kết nối, tư vấn, định hướng nghề nghiệp, cung cấp thông tin thị trường lao động, hỗ trợ tìm việc làm", {}),
    ("certified_workers_rate", "level", "at_least", D("25"), None, 2025, "poor_district", "Tỷ lệ người lao động thuộc vùng nghèo, vùng khó khăn qua đào tạo có bằng cấp, chứng chỉ là 25%", {}),
    ("training_demand_met", "coverage", "at_least", D("100"), None, 2025, "poor_near_poor", "100% người lao động thuộc hộ nghèo, hộ cận nghèo, hộ mới thoát nghèo có nhu cầu được hỗ trợ đào tạo kỹ năng nghề phù hợp", {}),
    ("temporary_houses_removed", "coverage", "at_least", D("100"), None, 2025, "all", "Cơ bản xóa nhà tạm, nhà đơn sơ, thiếu kiên cố đối với hộ nghèo của tỉnh", {"note": "«Cơ bản»: ghi 100%"}),
]

SEED_001_AGENCIES = [
    (LSS, "Chủ trì, tham mưu UBND tỉnh tổ chức triển khai Kế hoạch; tổng hợp báo cáo"),
    ("Sở Kế hoạch và Đầu tư", "Tổng hợp, thẩm định nguồn vốn đầu tư thực hiện chương trình"),
    ("Sở Tài chính", "Tổng hợp, thẩm định kinh phí sự nghiệp thực hiện chương trình"),
    ("Sở Nông nghiệp và Phát triển nông thôn", "Chính sách hỗ trợ phát triển sản xuất trong lĩnh vực nông nghiệp"),
    ("Sở Thông tin và Truyền thông", "Truyền thông nâng cao nhận thức về giảm nghèo; giảm nghèo về thông tin"),
    ("Sở Y tế", "Truyền thông, tư vấn dinh dưỡng; cải thiện dinh dưỡng, giảm suy dinh dưỡng"),
    ("Sở Xây dựng", "Hỗ trợ nhà ở cho hộ nghèo, hộ cận nghèo trên địa bàn các huyện nghèo"),
    ("Sở Tư pháp", "Phổ biến, giáo dục pháp luật, trợ giúp pháp lý về giảm nghèo"),
    ("Ban Dân tộc tỉnh", "Cơ chế, chính sách của Chương trình MTQG vùng đồng bào dân tộc thiểu số và miền núi"),
    ("Chi nhánh Ngân hàng Chính sách xã hội tỉnh", "Tín dụng chính sách cho hộ nghèo, cận nghèo, mới thoát nghèo"),
    ("Báo Sơn La, Đài Phát thanh – Truyền hình tỉnh", "Thông tin chính sách giảm nghèo; giám sát, hiến kế"),
    ("Các sở, ngành liên quan", "Triển khai Kế hoạch trong phạm vi chức năng, nhiệm vụ"),
    ("Ủy ban MTTQ Việt Nam tỉnh và các đoàn thể", "Vận động, giám sát thực hiện chính sách giảm nghèo"),
    ("UBND các huyện, thành phố", "Quán triệt, tuyên truyền; xây dựng và thực hiện kế hoạch giảm nghèo của địa phương"),
]

SEED_002_TARGETS: list[tuple[Any, ...]] = [
    ("poverty_rate", "change_over_period", "at_least", D("0.02"), None, 2023, "all", "Phấn đấu giảm tỷ lệ nghèo đa chiều 0,02%", {}),
]

SEED_002_PROJECTS = [
    ("Dự án 1", "Đa dạng hóa sinh kế, phát triển mô hình giảm nghèo", "P2", "Phòng Lao động - Thương binh và Xã hội", []),
    ("Tiểu dự án 2.1", "Hỗ trợ phát triển sản xuất trong lĩnh vực nông nghiệp", "P3.1", "Phòng Nông nghiệp và Phát triển nông thôn", []),
    ("Tiểu dự án 2.2", "Cải thiện dinh dưỡng", "P3.2", "Trung tâm Y tế huyện", []),
    ("Tiểu dự án 3.1", "Phát triển giáo dục nghề nghiệp vùng nghèo, vùng khó khăn", "P4.1", "Phòng Lao động - Thương binh và Xã hội", []),
    ("Tiểu dự án 3.2", "Hỗ trợ việc làm bền vững", "P4.3", "Phòng Lao động - Thương binh và Xã hội", []),
    ("Tiểu dự án 4.1", "Nâng cao năng lực thực hiện Chương trình (thuộc Dự án 5 của kế hoạch)", "P7.1", "Phòng Lao động - Thương binh và Xã hội", ["Phòng Tài chính - Kế hoạch"]),
    ("Tiểu dự án 4.2", "Giám sát, đánh giá Chương trình (thuộc Dự án 5 của kế hoạch)", "P7.2", "Phòng Lao động - Thương binh và Xã hội", ["Phòng Tài chính - Kế hoạch"]),
]

TB_LSS = "Phòng Lao động - Thương binh và Xã hội"
TB_FINANCE = "Phòng Tài chính - Kế hoạch"
TB_BANK = "Ngân hàng Chính sách xã hội huyện"
TB_FRONT = "Ủy ban Mặt trận Tổ quốc Việt Nam và các tổ chức chính trị - xã hội huyện"
TB_COMMUNES = "UBND các xã, thị trấn"

# Seed 002 §V «Tổ chức thực hiện», one row per duty: (number, agency, duty, project in the plan's numbering).
SEED_002_DUTIES = [
    ("1.1", TB_LSS, "Cơ quan chủ trì quản lý Chương trình; tham mưu UBND huyện, Ban Chỉ đạo cấp huyện tổ chức thực hiện Chương trình theo quy định", None),
    ("1.2", TB_LSS, "Chủ trì thực hiện Dự án 1, Dự án 3 và Dự án 5; huy động, lồng ghép các nguồn vốn hợp pháp; theo dõi, giám sát, tổng hợp, báo cáo kết quả định kỳ, đột xuất về UBND huyện, Sở Lao động – Thương binh và Xã hội", "Dự án 1"),
    ("2", "Phòng Nông nghiệp và Phát triển nông thôn", "Chủ trì thực hiện Tiểu dự án 1 thuộc Dự án 2; theo dõi, giám sát, tổng hợp kết quả thực hiện dự án và báo cáo cơ quan quản lý Chương trình", "Tiểu dự án 2.1"),
    ("3", "Trung tâm Y tế huyện", "Chủ trì thực hiện Tiểu dự án 2 thuộc Dự án 2; theo dõi, giám sát, tổng hợp kết quả thực hiện dự án và báo cáo cơ quan quản lý Chương trình", "Tiểu dự án 2.2"),
    ("4", TB_FINANCE, "Tham mưu UBND huyện bố trí kinh phí thực hiện chương trình và hướng dẫn quản lý, sử dụng nguồn kinh phí đúng theo quy định", None),
    ("5.1", TB_BANK, "Tổ chức, quản lý, đảm bảo cung cấp nguồn tín dụng ưu đãi cho hộ nghèo và các đối tượng chính sách theo đúng quy định", None),
    ("5.2", TB_BANK, "Phối hợp Phòng Tài chính – Kế hoạch tham mưu dành một phần nguồn vốn ngân sách địa phương ủy thác qua Ngân hàng CSXH để bổ sung nguồn vốn vay cho hộ nghèo, hộ cận nghèo, hộ mới thoát nghèo", None),
    ("6", "Các cơ quan, đơn vị có liên quan", "Tham gia triển khai nội dung Chương trình trong phạm vi và nội dung, nhiệm vụ có liên quan đến lĩnh vực do ngành quản lý", None),
    ("7.1", TB_FRONT, "Tuyên truyền, vận động đoàn viên, hội viên và nhân dân tích cực tham gia thực hiện Chương trình; phối hợp, lồng ghép thực hiện nhiệm vụ trong các Chương trình mục tiêu quốc gia", None),
    ("7.2", TB_FRONT, "Xây dựng Kế hoạch, tổ chức giám sát, phản biện xã hội trong quá trình triển khai Chương trình", None),
    ("7.3", TB_FRONT, "Tiếp tục vận động xã hội hóa để chăm lo cho người nghèo", None),
    ("8.1", TB_COMMUNES, "Tổ chức triển khai thực hiện Chương trình trên địa bàn, chủ động huy động thêm các nguồn lực cho các Dự án của Chương trình", None),
    ("8.2", TB_COMMUNES, "Chịu trách nhiệm về việc sử dụng các nguồn vốn đúng mục tiêu, đảm bảo hiệu quả, tiết kiệm và tránh thất thoát", None),
    ("8.3", TB_COMMUNES, "Tổ chức triển khai thực hiện các nội dung được phân công ở các dự án; phân công nhiệm vụ cụ thể cho từng thành viên, lồng ghép nhiệm vụ giảm nghèo vào nhiệm vụ chính trị của địa phương", None),
    ("8.4", TB_COMMUNES, "Kiểm tra, giám sát, đánh giá và báo cáo định kỳ hoặc đột xuất; rà soát hộ nghèo, hộ cận nghèo khách quan, công khai, dân chủ, công bằng", None),
    ("8.5", TB_COMMUNES, "Vận động nguồn lực xã hội hóa; xây dựng các mô hình sinh kế, tổ nhóm cộng đồng dân cư giúp đỡ các hộ nghèo", None),
]

HUE_DISTRICTS = "UBND thành phố Huế, các thị xã và các huyện"

# Seed 003 §IV «Tổ chức thực hiện», one row per duty: (number, agency, duty).
SEED_003_DUTIES = [
    ("1.a", LSS, "Chủ trì, phối hợp với các sở, ban, ngành và các địa phương chỉ đạo, hướng dẫn triển khai thực hiện các nội dung Kế hoạch"),
    ("1.b", LSS, "Chủ trì, hướng dẫn, triển khai thực hiện Dự án 1, Dự án 2, Dự án 4, Tiểu dự án 2 của Dự án 6, Dự án 7"),
    ("1.c", LSS, "Kiểm tra, giám sát đánh giá kết quả thực hiện các chính sách tại Nghị quyết số 20/2023/NQ-HĐND; tổng hợp, báo cáo định kỳ và đột xuất cho UBND tỉnh"),
    ("1.d", LSS, "Chia sẻ cơ sở dữ liệu về hộ nghèo, hộ cận nghèo cho các cơ quan, đơn vị liên quan"),
    ("1.đ", LSS, "Tham mưu, hướng dẫn dự toán kinh phí thực hiện các chính sách tại Nghị quyết số 20/2023/NQ-HĐND; tổng hợp, gửi Sở Tài chính"),
    ("1.e", LSS, "Theo dõi, kiểm tra, giám sát, tổng hợp kết quả thực hiện Kế hoạch, báo cáo UBND tỉnh, Bộ Lao động - Thương binh và Xã hội"),
    ("2", "Sở Kế hoạch và Đầu tư", "Tham mưu UBND tỉnh huy động mọi nguồn lực thực hiện Kế hoạch; ưu tiên huyện nghèo, xã đặc biệt khó khăn vùng bãi ngang, ven biển"),
    ("3", "Sở Tài chính", "Tham mưu UBND tỉnh bố trí kinh phí thực hiện Kế hoạch (gồm các chính sách tại Nghị quyết số 20/2023/NQ-HĐND); giám sát, hướng dẫn sử dụng kinh phí"),
    ("4.a", "Sở Nông nghiệp và Phát triển nông thôn", "Chủ trì, trực tiếp quản lý, hướng dẫn tổ chức thực hiện Tiểu dự án 1 thuộc Dự án 3; khuyến nông, lâm, ngư; nước sạch và vệ sinh môi trường nông thôn"),
    ("4.b", "Sở Nông nghiệp và Phát triển nông thôn", "Bồi dưỡng nghiệp vụ cán bộ khuyến nông cơ sở giúp đỡ hộ vay vốn, sử dụng vốn, tổ chức sản xuất"),
    ("4.c", "Sở Nông nghiệp và Phát triển nông thôn", "Giải pháp bảo đảm tiêu chí nông thôn mới, ưu tiên xã có tỷ lệ hộ nghèo cao; lồng ghép chương trình của ngành"),
    ("4.d", "Sở Nông nghiệp và Phát triển nông thôn", "Tham mưu hỗ trợ lắp đặt hệ thống xử lý nước sạch cho hộ nghèo có thành viên là người có công theo Nghị quyết số 20/2023/NQ-HĐND"),
    ("5", "Sở Xây dựng", "Chủ trì chính sách hỗ trợ nhà ở cho hộ nghèo, hộ cận nghèo huyện A Lưới và chính sách xóa nhà tạm cho hộ nghèo theo Nghị quyết số 20/2023/NQ-HĐND"),
    ("6.a", "Sở Y tế", "Chủ trì, trực tiếp quản lý, hướng dẫn tổ chức thực hiện Tiểu dự án 2 thuộc Dự án 3"),
    ("6.b", "Sở Y tế", "Chủ trì các chương trình chăm sóc sức khỏe cho người nghèo; tham mưu cơ chế hỗ trợ bảo hiểm y tế, Quỹ khám chữa bệnh cho người nghèo"),
    ("7.a", "Sở Thông tin và Truyền thông", "Chủ trì thực hiện các nhiệm vụ, giải pháp giảm nghèo về thông tin; bồi dưỡng cán bộ thông tin cơ sở"),
    ("7.b", "Sở Thông tin và Truyền thông", "Thiết lập mới, nâng cấp đài truyền thanh xã; dịch vụ thông tin công cộng ở các xã đặc biệt khó khăn"),
    ("7.d", "Sở Thông tin và Truyền thông", "Tham mưu hỗ trợ phương tiện nghe nhìn cho hộ nghèo có thành viên là người có công theo Nghị quyết số 20/2023/NQ-HĐND"),
    ("8", "Sở Tài nguyên và Môi trường", "Hướng dẫn chính sách hỗ trợ đất ở, đất sản xuất cho hộ nghèo, hộ cận nghèo ở các xã đặc biệt khó khăn; hạn chế tác động của biến đổi khí hậu đến người nghèo"),
    ("9", "Sở Giáo dục và Đào tạo", "Bảo đảm tỷ lệ huy động trẻ em đi học đúng độ tuổi; hướng dẫn miễn giảm học phí, hỗ trợ chi phí học tập theo Nghị định 81/2021/NĐ-CP"),
    ("10", "Sở Tư pháp", "Trợ giúp pháp lý cho người nghèo và đối tượng chính sách"),
    ("11", "Sở Văn hóa và Thể thao", "Đưa văn hóa về cơ sở, ưu tiên người nghèo tiếp cận văn hóa, thông tin"),
    ("12", "Cục Thống kê tỉnh", "Phối hợp tổ chức điều tra, lập danh sách hộ nghèo, hộ cận nghèo; hướng dẫn nghiệp vụ điều tra, xử lý dữ liệu"),
    ("13", "Bảo hiểm xã hội tỉnh", "Cấp thẻ bảo hiểm y tế kịp thời cho người nghèo, cận nghèo và đối tượng được hỗ trợ theo Nghị quyết số 20/2023/NQ-HĐND"),
    ("14", "Chi nhánh Ngân hàng Chính sách xã hội tỉnh", "Bảo đảm nguồn vốn tín dụng ưu đãi cho hộ nghèo, hộ cận nghèo; hướng dẫn thủ tục vay vốn được hỗ trợ lãi suất theo Nghị quyết số 20/2023/NQ-HĐND"),
    ("15", "Các sở, ban, ngành cấp tỉnh", "Xây dựng Kế hoạch thực hiện chương trình, dự án, lồng ghép các mục tiêu, chỉ tiêu tác động giảm nghèo bền vững"),
    ("16.a", HUE_DISTRICTS, "Xây dựng kế hoạch năm 2024, giao chỉ tiêu giảm nghèo, chỉ tiêu tiếp cận dịch vụ xã hội cơ bản cho từng xã, phường, thị trấn"),
    ("16.b", HUE_DISTRICTS, "Chỉ đạo cấp xã xây dựng kế hoạch năm 2024 có giải pháp hỗ trợ cụ thể và người giúp đỡ từng hộ nghèo; phụ lục danh sách hộ nghèo và giải pháp"),
    ("16.g", HUE_DISTRICTS, "Theo dõi, kiểm tra, giám sát cấp xã; đánh giá kết quả thực hiện Chương trình năm 2024 và báo cáo theo quy định"),
    ("17", "Ủy ban MTTQ Việt Nam tỉnh và các tổ chức thành viên", "Vận động hỗ trợ giảm nghèo; giám sát việc bình xét hộ nghèo, hộ cận nghèo và thực hiện chính sách giảm nghèo"),
]

# Seed 004 §V: each agency's own close-out, with its deadline: (number, agency, content, deadline, project).
SEED_004_CLOSEOUTS = [
    ("1", LSS, "Chủ trì thực hiện Dự án 1, Dự án 2, Dự án 4, Tiểu dự án 2 - Dự án 6, Dự án 7; kiểm tra, giám sát, tổng hợp kết quả, báo cáo Chủ tịch UBND tỉnh", D0(2025, 12, 31), None),
    ("1.2", LSS, "Kiểm tra, giám sát rà soát hộ nghèo, hộ cận nghèo năm 2025 theo chuẩn nghèo đa chiều giai đoạn 2022-2025", D0(2025, 12, 31), None),
    ("1.3", LSS, "Tham mưu UBND tỉnh tổng kết, đánh giá Chương trình giai đoạn 2021-2025 (gồm tổng kết Phong trào thi đua «Quảng Ngãi vì người nghèo - Không để ai bị bỏ lại phía sau»)", D0(2025, 12, 31), None),
    ("2", "Sở Kế hoạch và Đầu tư", "Chủ trì phần kinh phí Tiểu dự án 2 của Dự án 7; tham mưu bố trí vốn đầu tư công thực hiện Chương trình năm 2025", D0(2025, 12, 31), "Dự án 7"),
    ("3", "Sở Tài chính", "Tham mưu phân bổ vốn sự nghiệp ngân sách trung ương và vốn đối ứng ngân sách địa phương", D0(2025, 12, 31), None),
    ("4", "Sở Y tế", "Tổ chức đánh giá tổng kết Tiểu dự án 2 của Dự án 3", D0(2025, 11, 30), "Tiểu dự án 3.2"),
    ("5", "Sở Nông nghiệp và Phát triển nông thôn", "Tổ chức đánh giá tổng kết Tiểu dự án 1 của Dự án 3", D0(2025, 11, 30), "Tiểu dự án 3.1"),
    ("6", "Sở Xây dựng", "Tổ chức đánh giá tổng kết Dự án 5", D0(2025, 11, 30), "Dự án 5"),
    ("7", "Sở Thông tin và Truyền thông", "Tổ chức đánh giá tổng kết Tiểu dự án 1 của Dự án 6", D0(2025, 11, 30), "Tiểu dự án 6.1"),
    ("8", "Sở Nội vụ (Ban Thi đua - Khen thưởng tỉnh)", "Chuẩn bị nội dung tổng kết Phong trào thi đua «Quảng Ngãi vì người nghèo - Không để ai bị bỏ lại phía sau» giai đoạn 2021-2025", D0(2025, 11, 30), None),
    ("11", "UBND các huyện, thị xã, thành phố", "Tổng kết Chương trình giai đoạn 2021-2025 cấp huyện", D0(2025, 11, 30), None),
    ("13", "UBND tỉnh (Sở Lao động - Thương binh và Xã hội tham mưu)", "Tổng kết Chương trình giai đoạn 2021-2025 cấp tỉnh", D0(2025, 12, 31), None),
]

# Seed 003's appendix. The plan states counts and rates but not the household totals behind the rates;
# the totals here are the midpoints of the ranges that reproduce every stated rate (docs/programs.md).
# (label, legacy district code or None, poor 2023, rate 2023, reduction, target rate, total 2023, total 2024)
SEED_003_ALLOCATION = [
    ("Thành phố Huế", None, 859, D("0.65"), 103, D("0.56"), 132162, 135011),
    ("Thị xã Hương Thủy", "479", 166, D("0.64"), 16, D("0.57"), 25939, 26318),
    ("Thị xã Hương Trà", "480", 277, D("1.50"), 28, D("1.33"), 18467, 18722),
    ("Huyện Phong Điền", "476", 615, D("2.05"), 54, D("1.85"), 30001, 30325),
    ("Huyện Quảng Điền", "477", 445, D("1.70"), 33, D("1.56"), 26177, 26411),
    ("Huyện Phú Lộc", "482", 692, D("1.66"), 67, D("1.48"), 41687, 42230),
    ("Huyện Phú Vang", "478", 811, D("2.27"), 67, D("2.05"), 35727, 36293),
    ("Huyện Nam Đông", None, 190, D("2.62"), 31, D("2.16"), 7252, 7362),
    ("Huyện A Lưới", "481", 3485, D("24.40"), 1196, D("15.83"), 14283, 14460),
]
ALLOCATION_NOTES = {
    "Thành phố Huế": "Đơn vị cấp huyện năm 2024; từ 01/01/2025 chia thành quận Thuận Hóa và quận Phú Xuân",
    "Huyện Nam Đông": "Từ 01/01/2025 nhập vào huyện Phú Lộc",
}

SEED_003_TARGETS = [
    ("poverty_rate", "level", "at_most", None, D("1.76"), 2024, "all", "Tỷ lệ hộ nghèo toàn tỉnh giảm còn 1,76%", {"baseline": (D("2.27"), 2023)}),
    ("poor_households", "change_over_period", "at_least", D("1595"), None, 2024, "all", "Giảm 1.595 hộ nghèo trong năm 2024", {"baseline": (D("7540"), 2023)}),
    ("poverty_rate", "change_per_year", "at_least", D("3"), None, 2024, "ethnic_minority", "Tỷ lệ hộ nghèo đồng bào dân tộc thiểu số giảm trên 3%", {}),
    ("poverty_rate", "change_per_year", "at_least", D("4"), None, 2024, "high_poverty_communes", "Các xã có tỷ lệ hộ nghèo trên 25% giảm trên 4%", {}),
    ("houses_supported", "count", "at_least", D("1000"), None, 2024, "poor_near_poor", "Hỗ trợ 1.000 nhà ở cho hộ nghèo, cận nghèo", {}),
    ("trained_workers_rate", "level", "at_least", D("72.5"), None, 2024, "all", "Tỷ lệ lao động qua đào tạo đạt 72,5%", {}),
    ("workers_abroad", "count", "about", D("2050"), None, 2024, "all", "Khoảng 2.050 lao động đi làm việc ở nước ngoài", {}),
    ("trained_workers_rate", "level", "at_least", D("70"), None, 2024, "poor_near_poor", "70% lao động thuộc hộ nghèo được đào tạo", {}),
    ("safe_water", "coverage", "at_least", D("95"), None, 2024, "poor_near_poor", "95% hộ nghèo, cận nghèo có nước sinh hoạt hợp vệ sinh", {}),
    ("hygienic_latrine", "coverage", "at_least", D("80"), None, 2024, "poor_near_poor", "80% hộ nghèo, cận nghèo có nhà tiêu hợp vệ sinh", {}),
    ("telecom_use", "coverage", "at_least", D("90"), None, 2024, "poor_near_poor", "90% hộ nghèo, cận nghèo sử dụng dịch vụ viễn thông", {}),
    ("information_access", "coverage", "at_least", D("90"), None, 2024, "poor_district", "90% các hộ gia đình sinh sống địa bàn huyện nghèo được tiếp cận thông tin về giảm nghèo bền vững", {}),
    ("information_access", "coverage", "at_least", D("90"), None, 2024, "coastal_difficult", "90% các hộ gia đình sinh sống địa bàn xã đặc biệt khó khăn vùng bãi ngang, ven biển được tiếp cận thông tin về giảm nghèo bền vững", {}),
    ("health_insurance_poor", "coverage", "at_least", D("100"), None, 2024, "poor_near_poor", "100% người thuộc hộ nghèo, hộ cận nghèo được hỗ trợ tham gia bảo hiểm y tế", {}),
    ("job_support_demand_met", "coverage", "at_least", D("100"), None, 2024, "poor_near_poor", "100% người lao động thuộc hộ nghèo, hộ cận nghèo, hộ mới thoát nghèo có nhu cầu được hỗ trợ kết nối, tư vấn, định hướng nghề nghiệp, cung cấp thông tin thị trường lao động, hỗ trợ tìm việc làm", {}),
    ("training_demand_met", "coverage", "at_least", D("100"), None, 2024, "all", "Đảm bảo 100% người lao động có nhu cầu học nghề được đào tạo nghề phù hợp với nhu cầu, kỹ năng", {}),
    ("abroad_workers_poor_share", "coverage", "at_least", D("5"), None, 2024, "poor_near_poor", "Trong số lao động đi làm việc ở nước ngoài, phấn đấu có 5% hộ nghèo, hộ cận nghèo", {}),
    ("credit_access_poor", "coverage", "at_least", D("100"), None, 2024, "poor_near_poor", "100% hộ nghèo, hộ cận nghèo, hộ mới thoát nghèo đủ điều kiện và có nhu cầu vay vốn được tiếp cận nguồn vốn tín dụng ưu đãi từ Ngân hàng Chính sách xã hội", {}),
    ("training_demand_met", "coverage", "at_least", D("100"), None, 2024, "poor_near_poor", "100% người lao động thuộc hộ nghèo, hộ cận nghèo, hộ mới thoát nghèo, người lao động có thu nhập thấp có nhu cầu được hỗ trợ đào tạo kỹ năng nghề phù hợp", {}),
]

SEED_004_TARGETS = [
    ("poverty_rate", "change_over_period", "at_least", D("2.21"), None, 2025, "all", "Tỷ lệ hộ nghèo toàn tỉnh giảm 2,21%", {}),
    ("poverty_rate", "change_over_period", "at_least", D("11.07"), None, 2025, "mountainous", "Các huyện miền núi giảm 11,07%", {}),
    ("near_poor_households", "change_over_period", "at_least", D("10050"), None, 2025, "all", "Giảm 10.050 hộ cận nghèo", {}),
    ("poverty_rate", "change_per_year", "at_least", D("3.67"), None, 2025, "ethnic_minority", "Tỷ lệ hộ nghèo dân tộc thiểu số giảm trên 3,67%", {}),
    ("livelihood_models", "count", "at_least", D("20"), None, 2025, "all", "Trên 20 mô hình giảm nghèo", {}),
    ("production_projects", "count", "at_least", D("200"), None, 2025, "all", "Trên 200 dự án hỗ trợ phát triển sản xuất", {}),
    ("poor_area_workers_supported", "coverage", "at_least", D("80"), None, 2025, "poor_district", "80% người có khả năng lao động ở địa bàn nghèo được hỗ trợ", {}),
    ("workers_job_connected", "count", "at_least", D("200"), None, 2025, "all", "Ít nhất 200 lao động được kết nối việc làm", {}),
    ("workers_trained", "count", "at_least", D("200"), None, 2025, "all", "Ít nhất 200 lao động được đào tạo", {}),
    ("workers_abroad", "count", "about", D("100"), None, 2025, "all", "Khoảng 100 lao động đi làm việc ở nước ngoài", {}),
    ("health_insurance_poor", "coverage", "at_least", D("100"), None, 2025, "poor_near_poor", "100% người nghèo, cận nghèo có bảo hiểm y tế", {}),
    ("child_stunting_rate", "level", "at_most", None, D("33.50"), 2025, "poor_district", "Trẻ dưới 16 tuổi thấp còi ở huyện nghèo còn 33,50%", {}),
    ("child_stunting_rate", "level", "at_most", None, D("33.40"), 2025, "coastal_difficult", "Trẻ dưới 16 tuổi thấp còi ở xã bãi ngang, ven biển còn 33,40%", {}),
    ("children_at_school", "coverage", "at_least", D("93.90"), None, 2025, "poor_near_poor", "93,90% trẻ em đi học đúng độ tuổi", {}),
    ("trained_workers_rate", "level", "at_least", D("60"), None, 2025, "all", "60% lao động qua đào tạo", {"note": "Trong đó 25% có bằng cấp, chứng chỉ"}),
    ("houses_supported", "count", "at_least", D("1463"), None, 2025, "poor_near_poor", "Ít nhất 1.463 căn nhà được hỗ trợ", {}),
    ("safe_water", "coverage", "at_least", D("90"), None, 2025, "poor_near_poor", "90% hộ có nước sinh hoạt hợp vệ sinh", {}),
    ("hygienic_latrine", "coverage", "at_least", D("60"), None, 2025, "poor_near_poor", "60% hộ có nhà tiêu hợp vệ sinh", {}),
    ("telecom_use", "coverage", "at_least", D("90.40"), None, 2025, "poor_near_poor", "90,40% hộ sử dụng dịch vụ viễn thông", {}),
    ("information_access", "coverage", "at_least", D("95.03"), None, 2025, "poor_district", "95,03% hộ ở huyện nghèo tiếp cận thông tin", {}),
    ("information_access", "coverage", "at_least", D("99.40"), None, 2025, "coastal_difficult", "99,40% hộ ở xã bãi ngang, ven biển tiếp cận thông tin", {}),
    ("sustainable_job_households", "coverage", "at_least", D("100"), None, 2025, "poor_near_poor", "Phấn đấu hỗ trợ hộ nghèo, hộ cận nghèo có ít nhất một thành viên trong độ tuổi lao động có việc làm bền vững", {"note": "Kế hoạch không nêu tỷ lệ; ghi 100% (mọi hộ)"}),
    ("officers_trained_rate", "coverage", "at_least", D("100"), None, 2025, "all", "100% cán bộ làm công tác giảm nghèo được bồi dưỡng, tập huấn kiến thức về các nội dung triển khai công tác giảm nghèo năm 2025", {}),
    ("job_support_demand_met", "coverage", "at_least", D("100"), None, 2025, "poor_near_poor", "100% người lao động thuộc hộ nghèo, hộ cận nghèo, hộ mới thoát nghèo có nhu cầu được hỗ trợ kết nối, tư vấn, định hướng nghề nghiệp, cung cấp thông tin thị trường lao động, hỗ trợ tìm việc làm", {}),
    ("abroad_households_escaped_rate", "coverage", "at_least", D("80"), None, 2025, "all", "Ít nhất 80% hộ gia đình có người đi làm việc ở nước ngoài sẽ thoát nghèo", {}),
    ("language_training_workers", "count", "about", D("10"), None, 2025, "all", "Hỗ trợ khoảng 10 người lao động tham gia các khóa đào tạo nâng cao trình độ ngoại ngữ trước khi đi làm việc ở nước ngoài", {}),
    ("certified_workers_rate", "level", "at_least", D("25"), None, 2025, "all", "Tỷ lệ người lao động qua đào tạo có bằng cấp chứng chỉ đạt 25%", {}),
    ("training_demand_met", "coverage", "at_least", D("100"), None, 2025, "poor_near_poor", "100% người lao động thuộc hộ nghèo, hộ cận nghèo, hộ mới thoát nghèo, người lao động có thu nhập thấp có nhu cầu được hỗ trợ đào tạo kỹ năng nghề phù hợp", {}),
]

# (source, expenditure, amount) of seed 004 and the totals its text states.
SEED_004_BUDGET = [
    ("central", "investment", D("78650")),
    ("central", "recurrent", D("205669")),
    ("local", "investment", D("11797")),
    ("local", "recurrent", D("30862")),
    ("mobilised", "unspecified", D("38687")),
]
SEED_004_STATEMENTS = [
    ("total", "unspecified", D("365665")),
    ("central", "unspecified", D("284319")),
    ("central", "investment", D("78650")),
    ("central", "recurrent", D("205669")),
    ("local", "unspecified", D("42659")),
    ("local", "investment", D("11797")),
    ("local", "recurrent", D("30862")),
    ("mobilised", "unspecified", D("38687")),
]
SEED_002_BUDGET = [
    ("central", "unspecified", D("3634")),
    ("province", "unspecified", D("363")),
    ("district", "unspecified", D("182")),
]
SEED_002_STATEMENTS = [
    ("total", "unspecified", D("4179")),
    ("central", "unspecified", D("3634")),
    ("local", "unspecified", D("545")),
    ("province", "unspecified", D("363")),
    ("district", "unspecified", D("182")),
]
# fmt: on
