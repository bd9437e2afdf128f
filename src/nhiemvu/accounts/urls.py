from django.contrib.auth.views import LogoutView
from django.urls import path

from nhiemvu.accounts import views

app_name = "accounts"
urlpatterns = [
    path("dang-nhap/", views.SignInView.as_view(), name="login"),
    path("dang-xuat/", LogoutView.as_view(), name="logout"),
    path("nguoi-dung/", views.user_list, name="users"),
    path("nguoi-dung/moi/", views.user_edit, name="user_new"),
    path("nguoi-dung/<int:pk>/", views.user_edit, name="user_edit"),
]
