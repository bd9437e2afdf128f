"""Sign-in and user administration forms (Vietnamese labels and messages)."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from nhiemvu.accounts import throttle
from nhiemvu.accounts.models import Role
from nhiemvu.directory.models import Jurisdiction, Unit

LOCKED_MESSAGE = "Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau {minutes} phút."


class ThrottledAuthenticationForm(AuthenticationForm):
    """Django's sign-in form, refusing attempts while the user name or address is locked."""

    error_messages = {
        "invalid_login": "Tên đăng nhập hoặc mật khẩu không đúng.",
        "inactive": "Tài khoản này đã bị khoá.",
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = "Tên đăng nhập"
        self.fields["password"].label = "Mật khẩu"

    def clean(self):
        username = self.cleaned_data.get("username") or ""
        ip = throttle.client_ip(self.request) if self.request else None
        if throttle.is_locked(username, ip):
            raise ValidationError(
                LOCKED_MESSAGE.format(minutes=int(throttle.WINDOW.total_seconds() // 60)), code="locked"
            )
        try:
            cleaned = super().clean()
        except ValidationError:
            throttle.note_failure(username, ip)
            raise
        throttle.clear(username)
        return cleaned


class UserForm(forms.Form):
    username = forms.RegexField(
        label="Tên đăng nhập", max_length=150, regex=r"^[\w.@+-]+$",
        error_messages={"invalid": "Chỉ dùng chữ, số và các ký tự . @ + - _"},
    )
    full_name = forms.CharField(label="Họ và tên", max_length=150, required=False)
    email = forms.EmailField(label="Thư điện tử", required=False)
    role = forms.ChoiceField(label="Vai trò", choices=Role.choices)
    jurisdiction = forms.ModelChoiceField(
        label="Địa bàn", queryset=Jurisdiction.objects.all(), required=False, empty_label="— Tất cả —"
    )
    unit = forms.ModelChoiceField(
        label="Đơn vị", queryset=Unit.objects.filter(is_active=True), required=False, empty_label="— Không —",
        help_text="Bắt buộc với cán bộ đơn vị.",
    )
    is_active = forms.BooleanField(label="Đang hoạt động", required=False, initial=True)
    password = forms.CharField(
        label="Mật khẩu", widget=forms.PasswordInput(render_value=False), required=False,
        help_text="Ít nhất 8 ký tự. Để trống khi sửa nếu không đổi mật khẩu.",
    )

    def __init__(self, *args, instance=None, **kwargs):
        self.instance = instance
        super().__init__(*args, **kwargs)
        if instance is not None:
            self.fields["username"].disabled = True

    def clean_username(self):
        username = self.cleaned_data["username"]
        users = get_user_model().objects.filter(username__iexact=username)
        if self.instance is not None:
            users = users.exclude(pk=self.instance.pk)
        if users.exists():
            raise ValidationError("Tên đăng nhập này đã có người dùng.")
        return username

    def clean(self):
        data = super().clean()
        if data.get("role") == Role.AGENCY and not data.get("unit"):
            self.add_error("unit", "Cán bộ đơn vị phải thuộc một đơn vị.")
        password = data.get("password")
        if self.instance is None and not password:
            self.add_error("password", "Cần đặt mật khẩu cho người dùng mới.")
        if password:
            try:
                validate_password(password)
            except ValidationError as exc:
                self.add_error("password", exc)
        return data
