"""The JSON API (django-ninja). Routers per domain are added by the API work."""

from ninja import NinjaAPI

api = NinjaAPI(
    title="nhiemvu API",
    version="1",
    description="Giao và theo dõi nhiệm vụ: kế hoạch, nhiệm vụ, tiến độ, chỉ tiêu, báo cáo.",
    openapi_url="/openapi.json",
    docs_url=None,
)
