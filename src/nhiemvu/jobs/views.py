"""The user's own in-app notifications (reminders)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from nhiemvu.jobs import services


@login_required
def notifications(request):
    return render(request, "jobs/notifications.html", {
        "items": services.for_user(request.user), "unread": services.unread_count(request.user),
    })


@login_required
@require_POST
def mark_read(request):
    raw = request.POST.getlist("id")
    ids = [int(x) for x in raw if x.isdigit()] if raw else None
    services.mark_read(request.user, ids)
    return redirect("jobs:notifications")
