"""Import a directive document, review the extraction beside the source, publish.

Upload → an import job (jobs.imports: stored file, extraction in the background, progress page
in web.views.imports) → tracking.importing (all-or-nothing draft plan) → the review screen:
the extracted tasks in an editable table next to the document's text (the selected task's
source lines highlighted), agencies resolved or picked from the directory (learned as
aliases), tasks added / removed / split / merged, indicators and reporting duties edited,
then publish."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from nhiemvu.accounts.decorators import REVIEWERS, STAFF, role_required
from nhiemvu.directory.models import Jurisdiction, Unit
from nhiemvu.jobs import imports
from nhiemvu.jobs.models import ImportJob
from nhiemvu.tracking import permissions as perm
from nhiemvu.tracking import services
from nhiemvu.tracking.models import Assignment, Indicator, Plan, ReportingDuty, Task
from nhiemvu.web import forms, scope
from nhiemvu.web import services as review
from nhiemvu.web.views.tasks import _error_text, _form_errors

SESSION_PENDING = "nhiemvu.pending_import"


def _user_jurisdiction(user):
    membership = getattr(user, "membership", None)
    return membership.jurisdiction if membership else None


@role_required(*STAFF)
def plan_list(request):
    plans = perm.visible_plans(request.user).select_related("jurisdiction")
    rows = [{"plan": p, "tasks": p.tasks.count()} for p in plans[:200]]
    return render(request, "web/plan_list.html", {"rows": rows})


@role_required(*REVIEWERS)
def import_document(request):
    """Upload → the file is stored and an import job starts in the background → the job's
    progress page (web.views.imports), which goes on to the review screen when done."""
    fixed = _user_jurisdiction(request.user)
    choices = None if fixed else Jurisdiction.objects.all()
    if request.method == "POST":
        form = forms.ImportForm(request.POST, request.FILES, jurisdictions=choices)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            jurisdiction = fixed or form.cleaned_data["jurisdiction"]
            try:
                job = imports.submit(upload.read(), upload.name, jurisdiction, request.user)
            except (ValidationError, PermissionDenied) as exc:
                form.add_error("file", f"{upload.name}: {_error_text(exc)}")
            else:
                if job.state == ImportJob.State.FAILED:  # run at once (sync mode): the form with its error
                    form.add_error("file", job.error)
                elif job.state == ImportJob.State.DONE:
                    return after_import(request, job)
                else:
                    return redirect("web:import_job", pk=job.pk)
    else:
        form = forms.ImportForm(jurisdictions=choices)
    # The Office may leave a long import's page: its jobs stay reachable from here.
    recent = imports.visible_jobs(request.user).defer("extraction", "lines", "result")[:10]
    return render(request, "web/import.html", {"form": form, "recent": recent})


def after_import(request, job: ImportJob):
    """Where a finished import leads: the review screen, or the revision's confirmation."""
    plan = job.plan
    if plan is None or not perm.visible_plans(request.user).filter(pk=plan.pk).exists():
        messages.error(request, f"Tệp {job.name}: không còn kế hoạch của lượt nhập này.")
        return redirect("web:import")
    if job.outcome == ImportJob.Outcome.DUPLICATE:
        messages.info(request, f"Tệp {job.name} đã được nhập trước đây; mở lại kế hoạch đã có.")
        return redirect("web:plan", pk=plan.pk)
    if job.outcome == ImportJob.Outcome.NEEDS_CONFIRMATION:
        request.session[SESSION_PENDING] = {"job": job.pk}
        return render(request, "web/import_confirm.html", {"plan": plan, "diff": job.result.get("diff") or {},
                                                           "name": job.name, "job": job})
    unresolved = job.result.get("unresolved") or []
    if unresolved:
        messages.warning(request, f"{len(unresolved)} tên đơn vị chưa có trong danh bạ: hãy chọn đơn vị ở bảng dưới.")
    if job.outcome == ImportJob.Outcome.REPLACED:
        messages.success(request, "Đã thay bản nháp bằng văn bản sửa đổi.")
    else:
        messages.success(request, f"Đã đọc {job.name}: {plan.tasks.count()} nhiệm vụ. Kiểm tra rồi ban hành.")
    return redirect("web:plan", pk=plan.pk)


@role_required(*REVIEWERS)
@require_POST
def import_confirm(request):
    pending = request.session.pop(SESSION_PENDING, None) or {}
    job_id = request.POST.get("job") or pending.get("job")
    job = imports.visible_jobs(request.user).filter(pk=job_id).first() if str(job_id or "").isdigit() else None
    if job is None or job.outcome != ImportJob.Outcome.NEEDS_CONFIRMATION:
        messages.error(request, "Không còn tệp chờ xác nhận; hãy tải lên lại.")
        return redirect("web:import")
    try:
        new = imports.confirm_replace(job, request.user)
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, _error_text(exc))
        return redirect("web:import")
    if new.state == ImportJob.State.DONE:
        return after_import(request, new)
    return redirect("web:import_job", pk=new.pk)


def _unit_choices(plan: Plan):
    return list(Unit.objects.filter(jurisdiction=plan.jurisdiction, is_active=True).only("id", "name"))


def _candidates(plan: Plan, names: list[str]) -> dict[str, list[int]]:
    """Directory suggestions for the names the import could not resolve (best first)."""
    if not names:
        return {}
    try:
        from nhiemvu.directory.services import resolve_names
    except ImportError:
        return {}
    return {r.text: [uid for uid, _ in (r.candidates or [])][:5] for r in resolve_names(plan.jurisdiction, names)}


def _rows(plan: Plan, tasks) -> list[dict]:
    assignments: dict[int, list[Assignment]] = {}
    for a in Assignment.objects.filter(task__in=tasks).select_related("unit").order_by("role", "order"):
        assignments.setdefault(a.task_id, []).append(a)
    rows = []
    for t in tasks:
        items = assignments.get(t.pk, [])
        span = scope.source_range(t.source)
        rows.append({
            "task": t, "span": span,
            "lead": [a for a in items if a.role == "lead" and not a.via_group],
            "support": [a for a in items if a.role == "support" and not a.via_group],
            "lead_text": "; ".join(a.name_as_written or a.unit.name for a in items if a.role == "lead" and not a.via_group),
            "support_text": "; ".join(a.name_as_written or a.unit.name for a in items
                                      if a.role == "support" and not a.via_group),
            "problems": [a for a in items if a.kind == Assignment.Kind.UNRESOLVED],
        })
    return rows


@role_required(*STAFF)
def plan_detail(request, pk: int):
    plan = scope.plan_or_404(request.user, pk)
    editable = plan.status == Plan.Status.DRAFT and perm.can_review(request.user)
    tasks = list(plan.tasks.select_related("section").order_by("order"))
    rows = _rows(plan, tasks)
    unresolved_names = sorted({a.name_as_written for r in rows for a in r["problems"]})
    ctx = {
        "plan": plan, "rows": rows, "editable": editable,
        # The lines kept by the import (no second read, no second OCR), else read from the file.
        "lines": imports.lines_for_plan(plan.pk) or scope.document_lines(plan),
        "units": _unit_choices(plan) if editable else [],
        "candidates": _candidates(plan, unresolved_names) if editable else {},
        "unresolved_count": sum(len(r["problems"]) for r in rows),
        "indicators": [{"ind": i, "targets": review.format_targets(i), "span": scope.source_range(i.source)}
                       for i in plan.indicators.prefetch_related("targets").select_related("unit")],
        "duties": [{"duty": d, "dates": ", ".join(_vn(d) for d in d.due_dates), "span": scope.source_range(d.source)}
                   for d in plan.reporting_duties.all()],
        "cycles": ReportingDuty.Cycle.choices,
    }
    return render(request, "web/plan_review.html", ctx)


def _vn(iso: str) -> str:
    return f"{iso[8:10]}/{iso[5:7]}/{iso[0:4]}" if len(iso) >= 10 else iso


def _draft_task(request, pk: int) -> Task:
    task = scope.task_or_404(request.user, pk)
    if not perm.can_review_task(request.user, task):
        raise PermissionDenied
    return task


def _back_to(plan: Plan, anchor: str = ""):
    response = redirect("web:plan", pk=plan.pk)
    if anchor:
        response["Location"] += f"#{anchor}"
    return response


def _done(request, plan, fn, ok: str, anchor: str = ""):
    try:
        fn()
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, _error_text(exc))
    else:
        messages.success(request, ok)
    return _back_to(plan, anchor)


@role_required(*REVIEWERS)
@require_POST
def task_save(request, pk: int):
    task = _draft_task(request, pk)
    form = forms.ReviewTaskForm(request.POST)
    if not form.is_valid():
        if request.htmx:
            return _row_response(request, task, error=_form_errors(form))
        messages.error(request, f"Nhiệm vụ {task.ref}: {_form_errors(form)}")
        return _back_to(task.plan, f"t{task.pk}")
    d = form.cleaned_data

    def save():
        fields = {k: d[k] for k in ("ref", "content", "due_text", "start", "due", "recurring", "product", "funding",
                                        "directed_by")}
        changed = {k: v for k, v in fields.items() if getattr(task, k) != v}
        if changed:
            services.update_task(task, request.user, **changed)
        j = task.plan.jurisdiction
        review.set_agencies(task, "lead", review.split_names(j, d["lead"]), request.user)
        review.set_agencies(task, "support", review.split_names(j, d["support"]), request.user)

    if request.htmx:
        # Saved in place: answer with the row itself (agency chips re-resolved), no page reload.
        try:
            save()
        except (ValidationError, PermissionDenied) as exc:
            return _row_response(request, task, error=_error_text(exc))
        return _row_response(request, task, saved=True)
    return _done(request, task.plan, save, f"Đã lưu nhiệm vụ {task.ref}.", f"t{task.pk}")


def _row_response(request, task: Task, *, saved: bool = False, error: str = ""):
    task = Task.objects.select_related("section", "plan").get(pk=task.pk)
    plan = task.plan
    row = _rows(plan, [task])[0]
    names = sorted({a.name_as_written for a in row["problems"]})
    ctx = {"r": row, "editable": True, "units": _unit_choices(plan), "candidates": _candidates(plan, names),
           "saved": saved, "row_error": error}
    return render(request, "web/includes/review_row.html", ctx)


@role_required(*REVIEWERS)
@require_POST
def assignment_resolve(request, pk: int):
    assignment = get_object_or_404(Assignment.objects.select_related("task__plan"), pk=pk)
    task = _draft_task(request, assignment.task_id)
    unit = Unit.objects.filter(pk=request.POST.get("unit"), jurisdiction=task.plan.jurisdiction).first()
    if unit is None:
        messages.error(request, "Hãy chọn một đơn vị trong danh bạ.")
        return _back_to(task.plan, f"t{task.pk}")
    name = assignment.name_as_written

    def resolve_everywhere():
        # The same name is fixed in every task of the plan, and learned for the next import.
        same = Assignment.objects.filter(task__plan=task.plan, kind=Assignment.Kind.UNRESOLVED, name_as_written=name)
        first = True
        for a in same.select_related("task"):
            if Assignment.objects.filter(task=a.task, unit=unit, role=a.role).exists():
                continue
            services.set_assignment_unit(a, unit, request.user, learn=first)
            first = False

    return _done(request, task.plan, resolve_everywhere, f"“{name}” → {unit.name} (đã lưu làm tên gọi khác).",
                 f"t{task.pk}")


@role_required(*REVIEWERS)
@require_POST
def task_action(request, pk: int, action: str):
    task = _draft_task(request, pk)
    plan = task.plan
    actions = {
        "xoa": (lambda: review.remove_task(task, request.user), "Đã xoá nhiệm vụ.", ""),
        "tach": (lambda: review.split_task(task, request.user), "Đã tách nhiệm vụ thành hai.", f"t{task.pk}"),
        "gop": (lambda: review.merge_with_next(task, request.user), "Đã gộp với nhiệm vụ sau.", f"t{task.pk}"),
        "them": (lambda: review.add_task(plan, request.user, after=task), "Đã thêm nhiệm vụ mới.", f"t{task.pk}"),
    }
    if action not in actions:
        raise PermissionDenied
    fn, ok, anchor = actions[action]
    return _done(request, plan, fn, ok, anchor)


@role_required(*REVIEWERS)
@require_POST
def task_add(request, pk: int):
    plan = scope.plan_or_404(request.user, pk)
    return _done(request, plan, lambda: review.add_task(plan, request.user), "Đã thêm nhiệm vụ mới cuối danh sách.")


@role_required(*REVIEWERS)
@require_POST
def indicator_save(request, pk: int):
    ind = get_object_or_404(Indicator.objects.select_related("plan"), pk=pk)
    plan = scope.plan_or_404(request.user, ind.plan_id)
    if request.POST.get("action") == "xoa":
        return _done(request, plan, lambda: review.remove_indicator(ind, request.user), "Đã xoá chỉ tiêu.", "chi-tieu")
    unit = Unit.objects.filter(pk=request.POST.get("unit") or 0, jurisdiction=plan.jurisdiction).first()
    return _done(request, plan, lambda: review.update_indicator(
        ind, request.user, text=request.POST.get("text", ""), targets=request.POST.get("targets", ""), unit=unit),
        "Đã lưu chỉ tiêu.", "chi-tieu")


@role_required(*REVIEWERS)
@require_POST
def duty_save(request, pk: int):
    duty = get_object_or_404(ReportingDuty.objects.select_related("plan"), pk=pk)
    plan = scope.plan_or_404(request.user, duty.plan_id)
    if request.POST.get("action") == "xoa":
        return _done(request, plan, lambda: review.remove_duty(duty, request.user), "Đã xoá chế độ báo cáo.", "bao-cao")
    return _done(request, plan, lambda: review.update_duty(
        duty, request.user, text=request.POST.get("text", ""), cycle=request.POST.get("cycle", ""),
        due_dates=request.POST.get("due_dates", "")), "Đã lưu chế độ báo cáo.", "bao-cao")


@role_required(*REVIEWERS)
@require_POST
def publish(request, pk: int):
    plan = scope.plan_or_404(request.user, pk)
    left = Assignment.objects.filter(task__plan=plan, kind=Assignment.Kind.UNRESOLVED).count()
    if left and request.POST.get("confirm_unresolved") != "1":
        messages.error(request, f"Còn {left} tên đơn vị chưa xác định. Chọn đơn vị, hoặc đánh dấu xác nhận ban hành vẫn giữ nguyên.")
        return _back_to(plan)
    try:
        services.publish_plan(plan, request.user)
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, _error_text(exc))
        return _back_to(plan)
    messages.success(request, f"Đã ban hành {plan}: các đơn vị đã thấy nhiệm vụ của mình.")
    return redirect("web:plan", pk=plan.pk)


@role_required(*STAFF)
def plan_report(request, pk: int):
    """The period report form on the plan page → the reports app's download URL."""
    plan = scope.plan_or_404(request.user, pk)
    period = (request.GET.get("period") or "").strip().upper()
    fmt = request.GET.get("fmt", "docx")
    try:
        from nhiemvu.rules.periods import parse_period

        code = parse_period(period).code
    except ValueError:
        messages.error(request, "Kỳ báo cáo không hợp lệ (ví dụ 2023, 2023-Q2, 2023-H1, 2023-9M, 2023-05).")
        return redirect("web:plan", pk=plan.pk)
    if fmt not in ("docx", "xlsx"):
        fmt = "docx"
    return redirect("reports:plan", plan_id=plan.pk, period=code, fmt=fmt)
