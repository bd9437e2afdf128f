"""Report downloads, under /bao-cao/."""

from django.urls import path, re_path

from nhiemvu.reports import views

app_name = "reports"
urlpatterns = [
    re_path(r"^ke-hoach/(?P<plan_id>\d+)/(?P<period>[0-9A-Za-z-]+)\.(?P<fmt>docx|xlsx|pdf)$",
            views.plan_report, name="plan"),
    path("don-vi/<int:unit_id>/<str:period>/", views.unit_report_view, name="unit"),
    path("don-doc/<int:unit_id>.docx", views.urging_letter_view, name="urge"),
]
