"""In-app notifications, under /thong-bao/."""

from django.urls import path

from nhiemvu.jobs import views

app_name = "jobs"
urlpatterns = [
    path("", views.notifications, name="notifications"),
    path("da-doc/", views.mark_read, name="mark_read"),
]
