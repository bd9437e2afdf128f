"""Report downloads. Filled by the reports work."""

app_name = "reports"
urlpatterns: list = []
