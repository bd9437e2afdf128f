"""Forms of the pages. Labels and messages in Vietnamese; dates typed dd/mm/yyyy."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError

from nhiemvu.rules import status as st
from nhiemvu.tracking.models import RemovalRequest

DATE_INPUTS = ["%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y"]
# Evidence files: kinds recognised by content (nhiemvu.ingest.detect) plus common images.
EVIDENCE_KINDS = {"pdf", "docx", "xlsx", "doc", "xls", "odt", "ods", "text", "png", "jpeg"}
MAX_EVIDENCE_BYTES = getattr(settings, "NHIEMVU_MAX_EVIDENCE_BYTES", 20 * 1024 * 1024)
MAX_EVIDENCE_FILES = 5
IMPORT_SUFFIXES = (".txt", ".md", ".docx", ".pdf", ".xlsx")


class DateField(forms.DateField):
    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", DATE_INPUTS)
        kwargs.setdefault("widget", forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"}))
        kwargs.setdefault("error_messages", {"invalid": "Ngày không hợp lệ (dd/mm/yyyy)."})
        super().__init__(**kwargs)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data if d]
        return [single(data, initial)] if data else []


def file_kind(head: bytes, data: bytes) -> str:
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    from nhiemvu.ingest.detect import detect_kind

    return detect_kind(data)


def check_evidence(files: list) -> list[tuple[str, bytes]]:
    """Read and check uploaded evidence by size and by content type (never by name)."""
    if len(files) > MAX_EVIDENCE_FILES:
        raise ValidationError(f"Tối đa {MAX_EVIDENCE_FILES} tệp minh chứng mỗi lần.")
    out = []
    for f in files:
        if f.size > MAX_EVIDENCE_BYTES:
            raise ValidationError(
                f"Tệp {f.name} nặng {f.size / 1e6:.1f} MB, vượt giới hạn {MAX_EVIDENCE_BYTES / 1e6:.0f} MB."
            )
        data = f.read()
        kind = file_kind(data[:16], data)
        if kind not in EVIDENCE_KINDS:
            raise ValidationError(
                f"Tệp {f.name} không phải loại được nhận (PDF, Word, Excel, ảnh PNG/JPEG, văn bản)."
            )
        out.append((f.name, data))
    return out


class ProgressForm(forms.Form):
    percent = forms.IntegerField(label="Tỷ lệ hoàn thành (%)", min_value=0, max_value=100, initial=0)
    text = forms.CharField(label="Kết quả thực hiện", widget=forms.Textarea(attrs={"rows": 4}), max_length=20000)
    period = forms.CharField(label="Kỳ báo cáo", required=False, max_length=16,
                             help_text="Ví dụ 2023-Q2, 2023-05; để trống nếu không theo kỳ.")
    files = MultipleFileField(label="Tệp minh chứng", required=False,
                              help_text="PDF, Word, Excel, ảnh; tối đa 5 tệp, mỗi tệp 20 MB.")
    completion = forms.BooleanField(label="Đây là báo cáo hoàn thành nhiệm vụ", required=False)

    def clean_files(self):
        return check_evidence(self.cleaned_data.get("files") or [])


class ExtensionForm(forms.Form):
    new_due = DateField(label="Hạn đề nghị mới")
    reason = forms.CharField(label="Lý do", widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)


class RemovalForm(forms.Form):
    reason_kind = forms.ChoiceField(label="Loại lý do", choices=RemovalRequest.Reason.choices)
    reason = forms.CharField(label="Lý do", widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)


class CommentForm(forms.Form):
    comment = forms.CharField(label="Ý kiến", widget=forms.Textarea(attrs={"rows": 2}), required=False,
                              max_length=5000)


class UrgeForm(forms.Form):
    note = forms.CharField(label="Nội dung đôn đốc", widget=forms.Textarea(attrs={"rows": 2}), required=False,
                           max_length=5000)


class CancelForm(forms.Form):
    decision = forms.CharField(label="Văn bản quyết định huỷ", max_length=255,
                               help_text="Số hiệu văn bản, ví dụ 123/QĐ-UBND.")
    reason = forms.CharField(label="Lý do", widget=forms.Textarea(attrs={"rows": 2}), required=False,
                             max_length=5000)


class TaskFilterForm(forms.Form):
    q = forms.CharField(label="Từ khoá", required=False)
    plan = forms.IntegerField(label="Kế hoạch", required=False, widget=forms.Select)
    unit = forms.IntegerField(label="Đơn vị", required=False, widget=forms.Select)
    section = forms.IntegerField(label="Mục", required=False, widget=forms.Select)
    status = forms.ChoiceField(label="Tình trạng", required=False,
                               choices=[("", "— Tất cả —"), *((c, st.LABELS[c]) for c in st.STATUSES),
                                        ("stale", "Lâu không cập nhật"), ("escalated", "Đã đôn đốc nhiều lần")])
    period = forms.CharField(label="Kỳ (hạn trong)", required=False, max_length=16,
                             widget=forms.TextInput(attrs={"placeholder": "2023, 2023-Q2, 2023-05"}))


class ImportForm(forms.Form):
    file = forms.FileField(label="Văn bản chỉ đạo",
                           help_text="Tệp .docx, .pdf, .xlsx, .txt hoặc .md (Quyết định, Kế hoạch, Phụ lục).")

    def __init__(self, *args, jurisdictions=None, **kwargs):
        super().__init__(*args, **kwargs)
        if jurisdictions is not None:
            self.fields["jurisdiction"] = forms.ModelChoiceField(
                label="Địa bàn", queryset=jurisdictions, empty_label=None
            )
            self.order_fields(["jurisdiction", "file"])

    def clean_file(self):
        f = self.cleaned_data["file"]
        limit = settings.NHIEMVU_MAX_UPLOAD_BYTES
        if f.size > limit:
            raise ValidationError(f"Tệp {f.name} nặng {f.size / 1e6:.1f} MB, vượt giới hạn {limit / 1e6:.0f} MB.")
        if not f.name.lower().endswith(IMPORT_SUFFIXES):
            # The reader decides by content; the name check only catches obvious mistakes early.
            raise ValidationError(f"Tệp {f.name}: chỉ nhận .docx, .pdf, .xlsx, .txt, .md.")
        return f


class ReviewTaskForm(forms.Form):
    ref = forms.CharField(label="Số", max_length=64, required=False)
    content = forms.CharField(label="Nội dung", widget=forms.Textarea)
    lead = forms.CharField(label="Chủ trì", required=False, max_length=2000)
    support = forms.CharField(label="Phối hợp", required=False, max_length=4000)
    due_text = forms.CharField(label="Thời gian (nguyên văn)", max_length=500, required=False)
    start = DateField(label="Từ ngày", required=False)
    due = DateField(label="Hạn", required=False)
    recurring = forms.BooleanField(label="Thường xuyên", required=False)
    product = forms.CharField(label="Sản phẩm", required=False)
    funding = forms.CharField(label="Kinh phí", required=False)
    directed_by = forms.CharField(label="Chỉ đạo thực hiện", required=False, max_length=255)

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("due") and data["start"] > data["due"]:
            raise ValidationError("Ngày bắt đầu phải trước hạn hoàn thành.")
        return data
