"""URL map of the HTML pages (namespace "web"). Paths are Vietnamese, like the UI."""

from django.urls import path

from nhiemvu.web.views import dashboard, directory, home, imports, inbox, indicators, plans, tasks

app_name = "web"
urlpatterns = [
    path("", home.home, name="home"),
    path("tong-quan/", dashboard.dashboard, name="dashboard"),
    path("hop-thu/", inbox.inbox, name="inbox"),
    path("nhiem-vu/", tasks.task_list, name="task_list"),
    path("tim-kiem/", tasks.task_list, name="search"),
    path("nhiem-vu/<int:pk>/", tasks.task_detail, name="task"),
    path("nhiem-vu/<int:pk>/bao-cao/", tasks.report_progress, name="report"),
    path("nhiem-vu/<int:pk>/gia-han/", tasks.request_extension, name="extension_request"),
    path("nhiem-vu/<int:pk>/rut/", tasks.request_removal, name="removal_request"),
    path("nhiem-vu/<int:pk>/don-doc/", tasks.urge, name="urge"),
    path("nhiem-vu/<int:pk>/huy/", tasks.cancel, name="cancel"),
    path("bao-cao-tien-do/<int:pk>/duyet/", tasks.review_update, name="review_update"),
    path("gia-han/<int:pk>/duyet/", tasks.decide_extension, name="decide_extension"),
    path("de-nghi-rut/<int:pk>/duyet/", tasks.decide_removal, name="decide_removal"),
    path("minh-chung/<int:pk>/", tasks.evidence_download, name="evidence"),
    path("ke-hoach/", plans.plan_list, name="plans"),
    path("ke-hoach/<int:pk>/", plans.plan_detail, name="plan"),
    path("ke-hoach/<int:pk>/ban-hanh/", plans.publish, name="publish"),
    path("ke-hoach/<int:pk>/bao-cao/", plans.plan_report, name="plan_report"),
    path("ke-hoach/<int:pk>/them-nhiem-vu/", plans.task_add, name="task_add"),
    path("nhap-van-ban/", plans.import_document, name="import"),
    path("nhap-van-ban/xac-nhan/", plans.import_confirm, name="import_confirm"),
    path("nhap-van-ban/<int:pk>/", imports.import_job, name="import_job"),
    path("nhap-van-ban/<int:pk>/tien-do/", imports.import_job_status, name="import_job_status"),
    path("nhap-van-ban/<int:pk>/thu-lai/", imports.import_job_retry, name="import_job_retry"),
    path("duyet/nhiem-vu/<int:pk>/", plans.task_save, name="task_save"),
    path("duyet/nhiem-vu/<int:pk>/<str:action>/", plans.task_action, name="task_action"),
    path("duyet/don-vi/<int:pk>/", plans.assignment_resolve, name="assignment_resolve"),
    path("duyet/chi-tieu/<int:pk>/", plans.indicator_save, name="indicator_save"),
    path("duyet/bao-cao/<int:pk>/", plans.duty_save, name="duty_save"),
    path("chi-tieu/", indicators.indicator_list, name="indicators"),
    path("chi-tieu/muc/<int:pk>/ket-qua/", indicators.record_actual, name="record_actual"),
    path("danh-ba/", directory.directory, name="directory"),
    path("danh-ba/ten-goi-khac/", directory.add_alias, name="directory_alias"),
    path("danh-ba/nhap/", directory.import_units, name="directory_import"),
    path("danh-ba/tai-ve/", directory.export_units, name="directory_export"),
    path("chua-co-vai-tro/", home.no_role, name="no_role"),
]
