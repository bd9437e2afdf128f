from django.contrib.auth.views import LogoutView, PasswordChangeDoneView
from django.urls import path

from nhiemvu.accounts import views

app_name = "accounts"
urlpatterns = [
    path("dang-nhap/", views.SignInView.as_view(), name="login"),
    path("dang-xuat/", LogoutView.as_view(), name="logout"),
    path("doi-mat-khau/", views.ChangePasswordView.as_view(), name="password_change"),
    path("doi-mat-khau/xong/", PasswordChangeDoneView.as_view(template_name="accounts/password_done.html"),
         name="password_change_done"),
    path("nguoi-dung/", views.user_list, name="users"),
    path("nguoi-dung/moi/", views.user_edit, name="user_new"),
    path("nguoi-dung/<int:pk>/", views.user_edit, name="user_edit"),
]
