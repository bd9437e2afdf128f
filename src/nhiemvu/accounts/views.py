"""Sign-in, sign-out and the users admin pages (admin role only)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.views import LoginView
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from nhiemvu.accounts import services
from nhiemvu.accounts.decorators import role_required
from nhiemvu.accounts.forms import ThrottledAuthenticationForm, UserForm
from nhiemvu.accounts.models import Role


class SignInView(LoginView):
    template_name = "accounts/login.html"
    authentication_form = ThrottledAuthenticationForm
    redirect_authenticated_user = True


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
