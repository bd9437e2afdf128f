"""Jurisdictions, their units, and the names documents use for them."""

from __future__ import annotations

from django.db import models


class Jurisdiction(models.Model):
    class Level(models.TextChoices):
        NATIONAL = "national", "Trung ương"
        PROVINCE = "province", "Tỉnh/thành phố trực thuộc TW"
        CITY = "city", "Thành phố/huyện/thị xã"
        COMMUNE = "commune", "Xã/phường"

    slug = models.SlugField("mã", max_length=64, unique=True)
    name = models.CharField("tên", max_length=200)
    level = models.CharField("cấp", max_length=16, choices=Level.choices, default=Level.CITY)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children", verbose_name="cấp trên"
    )

    class Meta:
        ordering = ["name"]
        verbose_name = "địa bàn"
        verbose_name_plural = "địa bàn"

    def __str__(self) -> str:
        return self.name


class Unit(models.Model):
    class Kind(models.TextChoices):
        PEOPLES_COMMITTEE = "ubnd", "Ủy ban nhân dân"
        OFFICE = "van_phong", "Văn phòng"
        DEPARTMENT = "phong", "Phòng/Sở"
        CENTRE = "trung_tam", "Trung tâm"
        BOARD = "ban", "Ban"
        SUB_DEPARTMENT = "chi_cuc", "Chi cục"
        POLICE = "cong_an", "Công an"
        MILITARY = "quan_su", "Quân sự"
        INSURANCE = "bao_hiem", "Bảo hiểm"
        ASSOCIATION = "hoi_doan_the", "Hội/đoàn thể"
        WARD = "ubnd_phuong", "UBND phường"
        COMMUNE = "ubnd_xa", "UBND xã"
        TOWNSHIP = "ubnd_thi_tran", "UBND thị trấn"
        INSPECTORATE = "thanh_tra", "Thanh tra"
        PARTY = "dang", "Cơ quan Đảng"
        OTHER = "khac", "Khác"

    jurisdiction = models.ForeignKey(
        Jurisdiction, on_delete=models.PROTECT, related_name="units", verbose_name="địa bàn"
    )
    kind = models.CharField("loại", max_length=16, choices=Kind.choices, default=Kind.DEPARTMENT)
    name = models.CharField("tên đầy đủ", max_length=255)
    short_name = models.CharField("tên viết tắt", max_length=64, blank=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children", verbose_name="trực thuộc"
    )
    email = models.EmailField("thư điện tử", blank=True)
    is_active = models.BooleanField("đang hoạt động", default=True)
    # Directory data that nobody has confirmed yet is flagged, not hidden.
    uncertain = models.BooleanField("cần xác minh", default=False)
    sort_order = models.PositiveIntegerField("thứ tự", default=0)
    note = models.TextField("ghi chú", blank=True)

    class Meta:
        ordering = ["jurisdiction", "sort_order", "name"]
        verbose_name = "đơn vị"
        verbose_name_plural = "đơn vị"
        constraints = [models.UniqueConstraint(fields=["jurisdiction", "name"], name="unit_unique_name")]

    def __str__(self) -> str:
        return self.name


class Alias(models.Model):
    class Source(models.TextChoices):
        DATA = "data", "Dữ liệu danh bạ"
        LEARNED = "learned", "Học từ duyệt"
        MANUAL = "manual", "Nhập tay"

    jurisdiction = models.ForeignKey(
        Jurisdiction, on_delete=models.CASCADE, related_name="aliases", verbose_name="địa bàn"
    )
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="aliases", verbose_name="đơn vị")
    text = models.CharField("cách viết", max_length=255)
    # Accent- and case-folded form, the lookup key.
    folded = models.CharField(max_length=255, db_index=True)
    source = models.CharField("nguồn", max_length=16, choices=Source.choices, default=Source.DATA)

    class Meta:
        verbose_name = "tên gọi khác"
        verbose_name_plural = "tên gọi khác"
        constraints = [
            models.UniqueConstraint(fields=["jurisdiction", "folded"], name="alias_unique_per_jurisdiction")
        ]

    def __str__(self) -> str:
        return f"{self.text} → {self.unit}"
