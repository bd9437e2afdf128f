"""URL map. Each app contributes its own urls module."""

from django.contrib import admin
from django.urls import path

urlpatterns = [
    path("quan-tri/", admin.site.urls),
]
