"""URL map. Each app contributes its own urls module."""

from django.contrib import admin
from django.http import JsonResponse
from django.urls import include, path

from nhiemvu.web.api import api


def openapi_schema(request):
    return JsonResponse(api.get_openapi_schema(), json_dumps_params={"ensure_ascii": False})


urlpatterns = [
    path("quan-tri/", admin.site.urls),
    path("api/", api.urls),
    path("openapi.json", openapi_schema, name="openapi"),
    path("bao-cao/", include("nhiemvu.reports.urls")),
    path("thong-bao/", include("nhiemvu.jobs.urls")),
    path("", include("nhiemvu.accounts.urls")),
    path("", include("nhiemvu.web.pages")),
]
