"""URLs of jobs, vocational training and work abroad under /viec-lam/."""

from django.urls import path

from giamngheo.jobs.views import (
    abroad,
    attendance,
    events,
    imports,
    list_imports,
    needs,
    people,
    training,
    vacancies,
)

app_name = "jobs"

urlpatterns = [
    path("", people.register, name="register"),
    path("so-lao-dong.xlsx", people.register_export, name="register_export"),
    path("nhap/", imports.survey_import, name="survey_import"),
    path("nguoi/<int:member_id>/", people.member, name="member"),
    path("nguoi/<int:member_id>/khao-sat/", people.member_survey, name="member_survey"),
    path("nguoi/<int:member_id>/di-nuoc-ngoai/", abroad.abroad_register, name="abroad_register"),
    path("tuyen-dung/", vacancies.vacancies, name="vacancies"),
    path("tuyen-dung/nhap/", list_imports.vacancy_import, name="vacancy_import"),
    path("tuyen-dung/mau-nhap.xlsx", list_imports.vacancy_import_template, name="vacancy_import_template"),
    path("tuyen-dung/<int:vacancy_id>/", vacancies.vacancy, name="vacancy"),
    path("tuyen-dung/<int:vacancy_id>/sua/", vacancies.vacancy_edit, name="vacancy_edit"),
    path("tuyen-dung/<int:vacancy_id>/gioi-thieu/", vacancies.refer, name="refer"),
    path("gioi-thieu/", vacancies.referrals, name="referrals"),
    path("gioi-thieu.xlsx", vacancies.referrals_export, name="referrals_export"),
    path("gioi-thieu/<int:referral_id>/", vacancies.referral, name="referral"),
    path("gioi-thieu/<int:referral_id>/cap-nhat/", vacancies.referral_update, name="referral_update"),
    path("dao-tao/", training.courses, name="courses"),
    path("dao-tao/<int:course_id>/", training.course, name="course"),
    path("dao-tao/<int:course_id>/ghi-danh/", training.enrol, name="enrol"),
    path("hoc-vien/<int:enrolment_id>/hoan-thanh/", training.complete, name="complete"),
    path("dao-tao/<int:course_id>/hoc-vien.xlsx", attendance.trainees_export, name="trainees_export"),
    path("dao-tao/<int:course_id>/nhap/", list_imports.trainee_import, name="trainee_import"),
    path(
        "dao-tao/mau-nhap-hoc-vien.xlsx", list_imports.trainee_import_template, name="trainee_import_template"
    ),
    path("nhap/loi.xlsx", list_imports.import_errors, name="import_errors"),
    path("dao-tao/<int:course_id>/buoi-hoc/", attendance.session_create, name="session_create"),
    path("dao-tao/<int:course_id>/buoi-hoc/<int:session_id>/", attendance.session, name="session"),
    path(
        "dao-tao/<int:course_id>/hoan-thanh/",
        attendance.complete_by_attendance,
        name="complete_by_attendance",
    ),
    path("nhu-cau-dao-tao/", needs.training_needs, name="training_needs"),
    path("nhu-cau-dao-tao.xlsx", needs.training_needs_export, name="training_needs_export"),
    path("su-kien/", events.events, name="events"),
    path("su-kien.xlsx", events.events_export, name="events_export"),
    path("su-kien/<int:event_id>/", events.event, name="event"),
    path("su-kien/<int:event_id>/tham-du/", events.attend, name="event_attend"),
    path("su-kien/<int:event_id>/gioi-thieu/", events.refer, name="event_refer"),
    path("nuoc-ngoai/", abroad.abroad, name="abroad"),
    path("nuoc-ngoai/<int:worker_id>/ve-nuoc/", abroad.abroad_return, name="abroad_return"),
]
