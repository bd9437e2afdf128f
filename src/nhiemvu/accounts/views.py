"""Sign-in, sign-out and the users admin pages (admin role only)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.views import LoginView, PasswordChangeView
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.views.decorators.http import require_http_methods

from nhiemvu.accounts import services
from nhiemvu.accounts.decorators import role_required
from nhiemvu.accounts.forms import ThrottledAuthenticationForm, UserForm
from nhiemvu.accounts.models import Role


class SignInView(LoginView):
    template_name = "accounts/login.html"
    authentication_form = ThrottledAuthenticationForm
    redirect_authenticated_user = True


class ChangePasswordView(PasswordChangeView):
    """Django's password change (argon2), logged in the audit trail."""

    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:password_change_done")

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        labels = {"old_password": "Mật khẩu hiện tại", "new_password1": "Mật khẩu mới",
                  "new_password2": "Nhập lại mật khẩu mới"}
        for name, label in labels.items():
            form.fields[name].label = label
        form.fields["new_password1"].help_text = "Ít nhất 8 ký tự, không quá phổ biến."
        return form

    def form_valid(self, form):
        response = super().form_valid(form)
        from nhiemvu.audit.services import record

        record("user.password", self.request.user, actor=self.request.user, note="tự đổi mật khẩu")
        return response


@role_required(Role.ADMIN)
def user_list(request):
    users = get_user_model().objects.select_related("membership__unit", "membership__jurisdiction").order_by(
        "username"
    )
    return render(request, "accounts/user_list.html", {"users": users})


@role_required(Role.ADMIN)
@require_http_methods(["GET", "POST"])
def user_edit(request, pk: int | None = None):
    user = get_object_or_404(get_user_model(), pk=pk) if pk else None
    if request.method == "POST":
        form = UserForm(request.POST, instance=user)
        if form.is_valid():
            saved = services.save_user(form.cleaned_data, actor=request.user, user=user)
            messages.success(request, f"Đã lưu người dùng {saved.username}.")
            return redirect("accounts:users")
    else:
        initial = {"is_active": True}
        if user is not None:
            m = getattr(user, "membership", None)
            initial.update(
                username=user.username, full_name=user.first_name, email=user.email, is_active=user.is_active,
                role=m.role if m else Role.AGENCY, jurisdiction=m.jurisdiction if m else None,
                unit=m.unit if m else None,
            )
        form = UserForm(initial=initial, instance=user)
    return render(request, "accounts/user_form.html", {"form": form, "edited": user})
