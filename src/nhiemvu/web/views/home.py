from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from nhiemvu.accounts.models import Role, role_of


@login_required
def home(request):
    """Each role lands on its daily page."""
    role = role_of(request.user)
    if role == Role.AGENCY:
        return redirect("web:inbox")
    if role in (Role.ADMIN, Role.OFFICE, Role.LEADER):
        return redirect("web:dashboard")
    return redirect("web:no_role")


@login_required
def no_role(request):
    return render(request, "web/no_role.html", status=403)
