"""Task list (filters), task page, and the actions on a task. Every change goes through
tracking.services, which checks permission again and writes the audit log."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.html import format_html
from django.views.decorators.http import require_POST

from nhiemvu.accounts.decorators import role_required
from nhiemvu.accounts.models import Role, role_of, unit_of
from nhiemvu.audit.models import AuditEvent
from nhiemvu.rules import status as st
from nhiemvu.tracking import permissions as perm
from nhiemvu.tracking import services
from nhiemvu.tracking.models import Assignment, Evidence, ProgressUpdate, RemovalRequest, Task
from nhiemvu.web import forms, scope
from nhiemvu.web.cache import cached, cached_part
from nhiemvu.web.filters import cleaned, filter_context, filter_tasks, with_status_filter

SEARCH_LIMIT = 2000


def _error_text(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    return str(exc) or "Bạn không có quyền thực hiện thao tác này."


@role_required()
def task_list(request):
    searching = request.resolver_match.url_name == "search"
    # The list body (filters, rows, pager) is the same for every user of the same scope and
    # query string until the data changes: kept rendered (cache.cached_part).
    body = cached_part(request, "task-list-body", "web/includes/task_list_body.html",
                       lambda: _list_context(request, searching))
    return render(request, "web/task_list.html", {"body": body, "searching": searching})


def _list_context(request, searching: bool) -> dict:
    form = forms.TaskFilterForm(request.GET or None)
    qs, active = filter_tasks(request.user, form)
    qs = qs.select_related("plan", "section").prefetch_related("assignments__unit")
    order = request.GET.get("sap_xep", "due")
    orderings = {"due": ("due", "plan_id", "order"), "-due": ("-due", "plan_id", "order"),
                 "ref": ("plan_id", "order"), "urge": ("-urge_count", "due")}
    qs = qs.order_by(*orderings.get(order, orderings["due"]))
    if "q" in active:
        # A word search scans the whole table (LIKE '%word%' can use no index): take the
        # matching ids in order, then load only the page shown. The ids are kept until the data
        # changes (the key holds the latest audit event), so paging through the results or the
        # same search again does not scan the table again.
        membership = getattr(request.user, "membership", None)
        who = (role_of(request.user), getattr(membership, "jurisdiction_id", None), getattr(membership, "unit_id", None))
        params = tuple(sorted((k, str(v)) for k, v in cleaned(form).items() if v not in (None, "")))
        ids = cached("search-ids", (who, params, order),
                     lambda: list(qs.values_list("pk", flat=True)[:SEARCH_LIMIT]))
        page = Paginator(ids, 50).get_page(request.GET.get("trang"))
        rows = {t.pk: t for t in with_status_filter(Task.objects.filter(pk__in=list(page.object_list)), None)
                .select_related("plan", "section").prefetch_related("assignments__unit")}
        page.object_list = [rows[pk] for pk in page.object_list if pk in rows]
    else:
        page = Paginator(qs, 50).get_page(request.GET.get("trang"))
    return {"form": form, "page": page, "active": active, "order": order, "searching": searching,
            **filter_context(request.user, active.get("plan"))}


def _audit_for(task, updates, extensions, urges, assignments) -> list[AuditEvent]:
    # The related objects are already loaded for the page: their ids cost no query.
    ids = {
        "tracking.task": [task.pk],
        "tracking.progressupdate": [o.pk for o in updates],
        "tracking.extension": [o.pk for o in extensions],
        "tracking.urge": [o.pk for o in urges],
        "tracking.assignment": [o.pk for o in assignments],
    }
    cond = Q()
    for kind, pks in ids.items():
        if pks:
            cond |= Q(object_type=kind, object_id__in=[str(p) for p in pks])
    return list(AuditEvent.objects.filter(cond).order_by("-at", "-id")[:200])


@role_required()
def task_detail(request, pk: int):
    task = scope.task_or_404(request.user, pk)
    # Checked above on every request; the body (history, forms, audit trail: ~15 queries) is
    # the same for every user of the same scope until the data changes.
    body = cached_part(request, "task-body", "web/includes/task_detail_body.html",
                       lambda: _detail_context(request, task))
    return render(request, "web/task_detail.html", {"task": task, "body": body})


def _detail_context(request, task) -> dict:
    today = timezone.localdate()
    status = st.compute_status(task, today, due_soon_days=settings.NHIEMVU_DUE_SOON_DAYS)
    assignments = list(task.assignments.select_related("unit").order_by("role", "order"))
    own = unit_of(request.user)
    role = role_of(request.user)
    own_roles = {a.role for a in assignments if own is not None and a.unit_id == own.pk and a.removed_on is None}
    can_report = perm.can_report(request.user, task, own) if role == Role.AGENCY else False
    is_lead = Assignment.Role.LEAD in own_roles
    span = scope.source_range(task.source)
    excerpt = []
    if span:
        lines = scope.document_lines(task.plan)
        first, last = max(1, span[0] - 2), min(len(lines), span[1] + 2)
        excerpt = [(n, lines[n - 1], span[0] <= n <= span[1]) for n in range(first, last + 1)]
    updates = list(task.updates.select_related("unit", "author", "reviewed_by").prefetch_related("evidence"))
    extensions = list(task.extensions.select_related("unit", "requested_by", "decided_by"))
    urges = list(task.urges.select_related("unit", "actor"))
    latest = next((u for u in updates if u.state == ProgressUpdate.State.ACCEPTED), None) or (updates[0] if updates else None)
    return {
        "task": task,
        "status": status,
        "lead": _grouped([a for a in assignments if a.role == Assignment.Role.LEAD]),
        "support": _grouped([a for a in assignments if a.role == Assignment.Role.SUPPORT]),
        "updates": updates,
        "latest": latest,
        "extensions": extensions,
        "removals": list(RemovalRequest.objects.filter(assignment__task=task).select_related("assignment__unit")),
        "urges": urges,
        "audit": _audit_for(task, updates, extensions, urges, assignments),
        "excerpt": excerpt,
        "span": span,
        "can_report": can_report,
        "is_lead": is_lead,
        "own_roles": own_roles,
        "can_review": perm.can_review_task(request.user, task),
        "completion_pending": any(u.completion and u.state == ProgressUpdate.State.SUBMITTED for u in updates),
        "open": task.completed_on is None and not task.cancelled,
        "progress_form": forms.ProgressForm(initial={"percent": latest.percent if latest else 0}),
        "extension_form": forms.ExtensionForm(),
        "removal_form": forms.RemovalForm(),
        "urge_form": forms.UrgeForm(),
        "cancel_form": forms.CancelForm(),
        "comment_form": forms.CommentForm(),
    }


def _back(task):
    return redirect("web:task", pk=task.pk)


def _run(request, task, action, ok_message: str):
    try:
        action()
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, _error_text(exc))
    else:
        messages.success(request, ok_message)
    return _back(task)


def _form_errors(form) -> str:
    return " ".join(str(e) for errs in form.errors.values() for e in errs)


@role_required(Role.AGENCY)
@require_POST
def report_progress(request, pk: int):
    task = scope.task_or_404(request.user, pk)
    form = forms.ProgressForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        return _back(task)
    d = form.cleaned_data
    unit = unit_of(request.user)
    done = "Đã gửi báo cáo hoàn thành; chờ Văn phòng xem xét." if d["completion"] else "Đã gửi báo cáo tiến độ."
    return _run(request, task, lambda: services.submit_progress(
        task, unit, request.user, percent=d["percent"], text=d["text"], period=d["period"] or None,
        completion=d["completion"], files=d["files"]), done)


def _grouped(assignments: list) -> list:
    """Assignments as shown: a group phrase ("UBND các phường, xã") once, with the units it
    was expanded to folded under it, instead of dozens of separate names."""
    members: dict[str, list] = {}
    for a in assignments:
        if a.via_group:
            members.setdefault(a.via_group, []).append(a)
    shown = []
    for a in assignments:
        if a.via_group:
            continue
        a.members = members.pop(a.name_as_written, []) if a.kind == Assignment.Kind.GROUP else []
        shown.append(a)
    for units in members.values():  # expanded units whose group row is absent
        shown.extend(units)
    return shown


@role_required(Role.AGENCY)
@require_POST
def request_extension(request, pk: int):
    task = scope.task_or_404(request.user, pk)
    form = forms.ExtensionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        return _back(task)
    d = form.cleaned_data
    return _run(request, task, lambda: services.request_extension(
        task, unit_of(request.user), request.user, new_due=d["new_due"], reason=d["reason"]),
        "Đã gửi đề nghị gia hạn.")


@role_required(Role.AGENCY)
@require_POST
def request_removal(request, pk: int):
    task = scope.task_or_404(request.user, pk)
    form = forms.RemovalForm(request.POST)
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        return _back(task)
    d = form.cleaned_data
    return _run(request, task, lambda: services.request_removal(
        task, unit_of(request.user), request.user, reason=d["reason"], reason_kind=d["reason_kind"]),
        "Đã gửi đề nghị rút nhiệm vụ.")


@role_required(Role.ADMIN, Role.OFFICE)
@require_POST
def review_update(request, pk: int):
    update = scope.update_or_404(request.user, pk)
    comment = forms.CommentForm(request.POST)
    comment.is_valid()
    text = comment.cleaned_data.get("comment", "")
    if request.POST.get("decision") == "accept":
        return _run(request, update.task, lambda: services.accept_progress(update, request.user),
                    "Đã chấp nhận báo cáo." + (" Nhiệm vụ được ghi nhận hoàn thành." if update.completion else ""))
    return _run(request, update.task, lambda: services.return_progress(update, request.user, text),
                "Đã trả lại báo cáo cho đơn vị.")


@role_required(Role.ADMIN, Role.OFFICE)
@require_POST
def decide_extension(request, pk: int):
    ext = scope.extension_or_404(request.user, pk)
    comment = forms.CommentForm(request.POST)
    comment.is_valid()
    approve = request.POST.get("decision") == "approve"
    return _run(request, ext.task, lambda: services.decide_extension(
        ext, request.user, approve=approve, comment=comment.cleaned_data.get("comment", "")),
        "Đã đồng ý gia hạn." if approve else "Đã từ chối gia hạn.")


@role_required(Role.ADMIN, Role.OFFICE)
@require_POST
def decide_removal(request, pk: int):
    req = scope.removal_or_404(request.user, pk)
    comment = forms.CommentForm(request.POST)
    comment.is_valid()
    approve = request.POST.get("decision") == "approve"
    return _run(request, req.assignment.task, lambda: services.decide_removal(
        req, request.user, approve=approve, comment=comment.cleaned_data.get("comment", "")),
        "Đã đồng ý rút nhiệm vụ." if approve else "Đã từ chối đề nghị rút nhiệm vụ.")


@role_required(Role.ADMIN, Role.OFFICE)
@require_POST
def urge(request, pk: int):
    task = scope.task_or_404(request.user, pk)
    form = forms.UrgeForm(request.POST)
    form.is_valid()
    note = form.cleaned_data.get("note", "")
    if request.htmx:
        # One click from the dashboard: answer with the cell's new content, no page reload.
        try:
            services.urge(task, request.user, note=note)
        except (ValidationError, PermissionDenied) as exc:
            return HttpResponse(format_html('<span class="tag tag-bad">{}</span>', _error_text(exc)))
        task.refresh_from_db(fields=["urge_count"])
        return HttpResponse(format_html('<span class="badge st-accepted">Đã đôn đốc ({})</span>', task.urge_count))
    response = _run(request, task, lambda: services.urge(task, request.user, note=note), "Đã đôn đốc đơn vị chủ trì.")
    nxt = request.POST.get("next", "")
    if nxt.startswith("/") and not nxt.startswith("//"):
        return redirect(nxt)
    return response


@role_required(Role.ADMIN, Role.OFFICE)
@require_POST
def cancel(request, pk: int):
    task = scope.task_or_404(request.user, pk)
    form = forms.CancelForm(request.POST)
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        return _back(task)
    d = form.cleaned_data
    return _run(request, task, lambda: services.cancel_task(task, request.user, decision=d["decision"],
                                                            reason=d["reason"]), "Đã huỷ nhiệm vụ.")


@role_required()
def evidence_download(request, pk: int):
    ev: Evidence = scope.evidence_or_404(request.user, pk)
    from nhiemvu.tracking.documents import open_file

    return FileResponse(open_file(ev.file), as_attachment=True, filename=ev.name,
                        content_type=ev.file.content_type or "application/octet-stream")


